package io.genlake.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * The kinds of bad row the generator plants, named as in the summary ({@code bad_rows} keys) and in
 * docs/generate.md. Each bad row breaks exactly one rule; which rules a kind and format can break is
 * decided here.
 */
enum BadRule {
  /** A JSON Lines line cut short: not a JSON object. */
  MALFORMED_JSON("malformed_json"),
  /** A number or boolean field holding a word ({@code "fit_rating": "five"}). */
  WRONG_TYPE("wrong_type"),
  /** A value outside its range (fit_rating 7, realism_score 140, latency_ms -250, version_number 0). */
  OUT_OF_RANGE("out_of_range"),
  /** A value outside a closed enumeration (status "exploded", role_in_sequence "middle"). */
  UNKNOWN_ENUM("unknown_enum"),
  /** A required field absent (JSON), empty (CSV) or NULL (SQLite). */
  MISSING_FIELD("missing_field"),
  /** A string field longer than ingest.max_string_length (65,536): 70,000 characters. */
  STRING_TOO_LONG("string_too_long"),
  /** A line holding bytes that are not UTF-8 (0xFF 0xFE) inside a string. */
  INVALID_UTF8("invalid_utf8"),
  /** A CSV row with more cells than its header. */
  MALFORMED_CSV("malformed_csv");

  final String label;

  BadRule(String label) {
    this.label = label;
  }

  /** Oversized strings are capped per kind so that files stay small at any scale. */
  static final int TOO_LONG_PER_KIND = 2;
  static final int TOO_LONG_LENGTH = 70_000;

  /** The rules a row of {@code kind} written as {@code format} can break. */
  static List<BadRule> applicable(Kind kind, Format format) {
    List<BadRule> rules = new ArrayList<>();
    if (format == Format.JSONL) {
      rules.add(MALFORMED_JSON);
    }
    if (format == Format.CSV) {
      rules.add(MALFORMED_CSV);
    }
    boolean sqlite = format == Format.SQLITE;
    if (!sqlite || kind != Kind.PREFERENCE_EVENTS) {
      rules.add(WRONG_TYPE);
    }
    if (kind.rangeField != null) {
      rules.add(OUT_OF_RANGE);
    }
    if (kind.enumField != null && (!sqlite || kind != Kind.PREFERENCE_EVENTS)) {
      rules.add(UNKNOWN_ENUM);
    }
    if (!sqlite || kind != Kind.SESSIONS) {
      rules.add(MISSING_FIELD);
    }
    rules.add(STRING_TOO_LONG);
    if (!sqlite) {
      rules.add(INVALID_UTF8);
    }
    return rules;
  }

  /**
   * Breaks this rule in a copy of a good row (already re-keyed). Rules that act on the written text
   * (malformed JSON, invalid UTF-8, bad CSV row) are applied by the writer; invalid UTF-8 marks its field.
   */
  void corrupt(Kind kind, Object[] row) {
    switch (this) {
      case WRONG_TYPE -> row[kind.index(kind.wrongTypeField)] = kind.wrongTypeValue;
      case OUT_OF_RANGE -> row[kind.index(kind.rangeField)] = kind.rangeValue;
      case UNKNOWN_ENUM -> row[kind.index(kind.enumField)] = kind.enumValue;
      case MISSING_FIELD -> row[kind.index(kind.requiredField)] = null;
      case STRING_TOO_LONG -> row[kind.index(kind.textField)] = oversized();
      case INVALID_UTF8 -> {
        int i = kind.index(kind.textField);
        row[i] = (row[i] == null ? "note " : row[i] + " ") + INVALID_UTF8_MARKER;
      }
      default -> { }
    }
  }

  /**
   * A Latin-1 character the generated data never holds, whose UTF-8 bytes (C3 BF) the writer replaces with
   * bytes that are never UTF-8 (FF FE). Latin-1 keeps the writers' StringBuilders compact.
   */
  static final char INVALID_UTF8_MARKER = '\u00FF';
  static final byte[] INVALID_UTF8_BYTES = {(byte) 0xFF, (byte) 0xFE};

  /** Replaces the marker's UTF-8 bytes in {@code line} with bytes that are not UTF-8. */
  static void breakUtf8(byte[] line) {
    for (int i = 0; i + 1 < line.length; i++) {
      if (line[i] == (byte) 0xC3 && line[i + 1] == (byte) 0xBF) {
        System.arraycopy(INVALID_UTF8_BYTES, 0, line, i, 2);
        return;
      }
    }
    throw new IllegalStateException("invalid UTF-8 marker not found in the line");
  }

  private static String oversized() {
    String unit = "ultra detailed, ";
    StringBuilder sb = new StringBuilder(TOO_LONG_LENGTH + unit.length());
    while (sb.length() < TOO_LONG_LENGTH) {
      sb.append(unit);
    }
    sb.setLength(TOO_LONG_LENGTH);
    return sb.toString();
  }
}

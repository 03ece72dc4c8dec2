package io.genlake.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.types.StructField;

/**
 * Random landing records for the fuzz tests, from a seeded {@link Random} so every run sees the same inputs:
 * random bytes, random JSON (mostly near-valid records of a kind with some values replaced by hostile ones:
 * numbers past a double's range, deep nesting, duplicate keys, lone surrogates, whitespace, wrong types) and random
 * CSV rows under a kind's header. JSON Lines lines never hold a newline, so each line is one record.
 */
final class FuzzRecords {
  private static final String[] HOSTILE_NUMBERS = {"1e999", "-1e999", "1e-999", "123456789012345678901234567890",
      "-0", "0.1e1", "1.5", "9223372036854775808", "-9223372036854775809", "2.0", "1E+40", "7"};
  private static final String[] HOSTILE_STRINGS = {"", " ", "\\t", "\\ud800", "\\udc00x", "\\ud83d\\ude00", "2026-11-20T10:00:00Z",
      "2999-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "true", "1", "[]", "{}", "{\\\"a\\\":1,\\\"a\\\":2}", "[1e999]",
      "not-a-uuid", "3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b", "completed", "text_to_image", "selected", "\\u0000",
      "\\\"", "\\\\"};

  private final Random random;

  FuzzRecords(long seed) {
    this.random = new Random(seed);
  }

  /** A line of 0 to 200 random bytes, without newlines. */
  byte[] randomBytes() {
    byte[] b = new byte[random.nextInt(200)];
    random.nextBytes(b);
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '\n') {
        b[i] = ' ';
      }
    }
    return b;
  }

  /** A JSON object with {@code kind}'s field names (and some others), values random and often hostile. */
  String randomJson(Kind kind) {
    List<String> names = fieldNames(kind);
    StringBuilder b = new StringBuilder("{");
    int n = random.nextInt(names.size() + 3);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(',');
      }
      String name = random.nextInt(10) == 0 ? "x" + random.nextInt(3) : names.get(random.nextInt(names.size()));
      b.append('"').append(name).append("\":").append(value(0));
    }
    b.append('}');
    String s = b.toString();
    // now and then, break the text itself
    return switch (random.nextInt(20)) {
      case 0 -> s.substring(0, random.nextInt(s.length()));
      case 1 -> s + " " + s;
      case 2 -> "[" + s + "]";
      default -> s;
    };
  }

  /** A CSV row of {@code cells} cells (sometimes one more or less), each random: quoted, JSON text, hostile. */
  String randomCsvRow(int cells) {
    int n = Math.max(0, cells + random.nextInt(5) / 4 - random.nextInt(5) / 4);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(switch (random.nextInt(6)) {
        case 0 -> "";
        case 1 -> HOSTILE_NUMBERS[random.nextInt(HOSTILE_NUMBERS.length)];
        case 2 -> HOSTILE_STRINGS[random.nextInt(HOSTILE_STRINGS.length)].replace("\\\"", "\"\"");
        case 3 -> "\"" + value(0).replace("\"", "\"\"") + "\"";
        case 4 -> "\"a, \"\"b\"\"\nc\"";
        default -> random.nextInt(30) == 0 ? "\"unclosed" : Integer.toString(random.nextInt(100));
      });
    }
    return String.join(",", out);
  }

  /** The field names a kind's records use: its silver columns and their aliases. */
  static List<String> fieldNames(Kind kind) {
    List<String> names = new ArrayList<>();
    for (StructField f : kind.layout().columns()) {
      names.add(f.name());
    }
    kind.aliases().values().forEach(names::addAll);
    names.add("parameters");
    names.add("metadata");
    return names;
  }

  private String value(int depth) {
    int pick = random.nextInt(depth > 3 ? 6 : 9);
    return switch (pick) {
      case 0 -> HOSTILE_NUMBERS[random.nextInt(HOSTILE_NUMBERS.length)];
      case 1 -> "\"" + HOSTILE_STRINGS[random.nextInt(HOSTILE_STRINGS.length)] + "\"";
      case 2 -> random.nextBoolean() ? "true" : "false";
      case 3 -> "null";
      case 4 -> Integer.toString(random.nextInt(10));
      case 5 -> "\"" + new String(randomBytes(), StandardCharsets.ISO_8859_1).replaceAll("[\\\\\"\\p{Cntrl}]", "_")
          + "\"";
      case 6 -> random.nextInt(40) == 0 ? "[".repeat(1001) + "]".repeat(1001) : "[" + value(depth + 1) + ","
          + value(depth + 1) + "]";
      case 7 -> "{\"cfg_scale\":" + value(depth + 1) + ",\"steps\":" + value(depth + 1)
          + (random.nextInt(8) == 0 ? ",\"steps\":1" : "") + "}";
      default -> "{\"name\":" + value(depth + 1) + ",\"strength\":" + value(depth + 1) + "}";
    };
  }
}

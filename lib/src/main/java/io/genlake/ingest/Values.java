package io.genlake.ingest;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** Parsing of the landing value conventions (docs/landing-formats.md): timestamps, booleans, UUIDs. */
final class Values {
  private Values() {}

  /**
   * An ISO-8601 timestamp with offset or {@code Z}, or {@code YYYY-MM-DD[ T]HH:MM:SS[.fff]} without offset
   * read as UTC (SQLite's CURRENT_TIMESTAMP style); empty when {@code text} is neither.
   */
  static Optional<Timestamp> timestamp(String text) {
    String s = text.trim();
    if (s.length() < 19 || s.charAt(4) != '-' || s.charAt(7) != '-') {
      return Optional.empty();
    }
    if (s.charAt(10) == ' ') {
      s = s.substring(0, 10) + 'T' + s.substring(11);
    }
    try {
      char last = s.charAt(s.length() - 1);
      boolean offset = last == 'Z' || last == 'z' || s.indexOf('+', 19) > 0 || s.indexOf('-', 19) > 0;
      if (offset) {
        return Optional.of(Timestamp.from(OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant()));
      }
      return Optional.of(Timestamp.from(LocalDateTime.parse(s, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .toInstant(ZoneOffset.UTC)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** {@code true/false} in any case, or {@code 1/0}; empty otherwise. */
  static Optional<Boolean> bool(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "true", "1" -> Optional.of(Boolean.TRUE);
      case "false", "0" -> Optional.of(Boolean.FALSE);
      default -> Optional.empty();
    };
  }

  /** True for the canonical 8-4-4-4-12 hexadecimal UUID form. */
  static boolean isUuid(String s) {
    if (s.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = s.charAt(i);
      if (i == 8 || i == 13 || i == 18 || i == 23) {
        if (c != '-') {
          return false;
        }
      } else if (Character.digit(c, 16) < 0) {
        return false;
      }
    }
    return true;
  }
}

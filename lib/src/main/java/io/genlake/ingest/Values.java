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
    Timestamp fast = commonForm(s);
    if (fast != null) {
      return Optional.of(fast);
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

  /**
   * The common form {@code YYYY-MM-DDTHH:MM:SS[.f{1,9}][Z|+HH:MM|-HH:MM]} (no offset: UTC) read digit by digit,
   * an order of magnitude cheaper than {@link DateTimeFormatter}; null for anything else, which the formatter
   * then decides, so the accepted values and results are exactly the formatter's.
   */
  static Timestamp commonForm(String s) {
    int n = s.length();
    if (s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if (year < 1000 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23
        || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return null;
    }
    int i = 19;
    int nanos = 0;
    if (i < n && s.charAt(i) == '.') {
      int start = ++i;
      while (i < n && i - start < 9 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        nanos = nanos * 10 + (s.charAt(i) - '0');
        i++;
      }
      if (i == start) {
        return null;
      }
      for (int k = i - start; k < 9; k++) {
        nanos *= 10;
      }
    }
    int offsetSeconds;
    if (i == n) {
      offsetSeconds = 0;
    } else if (i == n - 1 && s.charAt(i) == 'Z') {
      offsetSeconds = 0;
    } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
      int oh = digits(s, i + 1, 2);
      int om = digits(s, i + 4, 2);
      if (oh < 0 || oh > 17 || om < 0 || om > 59) {
        return null;
      }
      offsetSeconds = (s.charAt(i) == '-' ? -1 : 1) * (oh * 3600 + om * 60);
    } else {
      return null;
    }
    if (day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
      return null;
    }
    long epochSecond = java.time.LocalDate.of(year, month, day).toEpochDay() * 86_400L
        + hour * 3600L + minute * 60L + second - offsetSeconds;
    // as Timestamp.from(Instant): whole seconds in the millisecond value, nanos set apart
    Timestamp t = new Timestamp(epochSecond * 1000L);
    t.setNanos(nanos);
    return t;
  }

  /** The non-negative number written by {@code count} ASCII digits at {@code from}; -1 if one is not a digit. */
  private static int digits(String s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
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

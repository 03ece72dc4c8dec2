package io.genlake.ingest;

import com.fasterxml.jackson.databind.JsonNode;

/** How values and ranges are shown in quarantine reasons: quoted, cut at 80 characters, ranges in words. Pure. */
final class Shown {
  private Shown() {}

  /** {@code 1 to 5}, or {@code at least 0} when the range has no practical top. */
  static String range(double min, double max) {
    String lo = num(min);
    if (max >= Integer.MAX_VALUE) {
      return "at least " + lo;
    }
    return lo + " to " + num(max);
  }

  /** A bound as written: {@code 5}, {@code 0.5}. */
  static String num(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  /** A field's value: a string quoted, anything else as JSON; cut at 80 characters. */
  static String display(JsonNode v) {
    return clip(v.isTextual() ? quote(v.textValue()) : v.toString());
  }

  /** {@code "s"}, cut at 80 characters. */
  static String quote(String s) {
    return clip("\"" + s + "\"");
  }

  /** {@code s}, or its first 77 characters and "..." when longer than 80. */
  static String clip(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}

package io.genlake.generate;

/**
 * Minimal JSON and CSV text writing for the landing files, appending into a reused StringBuilder (no
 * per-row formatter, no object mapper in the hot loop). Values are String, Integer, Long, Double, Boolean,
 * String[] (a JSON array) or {@link Raw} (JSON text written as is).
 */
final class Json {
  /** JSON text that is written verbatim (nested objects, arrays of objects). */
  record Raw(String json) {}

  private Json() {}

  /** Appends {@code value} as a JSON value. */
  static void value(StringBuilder sb, Object value) {
    if (value == null) {
      sb.append("null");
    } else if (value instanceof String s) {
      string(sb, s);
    } else if (value instanceof Raw r) {
      sb.append(r.json());
    } else if (value instanceof String[] list) {
      array(sb, list);
    } else {
      sb.append(value);
    }
  }

  static void array(StringBuilder sb, String[] list) {
    sb.append('[');
    for (int i = 0; i < list.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      string(sb, list[i]);
    }
    sb.append(']');
  }

  static String array(String[] list) {
    StringBuilder sb = new StringBuilder();
    array(sb, list);
    return sb.toString();
  }

  /** Appends a quoted, escaped JSON string. */
  static void string(StringBuilder sb, String s) {
    sb.append('"');
    int n = s.length();
    int plain = 0;
    while (plain < n && s.charAt(plain) >= 0x20 && s.charAt(plain) != '"' && s.charAt(plain) != '\\') {
      plain++;
    }
    sb.append(s, 0, plain);
    for (int i = plain; i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append("\\u00");
            sb.append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  /** Appends {@code "name":value,} for an object being built (the caller strips the last comma). */
  static void field(StringBuilder sb, String name, Object value) {
    string(sb, name);
    sb.append(':');
    value(sb, value);
    sb.append(',');
  }

  /** Closes an object started with '{' whose fields each ended with a comma. */
  static void close(StringBuilder sb) {
    if (sb.charAt(sb.length() - 1) == ',') {
      sb.setLength(sb.length() - 1);
    }
    sb.append('}');
  }

  /** A one-level object from alternating names and values, nulls skipped. */
  static Raw object(Object... namesAndValues) {
    StringBuilder sb = new StringBuilder(64).append('{');
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] != null) {
        field(sb, (String) namesAndValues[i], namesAndValues[i + 1]);
      }
    }
    close(sb);
    return new Raw(sb.toString());
  }

  /** Appends one CSV cell (RFC 4180): quoted when it holds a comma, quote, new line or edge space. */
  static void csvCell(StringBuilder sb, Object value, boolean numericBooleans) {
    if (value == null) {
      return;
    }
    String text;
    if (value instanceof String s) {
      text = s;
    } else if (value instanceof Boolean b) {
      text = numericBooleans ? (b ? "1" : "0") : b.toString();
    } else if (value instanceof Raw r) {
      text = r.json();
    } else if (value instanceof String[] list) {
      text = array(list);
    } else {
      text = value.toString();
    }
    if (needsQuotes(text)) {
      sb.append('"');
      for (int i = 0, n = text.length(); i < n; i++) {
        char c = text.charAt(i);
        if (c == '"') {
          sb.append('"');
        }
        sb.append(c);
      }
      sb.append('"');
    } else {
      sb.append(text);
    }
  }

  private static boolean needsQuotes(String text) {
    if (text.isEmpty()) {
      return true;
    }
    if (text.charAt(0) == ' ' || text.charAt(text.length() - 1) == ' ') {
      return true;
    }
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        return true;
      }
    }
    return false;
  }
}

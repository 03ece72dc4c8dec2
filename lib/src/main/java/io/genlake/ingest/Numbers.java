package io.genlake.ingest;

import java.math.BigDecimal;

/**
 * Range checks on numbers as landing records write them, done on their exact decimal value so that no parse
 * overflows: a value beyond a double's range, or an integer beyond a long's, is found before it is converted.
 * Pure and O(digits).
 */
final class Numbers {
  private static final BigDecimal DOUBLE_MAX = new BigDecimal(Double.MAX_VALUE);
  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
  /** Digits a number's text may have; longer text is no number (as Jackson's 1,000-character limit). */
  private static final int MAX_TEXT = 1000;

  private Numbers() {}

  /** The number written by {@code text} (trimmed), or null when it is none (or longer than 1,000 characters). */
  static BigDecimal parse(String text) {
    String t = text.trim();
    if (t.isEmpty() || t.length() > MAX_TEXT) {
      return null;
    }
    try {
      return new BigDecimal(t);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** True when {@code d} is within a double's range (its magnitude at most {@link Double#MAX_VALUE}). */
  static boolean fitsDouble(BigDecimal d) {
    // a quick bound on the magnitude first: precision - scale is the count of digits before the point
    long intDigits = (long) d.precision() - d.scale();
    if (intDigits <= 308) {
      return true;
    }
    if (intDigits > 310) {
      return false;
    }
    return d.abs().compareTo(DOUBLE_MAX) <= 0;
  }

  /** True when {@code d} has no fractional part (1.0 and 1e3 do; 1.5 does not). */
  static boolean isIntegral(BigDecimal d) {
    if (d.scale() <= 0 || d.signum() == 0) {
      return true;
    }
    return d.stripTrailingZeros().scale() <= 0;
  }

  /** True when the integral {@code d} fits a long. */
  static boolean fitsLong(BigDecimal d) {
    long intDigits = (long) d.precision() - d.scale();
    return intDigits <= 19 && d.compareTo(LONG_MIN) >= 0 && d.compareTo(LONG_MAX) <= 0;
  }

  /** {@code d} as people read it: plain digits when short, else scientific ({@code 1E+999}). */
  static String shown(BigDecimal d) {
    long intDigits = (long) d.precision() - d.scale();
    return intDigits > 30 || intDigits < -30 ? d.stripTrailingZeros().toString() : d.toPlainString();
  }
}

package io.genlake.generate;

/**
 * Fast timestamp text for the landing files, without java.time formatters in the hot loop: ISO-8601 UTC
 * ({@code 2026-11-20T10:15:00Z}), ISO with a +01:00 offset, and SQLite's {@code 2026-11-20 10:15:00}.
 * The generated window is 90 days ending at a date derived from the seed, never the wall clock.
 */
final class Timestamps {
  /** 2026-11-20T00:00:00Z, the base end of the window. */
  static final long BASE_END_EPOCH_SECONDS = 1_795_132_800L;
  static final long WINDOW_SECONDS = 90L * 86_400L;

  private Timestamps() {}

  /** The window's end for a seed: the base end minus 0..29 days, so different seeds end on different days. */
  static long windowEnd(long seed) {
    return BASE_END_EPOCH_SECONDS - Math.floorMod(seed, 30L) * 86_400L;
  }

  /** {@code 2026-11-20T10:15:00Z}. */
  static void isoUtc(StringBuilder sb, long epochSeconds) {
    civil(sb, epochSeconds, 'T');
    sb.append('Z');
  }

  /** The same instant written at +01:00 local time: {@code 2026-11-20T11:15:00+01:00}. */
  static void isoPlusOne(StringBuilder sb, long epochSeconds) {
    civil(sb, epochSeconds + 3600, 'T');
    sb.append("+01:00");
  }

  /** SQLite CURRENT_TIMESTAMP style, read as UTC: {@code 2026-11-20 10:15:00}. */
  static void sqlite(StringBuilder sb, long epochSeconds) {
    civil(sb, epochSeconds, ' ');
  }

  /** Python isoformat without offset and with milliseconds, read as UTC: {@code 2026-11-20T10:15:00.123}. */
  static void isoMillis(StringBuilder sb, long epochMillis) {
    civil(sb, Math.floorDiv(epochMillis, 1000L), 'T');
    int ms = (int) Math.floorMod(epochMillis, 1000L);
    sb.append('.').append((char) ('0' + ms / 100)).append((char) ('0' + ms / 10 % 10)).append((char) ('0' + ms % 10));
  }

  static String sqlite(long epochSeconds) {
    StringBuilder sb = new StringBuilder(19);
    sqlite(sb, epochSeconds);
    return sb.toString();
  }

  static String isoUtc(long epochSeconds) {
    StringBuilder sb = new StringBuilder(20);
    isoUtc(sb, epochSeconds);
    return sb.toString();
  }

  // Howard Hinnant's days-to-civil algorithm.
  private static void civil(StringBuilder sb, long epochSeconds, char separator) {
    long days = Math.floorDiv(epochSeconds, 86_400L);
    int secs = (int) Math.floorMod(epochSeconds, 86_400L);
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int day = (int) (doy - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    sb.append(year).append('-');
    pad(sb, month, 2);
    sb.append('-');
    pad(sb, day, 2);
    sb.append(separator);
    pad(sb, secs / 3600, 2);
    sb.append(':');
    pad(sb, secs / 60 % 60, 2);
    sb.append(':');
    pad(sb, secs % 60, 2);
  }

  private static void pad(StringBuilder sb, int value, int width) {
    if (width == 2 && value < 10) {
      sb.append('0');
    }
    sb.append(value);
  }
}

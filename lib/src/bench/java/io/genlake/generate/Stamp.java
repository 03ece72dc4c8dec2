package io.genlake.generate;

/** Timestamp text per format: ISO-8601 in JSON Lines (1 in 20 at +01:00), SQLite style in CSV and SQLite. */
final class Stamp {
  private Stamp() {}

  static String of(Format format, long epochSeconds, Rng rng) {
    StringBuilder sb = new StringBuilder(25);
    if (format == Format.JSONL) {
      if (rng.chance(0.05)) {
        Timestamps.isoPlusOne(sb, epochSeconds);
      } else {
        Timestamps.isoUtc(sb, epochSeconds);
      }
    } else {
      Timestamps.sqlite(sb, epochSeconds);
    }
    return sb.toString();
  }
}

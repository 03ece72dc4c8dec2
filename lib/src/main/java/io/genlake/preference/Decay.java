package io.genlake.preference;

import java.io.Serializable;

/**
 * Time decay of preference counts, in one place (pure Java). An event {@code age_days} old weighs
 * {@code exp(-age_days / tau)} (seed 003's formula with tau = 30 days: a time constant, half-life tau x ln 2).
 *
 * <p><b>Stored form.</b> A pair's decayed sum is kept as of the pair's own newest event ({@code last}):
 * {@code S = sum_i exp(-(last - t_i) / tau)}, so every stored value lies in [0, count] whatever the dates (no
 * exp of a large age can overflow; an event so much older than the pair's newest that its weight underflows to 0
 * weighs less than 1e-300 of it). Reading it at an anchor {@code a >= last} is one multiplication:
 * {@code S * exp(-(a - last) / tau)}. Two sums merge exactly: {@code last = max(l1, l2)},
 * {@code S = S1 exp(-(last - l1) / tau) + S2 exp(-(last - l2) / tau)}; the nightly update merges only the pairs
 * its new events touch, and a full recompute gives the same numbers up to rounding.
 *
 * <p>Times are microseconds since the epoch (Spark's timestamp unit); {@code tau} is in days. {@code StrictMath.exp}
 * is Spark SQL's {@code exp}, so a sum merged here and one merged in Spark SQL ({@link PairTables#fold})
 * agree to the last bit.
 */
public record Decay(double timeConstantDays) implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Microseconds per day. */
  public static final double MICROS_PER_DAY = 86_400_000_000.0;

  public Decay {
    if (!(timeConstantDays > 0) || Double.isInfinite(timeConstantDays)) {
      throw new IllegalArgumentException("The decay time constant must be a positive number of days, got "
          + timeConstantDays);
    }
  }

  /** The decay with a half-life instead of a time constant: tau = half-life / ln 2. */
  public static Decay ofHalfLife(double halfLifeDays) {
    return new Decay(halfLifeDays / Math.log(2));
  }

  /** Microseconds since the epoch of an instant (Spark's timestamp unit). */
  public static long micros(java.time.Instant t) {
    return Math.multiplyExact(t.getEpochSecond(), 1_000_000L) + t.getNano() / 1_000;
  }

  /** The instant of microseconds since the epoch. */
  public static java.time.Instant instant(long micros) {
    return java.time.Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
        Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  /** The half-life in days: tau x ln 2. */
  public double halfLifeDays() {
    return timeConstantDays * Math.log(2);
  }

  /** exp(-age_days / tau): the weight of an event {@code ageDays} old (1 for age 0 or less). */
  public double weight(double ageDays) {
    return ageDays <= 0 ? 1.0 : StrictMath.exp(-ageDays / timeConstantDays);
  }

  /** The factor that carries a sum kept as of {@code fromMicros} to {@code toMicros} (1 when not later). */
  public double factor(long fromMicros, long toMicros) {
    return toMicros <= fromMicros ? 1.0
        : StrictMath.exp(-((toMicros - fromMicros) / MICROS_PER_DAY) / timeConstantDays);
  }

  /**
   * Merges two decayed sums kept as of their own times into one kept as of the later time: {@code a} as of
   * {@code aMicros} and {@code b} as of {@code bMicros}.
   */
  public double merge(double a, long aMicros, double b, long bMicros) {
    long last = Math.max(aMicros, bMicros);
    return a * factor(aMicros, last) + b * factor(bMicros, last);
  }
}

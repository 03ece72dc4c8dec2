package io.genlake.preference;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Replay hit rates and their bootstrap intervals from held-out events reduced to outcome codes (pure Java). An
 * event's code holds bit 0 = selected and bit 1 + m = "method m chose the event's checkpoint"; events of one code are
 * interchangeable, so the data are the counts per code. A resample is a Poisson bootstrap: each code's count is a
 * Poisson draw with the code's count as mean (the sum of one Poisson(1) weight per event), exact below
 * {@value #NORMAL_FROM} and normal-approximated above. Intervals are the 2.5th and 97.5th percentiles over the
 * resamples; the difference to method 0 (the baseline) is taken on the same resamples. Cost O(resamples x codes).
 */
final class ReplayBootstrap {
  /** Poisson means from which the draw is normal-approximated (skewness below 0.15). */
  static final double NORMAL_FROM = 50;

  /** One method's hit rate (NaN when nothing matched) with its intervals. */
  record Interval(long matched, long hits, double hitRate, double low, double high, double diffLow, double diffHigh) {}

  private ReplayBootstrap() {}

  /** The intervals of {@code methods} methods from {@code counts} (code to events), {@code resamples} resamples. */
  static Interval[] intervals(Map<Integer, Long> counts, int methods, int resamples, long seed) {
    int[] codes = counts.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
    long[] n = new long[codes.length];
    for (int i = 0; i < codes.length; i++) {
      n[i] = counts.get(codes[i]);
    }
    double[][] rates = new double[methods][resamples];
    SplittableRandom random = new SplittableRandom(seed);
    double[] w = new double[codes.length];
    for (int b = 0; b < resamples; b++) {
      for (int i = 0; i < codes.length; i++) {
        w[i] = poisson(random, n[i]);
      }
      for (int m = 0; m < methods; m++) {
        rates[m][b] = rate(codes, w, m);
      }
    }
    double[] point = new double[codes.length];
    for (int i = 0; i < codes.length; i++) {
      point[i] = n[i];
    }
    Interval[] out = new Interval[methods];
    for (int m = 0; m < methods; m++) {
      double[] diff = new double[resamples];
      for (int b = 0; b < resamples; b++) {
        diff[b] = rates[m][b] - rates[0][b];
      }
      double[] counted = matchedAndHits(codes, point, m);
      double[] r = rates[m].clone();
      out[m] = new Interval((long) counted[0], (long) counted[1], rate(codes, point, m), percentile(r, 0.025),
          percentile(r, 0.975), percentile(diff, 0.025), percentile(diff, 0.975));
    }
    return out;
  }

  /** Selected share of the (weighted) events method {@code m} matched; NaN when it matched none. */
  private static double rate(int[] codes, double[] weights, int m) {
    double[] c = matchedAndHits(codes, weights, m);
    return c[0] == 0 ? Double.NaN : c[1] / c[0];
  }

  /** The (weighted) events method {@code m} matched, and those of them selected. */
  private static double[] matchedAndHits(int[] codes, double[] weights, int m) {
    double matched = 0;
    double hits = 0;
    for (int i = 0; i < codes.length; i++) {
      if ((codes[i] & (2 << m)) != 0) {
        matched += weights[i];
        hits += (codes[i] & 1) != 0 ? weights[i] : 0;
      }
    }
    return new double[] {matched, hits};
  }

  /** The {@code q} quantile of the non-NaN values (linear interpolation); NaN when there are none. */
  static double percentile(double[] values, double q) {
    double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    double pos = q * (v.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(v.length - 1, lo + 1);
    return v[lo] + (pos - lo) * (v[hi] - v[lo]);
  }

  /** A Poisson(mean) draw: inversion below {@link #NORMAL_FROM}, else the normal approximation (rounded, at least 0). */
  static double poisson(SplittableRandom random, double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean >= NORMAL_FROM) {
      double u1 = random.nextDouble();
      double u2 = random.nextDouble();
      double z = Math.sqrt(-2 * Math.log(u1 == 0 ? Double.MIN_VALUE : u1)) * Math.cos(2 * Math.PI * u2);
      return Math.max(0, Math.rint(mean + Math.sqrt(mean) * z));
    }
    double u = random.nextDouble();
    double p = Math.exp(-mean);
    double cdf = p;
    int k = 0;
    while (u > cdf && k < 10_000) {
      k++;
      p *= mean / k;
      cdf += p;
    }
    return k;
  }
}

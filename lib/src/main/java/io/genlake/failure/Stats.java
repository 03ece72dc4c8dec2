package io.genlake.failure;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The statistics of failure analytics, plain Java: Wilson score intervals, the one-sided exact binomial
 * tail (log space, summed from the tail inwards with early stop, so it is exact to double precision and
 * O(terms that matter), not O(n)), Benjamini–Hochberg q-values, and Newcombe's interval for a difference
 * of two proportions. No Spark, no dependencies.
 */
public final class Stats {
  /** The two-sided 95% normal quantile. */
  public static final double Z95 = 1.959963984540054;

  private static final double[] LANCZOS = {
      0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
      -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
      1.5056327351493116e-7};

  private Stats() {}

  /** A closed interval. */
  public record Interval(double low, double high) {}

  /** Wilson score interval of {@code successes} out of {@code n} at normal quantile {@code z}. */
  public static Interval wilson(long successes, long n, double z) {
    if (n <= 0) {
      return new Interval(0.0, 1.0);
    }
    double p = (double) successes / n;
    double z2 = z * z;
    double denom = 1 + z2 / n;
    double centre = (p + z2 / (2.0 * n)) / denom;
    double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denom;
    return new Interval(Math.max(0.0, centre - half), Math.min(1.0, centre + half));
  }

  /**
   * Newcombe's hybrid score interval (method 10) for {@code p2 - p1}, where p1 = x1/n1 and p2 = x2/n2: sound on
   * small samples where the Wald interval is not. Empty groups give the widest interval [-1, 1].
   */
  public static Interval differenceInterval(long x1, long n1, long x2, long n2, double z) {
    if (n1 <= 0 || n2 <= 0) {
      return new Interval(-1.0, 1.0);
    }
    double p1 = (double) x1 / n1;
    double p2 = (double) x2 / n2;
    Interval w1 = wilson(x1, n1, z);
    Interval w2 = wilson(x2, n2, z);
    double d = p2 - p1;
    double low = d - Math.sqrt(sq(p2 - w2.low()) + sq(w1.high() - p1));
    double high = d + Math.sqrt(sq(w2.high() - p2) + sq(p1 - w1.low()));
    return new Interval(Math.max(-1.0, low), Math.min(1.0, high));
  }

  /** ln Γ(x) for x > 0 (Lanczos, g = 7; relative error about 1e-15). */
  public static double logGamma(double x) {
    if (x < 0.5) {
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
    }
    x -= 1;
    double a = LANCZOS[0];
    double t = x + 7.5;
    for (int i = 1; i < 9; i++) {
      a += LANCZOS[i] / (x + i);
    }
    return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
  }

  /** ln of the binomial probability P(X = k) for X ~ Bin(n, p). */
  static double logBinomialPmf(long k, long n, double p) {
    if (p <= 0) {
      return k == 0 ? 0.0 : Double.NEGATIVE_INFINITY;
    }
    if (p >= 1) {
      return k == n ? 0.0 : Double.NEGATIVE_INFINITY;
    }
    return logGamma(n + 1.0) - logGamma(k + 1.0) - logGamma(n - k + 1.0) + k * Math.log(p) + (n - k) * Math.log1p(-p);
  }

  /**
   * One-sided exact binomial p-value P(X ≥ k) for X ~ Bin(n, p). When k lies above the mode the upper tail
   * is summed upwards from k; otherwise the lower tail P(X ≤ k−1) is summed downwards and subtracted from 1
   * (then the answer is at least about one half, so no precision is lost). Both sums run over terms that
   * decrease away from the mode, in log space scaled by the first term, and stop once a term no longer
   * changes the sum.
   */
  public static double binomialUpperTail(long k, long n, double p) {
    if (k <= 0) {
      return 1.0;
    }
    if (k > n) {
      return 0.0;
    }
    if (p <= 0) {
      return 0.0;
    }
    if (p >= 1) {
      return 1.0;
    }
    double mode = (n + 1) * p;
    if (k >= mode) {
      return Math.min(1.0, Math.exp(logTailSum(k, n, p, +1)));
    }
    double lower = Math.exp(logTailSum(k - 1, n, p, -1));
    return Math.max(0.0, Math.min(1.0, 1.0 - lower));
  }

  /** ln of the sum of P(X = j) from j = start moving by {@code step} (+1 up to n, −1 down to 0). */
  private static double logTailSum(long start, long n, double p, int step) {
    double first = logBinomialPmf(start, n, p);
    if (first == Double.NEGATIVE_INFINITY) {
      return first;
    }
    double sum = 1.0; // relative to exp(first)
    double logRatioUp = Math.log(p) - Math.log1p(-p);
    double logTerm = 0.0;
    for (long j = start; step > 0 ? j < n : j > 0; j += step) {
      // pmf(j+1)/pmf(j) = (n-j)/(j+1) * p/(1-p); pmf(j-1)/pmf(j) = j/(n-j+1) * (1-p)/p
      logTerm += step > 0
          ? Math.log((double) (n - j) / (j + 1)) + logRatioUp
          : Math.log((double) j / (n - j + 1)) - logRatioUp;
      double term = Math.exp(logTerm);
      sum += term;
      if (term < sum * 1e-17) {
        break;
      }
    }
    return first + Math.log(sum);
  }

  /**
   * Benjamini–Hochberg adjusted q-values, in the input order: q(i) = min over j ranked at or after i of
   * m·p(j)/rank(j), capped at 1. Cost: one sort of the m p-values.
   */
  public static double[] benjaminiHochberg(double[] p) {
    int m = p.length;
    Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
    double[] q = new double[m];
    double running = 1.0;
    for (int r = m - 1; r >= 0; r--) {
      int i = order[r];
      running = Math.min(running, p[i] * m / (r + 1));
      q[i] = running;
    }
    return q;
  }

  private static double sq(double x) {
    return x * x;
  }
}

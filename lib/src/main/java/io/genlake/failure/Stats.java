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

  /**
   * Pearson's r from running sums (n, Σx, Σy, Σx², Σy², Σxy): additive, so it can be summed per partition; NaN when
   * either variable is constant or n &lt; 2.
   */
  public static double pearson(long n, double sx, double sy, double sxx, double syy, double sxy) {
    if (n < 2) {
      return Double.NaN;
    }
    double cov = sxy - sx * sy / n;
    double vx = sxx - sx * sx / n;
    double vy = syy - sy * sy / n;
    if (vx <= 0 || vy <= 0) {
      return Double.NaN;
    }
    return Math.max(-1.0, Math.min(1.0, cov / Math.sqrt(vx * vy)));
  }

  /** The 95% interval of a correlation by Fisher's z transform: tanh(atanh(r) ± z / √(n − 3)); [-1, 1] below n = 4. */
  public static Interval correlationInterval(double r, long n, double z) {
    if (n < 4 || Double.isNaN(r)) {
      return new Interval(-1.0, 1.0);
    }
    double f = 0.5 * Math.log((1 + r) / (1 - r));
    double half = z / Math.sqrt(n - 3.0);
    return new Interval(Math.tanh(f - half), Math.tanh(f + half));
  }

  /**
   * Two-sided p-value of r against 0: Student's t = r √((n − 2) / (1 − r²)) with n − 2 degrees of freedom,
   * P = I_{df / (df + t²)}(df / 2, 1 / 2) (regularized incomplete beta). 1 when n &lt; 3 or r is NaN.
   */
  public static double correlationPValue(double r, long n) {
    if (n < 3 || Double.isNaN(r)) {
      return 1.0;
    }
    if (Math.abs(r) >= 1.0) {
      return 0.0;
    }
    double df = n - 2.0;
    double t2 = r * r * df / (1 - r * r);
    return regularizedBeta(df / (df + t2), df / 2, 0.5);
  }

  /**
   * The regularized incomplete beta function I_x(a, b) by its continued fraction (modified Lentz), using the
   * symmetry I_x(a, b) = 1 − I_{1−x}(b, a) where the fraction converges faster. Relative accuracy about 1e-14.
   */
  public static double regularizedBeta(double x, double a, double b) {
    if (x <= 0) {
      return 0.0;
    }
    if (x >= 1) {
      return 1.0;
    }
    if (x > (a + 1) / (a + b + 2)) {
      return 1.0 - regularizedBeta(1 - x, b, a);
    }
    double logFront = a * Math.log(x) + b * Math.log1p(-x) - Math.log(a) - logBeta(a, b);
    final double tiny = 1e-300;
    double c = 1.0;
    double d = 1.0 - (a + b) * x / (a + 1);
    d = Math.abs(d) < tiny ? 1 / tiny : 1 / d;
    double f = d;
    for (int m = 1; m <= 10_000; m++) {
      double num = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
      d = 1 + num * d;
      c = 1 + num / c;
      d = Math.abs(d) < tiny ? 1 / tiny : 1 / d;
      c = Math.abs(c) < tiny ? tiny : c;
      f *= d * c;
      num = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
      d = 1 + num * d;
      c = 1 + num / c;
      d = Math.abs(d) < tiny ? 1 / tiny : 1 / d;
      c = Math.abs(c) < tiny ? tiny : c;
      double delta = d * c;
      f *= delta;
      if (Math.abs(delta - 1) < 1e-15) {
        break;
      }
    }
    return Math.exp(logFront) * f;
  }

  private static double logBeta(double a, double b) {
    return logGamma(a) + logGamma(b) - logGamma(a + b);
  }
}

package io.genlake.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * The statistics of fit calibration, pure Java: Pearson and Spearman correlation, percentile bootstrap
 * intervals, and Krippendorff's alpha. Inputs are small (rated pairs), so everything runs on the driver.
 */
final class Stats {
  /** Distance metrics of Krippendorff's alpha. */
  enum Metric { NOMINAL, ORDINAL, INTERVAL }

  /** A confidence interval. */
  record Interval(double low, double high) {}

  private Stats() {}

  /** Pearson's r; NaN when fewer than two pairs or a side is constant. */
  static double pearson(double[] x, double[] y) {
    int n = x.length;
    if (n < 2) {
      return Double.NaN;
    }
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      double dx = x[i] - mx;
      double dy = y[i] - my;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
  }

  /** Spearman's rho: Pearson's r of the ranks, ties given their average rank. */
  static double spearman(double[] x, double[] y) {
    return pearson(ranks(x), ranks(y));
  }

  /** Average ranks (1-based) of {@code v}. */
  static double[] ranks(double[] v) {
    Integer[] order = new Integer[v.length];
    for (int i = 0; i < v.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
    double[] r = new double[v.length];
    int i = 0;
    while (i < v.length) {
      int j = i;
      while (j + 1 < v.length && v[order[j + 1]] == v[order[i]]) {
        j++;
      }
      double rank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        r[order[k]] = rank;
      }
      i = j + 1;
    }
    return r;
  }

  /**
   * The percentile bootstrap 95% interval of {@code statistic} over pairs resampled with replacement,
   * {@code samples} times, from a seeded generator (same input, same interval). Resamples whose statistic
   * is undefined (NaN) are left out; the interval is NaN when none is defined. Cost: samples × n.
   */
  static Interval bootstrap(double[] x, double[] y, BiFunction<double[], double[], Double> statistic,
      int samples, long seed) {
    int n = x.length;
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[samples];
    int defined = 0;
    double[] bx = new double[n];
    double[] by = new double[n];
    for (int s = 0; s < samples; s++) {
      for (int i = 0; i < n; i++) {
        int pick = random.nextInt(n);
        bx[i] = x[pick];
        by[i] = y[pick];
      }
      double v = statistic.apply(bx, by);
      if (!Double.isNaN(v)) {
        values[defined++] = v;
      }
    }
    if (defined == 0) {
      return new Interval(Double.NaN, Double.NaN);
    }
    double[] sorted = Arrays.copyOf(values, defined);
    Arrays.sort(sorted);
    return new Interval(percentile(sorted, 0.025), percentile(sorted, 0.975));
  }

  /** Linear-interpolated percentile of sorted values. */
  static double percentile(double[] sorted, double p) {
    double pos = p * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  }

  /**
   * Krippendorff's alpha over units (each the values several coders gave one item; units with fewer than
   * two values are not pairable and ignored), from the coincidence matrix. NaN when nothing is pairable or
   * all values are equal (no expected disagreement).
   */
  static double krippendorffAlpha(List<double[]> units, Metric metric) {
    TreeMap<Double, Integer> index = new TreeMap<>();
    List<double[]> pairable = new ArrayList<>();
    for (double[] u : units) {
      if (u.length >= 2) {
        pairable.add(u);
        for (double v : u) {
          index.putIfAbsent(v, 0);
        }
      }
    }
    if (pairable.isEmpty()) {
      return Double.NaN;
    }
    double[] values = new double[index.size()];
    int k = 0;
    for (Double v : index.keySet()) {
      index.put(v, k);
      values[k++] = v;
    }
    int m = values.length;
    double[][] o = new double[m][m];
    for (double[] u : pairable) {
      for (int i = 0; i < u.length; i++) {
        for (int j = 0; j < u.length; j++) {
          if (i != j) {
            o[index.get(u[i])][index.get(u[j])] += 1.0 / (u.length - 1);
          }
        }
      }
    }
    double[] nc = new double[m];
    double n = 0;
    for (int c = 0; c < m; c++) {
      for (int d = 0; d < m; d++) {
        nc[c] += o[c][d];
      }
      n += nc[c];
    }
    double observed = 0;
    double expected = 0;
    for (int c = 0; c < m; c++) {
      for (int d = 0; d < m; d++) {
        double delta = delta(metric, c, d, values, nc);
        observed += o[c][d] * delta;
        expected += nc[c] * nc[d] * delta;
      }
    }
    if (expected == 0) {
      return Double.NaN;
    }
    return 1.0 - (n - 1) * observed / expected;
  }

  private static double delta(Metric metric, int c, int d, double[] values, double[] nc) {
    return switch (metric) {
      case NOMINAL -> c == d ? 0 : 1;
      case INTERVAL -> (values[c] - values[d]) * (values[c] - values[d]);
      case ORDINAL -> {
        int lo = Math.min(c, d);
        int hi = Math.max(c, d);
        double sum = 0;
        for (int g = lo; g <= hi; g++) {
          sum += nc[g];
        }
        double v = sum - (nc[c] + nc[d]) / 2.0;
        yield v * v;
      }
    };
  }
}

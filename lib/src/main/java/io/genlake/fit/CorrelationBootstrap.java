package io.genlake.fit;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap intervals of Spearman's rho and Pearson's r together, from the same resamples: the same
 * seeded draws as {@link Stats#bootstrap} (so the same resamples and, up to floating-point rounding, the same
 * intervals), but each resample is kept as a count per cell (a distinct (x, y) pair of values) instead of a
 * copied array, and ranks come from counts per distinct value (values sorted once) instead of a sort per
 * resample. Cost: one sort of each side, then samples × (n draws + a few passes over the m cells); fit scores
 * and 1-5 ratings make m far smaller than n.
 */
final class CorrelationBootstrap {
  /** The two intervals of one group. */
  record Intervals(Stats.Interval spearman, Stats.Interval pearson) {}

  private static final Stats.Interval NONE = new Stats.Interval(Double.NaN, Double.NaN);

  private final int n;
  private final Side xs;
  private final Side ys;
  /** The cell of each pair, and each cell's distinct-value index on either side. */
  private final int[] cellOf;
  private final int[] cellX;
  private final int[] cellY;

  CorrelationBootstrap(double[] x, double[] y) {
    this.n = x.length;
    this.xs = new Side(x);
    this.ys = new Side(y);
    this.cellOf = new int[n];
    java.util.HashMap<Long, Integer> cells = new java.util.HashMap<>();
    int[] cx = new int[n];
    int[] cy = new int[n];
    for (int i = 0; i < n; i++) {
      int gx = xs.group[i];
      int gy = ys.group[i];
      int next = cells.size();
      int cell = cells.computeIfAbsent((long) gx * ys.distinct.length + gy, k -> next);
      if (cell == next) {
        cx[cell] = gx;
        cy[cell] = gy;
      }
      cellOf[i] = cell;
    }
    this.cellX = Arrays.copyOf(cx, cells.size());
    this.cellY = Arrays.copyOf(cy, cells.size());
  }

  /** Both intervals over {@code samples} resamples drawn from {@code seed}; NaN where no resample defines one. */
  Intervals intervals(int samples, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] count = new int[cellX.length];
    double[] rho = new double[samples];
    double[] r = new double[samples];
    int rhoDefined = 0;
    int rDefined = 0;
    for (int s = 0; s < samples; s++) {
      Arrays.fill(count, 0);
      for (int i = 0; i < n; i++) {
        count[cellOf[random.nextInt(n)]]++;
      }
      double vRho = weightedPearson(xs.ranks(count, cellX), cellX, ys.ranks(count, cellY), cellY, count);
      if (!Double.isNaN(vRho)) {
        rho[rhoDefined++] = vRho;
      }
      double vR = weightedPearson(xs.distinct, cellX, ys.distinct, cellY, count);
      if (!Double.isNaN(vR)) {
        r[rDefined++] = vR;
      }
    }
    return new Intervals(interval(rho, rhoDefined), interval(r, rDefined));
  }

  private static Stats.Interval interval(double[] values, int defined) {
    if (defined == 0) {
      return NONE;
    }
    double[] sorted = Arrays.copyOf(values, defined);
    Arrays.sort(sorted);
    return new Stats.Interval(Stats.percentile(sorted, 0.025), Stats.percentile(sorted, 0.975));
  }

  /**
   * Pearson's r of the cells (a[ga[i]], b[gb[i]]) each taken count[i] times; NaN when a side takes a single
   * value in the resample (Pearson's r of a constant is undefined).
   */
  private static double weightedPearson(double[] a, int[] ga, double[] b, int[] gb, int[] count) {
    long n = 0;
    double sa = 0;
    double sb = 0;
    int firstA = -1;
    int firstB = -1;
    boolean variesA = false;
    boolean variesB = false;
    for (int i = 0; i < count.length; i++) {
      int c = count[i];
      if (c == 0) {
        continue;
      }
      n += c;
      sa += c * a[ga[i]];
      sb += c * b[gb[i]];
      if (firstA < 0) {
        firstA = ga[i];
        firstB = gb[i];
      }
      variesA |= ga[i] != firstA;
      variesB |= gb[i] != firstB;
    }
    if (n < 2 || !variesA || !variesB) {
      return Double.NaN;
    }
    double ma = sa / n;
    double mb = sb / n;
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < count.length; i++) {
      int c = count[i];
      if (c == 0) {
        continue;
      }
      double da = a[ga[i]] - ma;
      double db = b[gb[i]] - mb;
      sab += c * da * db;
      saa += c * da * da;
      sbb += c * db * db;
    }
    return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
  }

  /** One side's distinct values in ascending order and each pair's index among them. */
  private static final class Side {
    final double[] distinct;
    final int[] group;
    private final int[] perGroup;
    private final double[] rank;

    Side(double[] v) {
      double[] sorted = v.clone();
      Arrays.sort(sorted);
      int k = 0;
      for (int i = 0; i < sorted.length; i++) {
        if (i == 0 || Double.compare(sorted[i], sorted[k - 1]) != 0) {
          sorted[k++] = sorted[i];
        }
      }
      distinct = Arrays.copyOf(sorted, k);
      group = new int[v.length];
      for (int i = 0; i < v.length; i++) {
        group[i] = Arrays.binarySearch(distinct, v[i]);
      }
      perGroup = new int[k];
      rank = new double[k];
    }

    /**
     * The average rank (1-based, ties averaged) of each distinct value in the resample given by {@code count} per
     * cell, {@code cellGroup} being each cell's distinct-value index on this side.
     */
    double[] ranks(int[] count, int[] cellGroup) {
      Arrays.fill(perGroup, 0);
      for (int i = 0; i < count.length; i++) {
        perGroup[cellGroup[i]] += count[i];
      }
      long before = 0;
      for (int g = 0; g < perGroup.length; g++) {
        rank[g] = before + (perGroup[g] + 1) / 2.0;
        before += perGroup[g];
      }
      return rank;
    }
  }
}

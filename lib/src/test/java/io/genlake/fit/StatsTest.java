package io.genlake.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {
  @Test
  void pearsonAndSpearmanMatchHandComputedValues() {
    double[] x = {1, 2, 3, 4, 5};
    double[] y = {2, 1, 4, 3, 5};
    // Pearson: sxy = 8, sxx = syy = 10 -> 0.8; ranks equal the values, so Spearman is 0.8 too
    assertEquals(0.8, Stats.pearson(x, y), 1e-12);
    assertEquals(0.8, Stats.spearman(x, y), 1e-12);
    // a monotone but non-linear relation: Spearman 1, Pearson below 1
    double[] cube = {1, 8, 27, 64, 125};
    assertEquals(1.0, Stats.spearman(x, cube), 1e-12);
    assertEquals(0.9431, Stats.pearson(x, cube), 1e-4);
    assertTrue(Double.isNaN(Stats.pearson(x, new double[] {3, 3, 3, 3, 3})));
  }

  @Test
  void tiesTakeTheirAverageRank() {
    assertEquals(List.of(1.5, 1.5, 3.0, 4.5, 4.5), box(Stats.ranks(new double[] {0.2, 0.2, 0.5, 0.9, 0.9})));
  }

  @Test
  void bootstrapIsDeterministicAndDegenerateForPerfectAgreement() {
    double[] x = {1, 2, 3, 4, 5, 6, 7, 8};
    Stats.Interval perfect = Stats.bootstrap(x, x, Stats::pearson, 500, 1);
    assertEquals(new Stats.Interval(1.0, 1.0), perfect);
    double[] y = {2, 1, 4, 3, 6, 5, 8, 7};
    Stats.Interval a = Stats.bootstrap(x, y, Stats::spearman, 500, 42);
    Stats.Interval b = Stats.bootstrap(x, y, Stats::spearman, 500, 42);
    assertEquals(a, b);
    double rho = Stats.spearman(x, y);
    assertTrue(a.low() <= rho && rho <= a.high(), a + " around " + rho);
    assertTrue(a.low() < a.high());
  }

  /** Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": 4 coders, 12 units, missing values. */
  @Test
  void krippendorffAlphaReproducesThePublishedExample() {
    List<double[]> units = List.of(
        new double[] {1, 1, 1}, new double[] {2, 2, 3, 2}, new double[] {3, 3, 3, 3}, new double[] {3, 3, 3, 3},
        new double[] {2, 2, 2, 2}, new double[] {1, 2, 3, 4}, new double[] {4, 4, 4, 4}, new double[] {1, 1, 2, 1},
        new double[] {2, 2, 2, 2}, new double[] {5, 5, 5}, new double[] {1, 1}, new double[] {3});
    assertEquals(0.743, Stats.krippendorffAlpha(units, Stats.Metric.NOMINAL), 5e-4);
    assertEquals(0.815, Stats.krippendorffAlpha(units, Stats.Metric.ORDINAL), 5e-4);
    assertEquals(0.849, Stats.krippendorffAlpha(units, Stats.Metric.INTERVAL), 5e-4);
    assertTrue(Double.isNaN(Stats.krippendorffAlpha(List.of(new double[] {3}), Stats.Metric.ORDINAL)));
  }

  private static List<Double> box(double[] v) {
    return java.util.Arrays.stream(v).boxed().toList();
  }
}

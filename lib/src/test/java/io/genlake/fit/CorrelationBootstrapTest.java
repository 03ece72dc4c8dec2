package io.genlake.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CorrelationBootstrapTest {
  /** The counting resampler must give the intervals of the reference (copy each resample, sort, correlate). */
  @Test
  void equalsTheReferenceBootstrapOnTiedData() {
    SplittableRandom data = new SplittableRandom(7);
    for (int n : new int[] {5, 23, 400}) {
      double[] x = new double[n];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = Math.round(data.nextDouble() * 20) / 20.0; // scores with many ties
        y[i] = Math.min(5, Math.max(1, Math.round(1 + 4 * x[i] + data.nextDouble() * 2 - 1))); // ratings 1-5
      }
      for (long seed : new long[] {1, 42}) {
        CorrelationBootstrap.Intervals fast = new CorrelationBootstrap(x, y).intervals(300, seed);
        Stats.Interval rho = Stats.bootstrap(x, y, Stats::spearman, 300, seed);
        Stats.Interval r = Stats.bootstrap(x, y, Stats::pearson, 300, seed);
        assertEquals(rho.low(), fast.spearman().low(), 1e-9, "spearman low, n=" + n);
        assertEquals(rho.high(), fast.spearman().high(), 1e-9, "spearman high, n=" + n);
        assertEquals(r.low(), fast.pearson().low(), 1e-9, "pearson low, n=" + n);
        assertEquals(r.high(), fast.pearson().high(), 1e-9, "pearson high, n=" + n);
        assertTrue(fast.spearman().low() < fast.spearman().high());
      }
    }
  }

  @Test
  void constantSideGivesNoInterval() {
    double[] x = {0.5, 0.5, 0.5, 0.5};
    double[] y = {1, 2, 3, 4};
    CorrelationBootstrap.Intervals ci = new CorrelationBootstrap(x, y).intervals(100, 1);
    assertTrue(Double.isNaN(ci.spearman().low()) && Double.isNaN(ci.pearson().high()));
  }
}

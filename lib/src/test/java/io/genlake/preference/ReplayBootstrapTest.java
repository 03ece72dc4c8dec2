package io.genlake.preference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Replay hit rates from outcome codes and their Poisson-bootstrap intervals. */
class ReplayBootstrapTest {
  @Test
  void hitRatesAndIntervalsFromOutcomeCodes() {
    // two methods over 2,000 events: method 0 matches the first 1,000 (500 selected), method 1 the last 1,000 (700)
    int m0 = 2;
    int m1 = 4;
    Map<Integer, Long> counts = Map.of(m0 | 1, 500L, m0, 500L, m1 | 1, 700L, m1, 300L);
    ReplayBootstrap.Interval[] i = ReplayBootstrap.intervals(counts, 2, 2000, 7);
    assertEquals(1000, i[0].matched());
    assertEquals(500, i[0].hits());
    assertEquals(0.5, i[0].hitRate(), 0.0);
    assertEquals(0.7, i[1].hitRate(), 0.0);
    // binomial standard errors: 0.0158 and 0.0145; 95 % half-widths 0.031 and 0.028
    assertEquals(0.5 - 0.031, i[0].low(), 0.006);
    assertEquals(0.5 + 0.031, i[0].high(), 0.006);
    assertEquals(0.7 - 0.028, i[1].low(), 0.006);
    assertEquals(0.7 + 0.028, i[1].high(), 0.006);
    // the difference to method 0: 0.2 +- 1.96 x sqrt(0.0158^2 + 0.0145^2) = 0.2 +- 0.042
    assertEquals(0.2 - 0.042, i[1].diffLow(), 0.008);
    assertEquals(0.2 + 0.042, i[1].diffHigh(), 0.008);
    assertEquals(0.0, i[0].diffLow(), 0.0);
    // the same seed gives the same intervals
    assertEquals(i[1], ReplayBootstrap.intervals(counts, 2, 2000, 7)[1]);
  }

  @Test
  void aMethodThatMatchesNothingHasNoRate() {
    ReplayBootstrap.Interval[] i = ReplayBootstrap.intervals(Map.of(2 | 1, 3L), 2, 200, 1);
    assertTrue(Double.isNaN(i[1].hitRate()));
    assertTrue(Double.isNaN(i[1].low()));
    assertEquals(0, i[1].matched());
  }

  @Test
  void poissonDrawsHaveTheirMeanAndVariance() {
    SplittableRandom r = new SplittableRandom(3);
    for (double mean : new double[] {0.5, 7, 49, 50, 4000}) {
      double sum = 0;
      double squares = 0;
      int n = 20_000;
      for (int k = 0; k < n; k++) {
        double x = ReplayBootstrap.poisson(r, mean);
        sum += x;
        squares += x * x;
      }
      double m = sum / n;
      assertEquals(mean, m, 4 * Math.sqrt(mean / n) + 1e-9, "mean of Poisson(" + mean + ")");
      assertEquals(mean, squares / n - m * m, mean * 0.06 + 0.02, "variance of Poisson(" + mean + ")");
    }
  }
}

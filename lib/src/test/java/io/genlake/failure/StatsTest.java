package io.genlake.failure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.special.Gamma;
import org.apache.commons.math3.stat.interval.WilsonScoreInterval;
import org.junit.jupiter.api.Test;

class StatsTest {
  @Test
  void logGammaMatchesCommonsMath() {
    for (double x : new double[] {0.1, 0.5, 1, 2.5, 10, 171.3, 1e4, 1e6 + 0.5}) {
      assertEquals(Gamma.logGamma(x), Stats.logGamma(x), Math.abs(Gamma.logGamma(x)) * 1e-13 + 1e-13, "x=" + x);
    }
  }

  @Test
  void upperTailMatchesCommonsMathInBothRegimes() {
    long[][] cases = {{0, 10}, {1, 10}, {3, 10}, {10, 10}, {42, 100}, {85, 100}, {36, 42}, {500, 1000},
        {120, 1000}, {15_000, 100_000}, {160, 1000}};
    for (double p : new double[] {0.001, 0.15, 0.5, 0.9}) {
      for (long[] c : cases) {
        BinomialDistribution ref = new BinomialDistribution(null, (int) c[1], p);
        double expected = c[0] == 0 ? 1.0 : 1.0 - ref.cumulativeProbability((int) c[0] - 1);
        double actual = Stats.binomialUpperTail(c[0], c[1], p);
        // commons-math subtracts its cdf from 1, so its own absolute error is ~1e-16: compare within 1e-14 absolute
        if (expected > 1e-12) {
          assertEquals(expected, actual, Math.max(expected * 1e-9, 1e-14), "k=" + c[0] + " n=" + c[1] + " p=" + p);
        } else {
          assertEquals(0.0, Math.max(0, actual - 1e-12), 0.0, "k=" + c[0] + " n=" + c[1] + " p=" + p);
        }
      }
    }
  }

  @Test
  void farUpperTailStaysExactInLogSpace() {
    // P(X >= n) = p^n exactly; the subtract-from-one route would return 0 here
    assertEquals(Math.pow(0.15, 40), Stats.binomialUpperTail(40, 40, 0.15), Math.pow(0.15, 40) * 1e-10);
    // P(X >= 36 | 42, 0.15): single dominant terms, compare with the direct sum
    double direct = 0;
    for (int k = 36; k <= 42; k++) {
      direct += Math.exp(Stats.logBinomialPmf(k, 42, 0.15));
    }
    assertEquals(direct, Stats.binomialUpperTail(36, 42, 0.15), direct * 1e-12);
  }

  @Test
  void edgeCases() {
    assertEquals(1.0, Stats.binomialUpperTail(0, 5, 0.3));
    assertEquals(0.0, Stats.binomialUpperTail(6, 5, 0.3));
    assertEquals(0.0, Stats.binomialUpperTail(1, 5, 0.0));
    assertEquals(1.0, Stats.binomialUpperTail(5, 5, 1.0));
  }

  @Test
  void wilsonMatchesCommonsMath() {
    var ref = new WilsonScoreInterval().createInterval(263, 81, 0.95);
    Stats.Interval w = Stats.wilson(81, 263, Stats.Z95);
    assertEquals(ref.getLowerBound(), w.low(), 1e-12);
    assertEquals(ref.getUpperBound(), w.high(), 1e-12);
    assertEquals(new Stats.Interval(0.0, 1.0), Stats.wilson(0, 0, Stats.Z95));
  }

  @Test
  void newcombeIntervalOfNewcombesOwnExample() {
    // Newcombe (1998), Statistics in Medicine 17:873-890, example (a): 56/70 vs 48/80, method 10: 0.0524 to 0.3339
    Stats.Interval d = Stats.differenceInterval(48, 80, 56, 70, Stats.Z95);
    assertEquals(0.0524, d.low(), 5e-5);
    assertEquals(0.3339, d.high(), 5e-5);
  }

  @Test
  void benjaminiHochbergByHand() {
    // m = 5: sorted p 0.01, 0.02, 0.03, 0.04, 0.5 -> raw 0.05, 0.05, 0.05, 0.05, 0.5 (monotone from the top)
    double[] q = Stats.benjaminiHochberg(new double[] {0.04, 0.5, 0.01, 0.03, 0.02});
    assertArrayEquals(new double[] {0.05, 0.5, 0.05, 0.05, 0.05}, q, 1e-15);
    double[] q2 = Stats.benjaminiHochberg(new double[] {0.001, 0.2, 0.03});
    assertArrayEquals(new double[] {0.003, 0.2, 0.045}, q2, 1e-15);
  }

  @Test
  void pearsonFromSumsMatchesCommonsMath() {
    double[] x = {0.25, 0.30, 0.35, 0.40, 0.45, 0.50, 0.20};
    double[] y = {70, 78, 84, 80, 75, 66, 61};
    long n = x.length;
    double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    for (int i = 0; i < n; i++) {
      sx += x[i];
      sy += y[i];
      sxx += x[i] * x[i];
      syy += y[i] * y[i];
      sxy += x[i] * y[i];
    }
    double expected = new org.apache.commons.math3.stat.correlation.PearsonsCorrelation().correlation(x, y);
    assertEquals(expected, Stats.pearson(n, sx, sy, sxx, syy, sxy), 1e-12);
    assertEquals(Double.NaN, Stats.pearson(3, 3, 1, 3, 1, 1), 0.0); // x constant
  }

  @Test
  void correlationPValueIsStudentsTTestLikeCommonsMath() {
    for (double[] c : new double[][] {{0.3, 30}, {-0.12, 151}, {0.05, 1000}, {0.9, 5}, {0.0, 50}}) {
      double r = c[0];
      long n = (long) c[1];
      double t = Math.abs(r) * Math.sqrt((n - 2) / (1 - r * r));
      double expected = 2 * (1 - new org.apache.commons.math3.distribution.TDistribution(null, n - 2)
          .cumulativeProbability(t));
      assertEquals(expected, Stats.correlationPValue(r, n), 1e-10, "r=" + r + " n=" + n);
    }
    assertEquals(1.0, Stats.correlationPValue(0.5, 2), 0.0);
  }

  @Test
  void regularizedBetaMatchesCommonsMath() {
    for (double[] c : new double[][] {{0.3, 2, 3}, {0.9, 0.5, 14}, {0.01, 74.5, 0.5}, {0.5, 1, 1}, {0.999, 3, 0.5}}) {
      assertEquals(org.apache.commons.math3.special.Beta.regularizedBeta(c[0], c[1], c[2]),
          Stats.regularizedBeta(c[0], c[1], c[2]), 1e-12, java.util.Arrays.toString(c));
    }
  }

  @Test
  void correlationIntervalByFishersZ() {
    // r = 0.3, n = 30: atanh(0.3) = 0.309520, half width 1.959964 / sqrt(27) = 0.377195 -> -0.0675725 to 0.5958674
    Stats.Interval ci = Stats.correlationInterval(0.3, 30, Stats.Z95);
    assertEquals(-0.0675725, ci.low(), 1e-6);
    assertEquals(0.5958674, ci.high(), 1e-6);
    assertEquals(new Stats.Interval(-1.0, 1.0), Stats.correlationInterval(0.3, 3, Stats.Z95));
  }
}

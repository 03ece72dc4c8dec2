package io.genlake.preference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Thompson sampling over Beta posteriors: one draw per arm picks the choice, and {@code draws} Monte Carlo
 * rounds estimate each arm's probability of being chosen (recorded for off-policy evaluation). Pure Java,
 * seeded: the same inputs give the same choice and probabilities. Cost O(draws x arms).
 */
final class Thompson {
  /** One arm: a name and its Beta(alpha, beta) posterior. */
  record Arm(String name, double alpha, double beta) {}

  /** The chosen arm and every arm's estimated choice probability. */
  record Draw(String choice, Map<String, Double> probabilities) {}

  private Thompson() {}

  static Draw sample(List<Arm> arms, int draws, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] wins = new int[arms.size()];
    int first = -1;
    for (int d = 0; d < draws; d++) {
      int best = 0;
      double bestValue = -1;
      for (int i = 0; i < arms.size(); i++) {
        double v = beta(random, arms.get(i).alpha(), arms.get(i).beta());
        if (v > bestValue) {
          bestValue = v;
          best = i;
        }
      }
      wins[best]++;
      if (first < 0) {
        first = best;
      }
    }
    Map<String, Double> probabilities = new LinkedHashMap<>();
    for (int i = 0; i < arms.size(); i++) {
      probabilities.put(arms.get(i).name(), wins[i] / (double) draws);
    }
    return new Draw(arms.get(first).name(), probabilities);
  }

  /** A Beta(a, b) draw as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
  static double beta(SplittableRandom random, double a, double b) {
    double x = gamma(random, a);
    double y = gamma(random, b);
    return x / (x + y);
  }

  /** Marsaglia and Tsang's Gamma(shape, 1) sampler; shapes below 1 boosted by U^(1/shape). */
  static double gamma(SplittableRandom random, double shape) {
    if (shape < 1) {
      return gamma(random, shape + 1) * Math.pow(random.nextDouble(), 1.0 / shape);
    }
    double d = shape - 1.0 / 3.0;
    double c = 1.0 / Math.sqrt(9 * d);
    while (true) {
      double x;
      double v;
      do {
        x = gaussian(random);
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      double u = random.nextDouble();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
        return d * v;
      }
    }
  }

  private static double gaussian(SplittableRandom random) {
    double u1 = random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1 == 0 ? Double.MIN_VALUE : u1)) * Math.cos(2 * Math.PI * u2);
  }
}

package io.genlake.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ZipfTest {
  @Test
  void probabilitiesFollowOneOverRankToTheExponent() {
    Zipf z = new Zipf(10, 1.0);
    double harmonic = 0;
    for (int i = 1; i <= 10; i++) {
      harmonic += 1.0 / i;
    }
    assertEquals(1 / harmonic, z.probability(0), 1e-12);
    assertEquals(10.0, z.probability(0) / z.probability(9), 1e-9);
  }

  @Test
  void drawsMatchTheProbabilities() {
    Zipf z = new Zipf(12, 1.0);
    Rng rng = new Rng(1);
    int[] counts = new int[12];
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      counts[z.draw(rng)]++;
    }
    for (int r = 0; r < 12; r++) {
      assertEquals(z.probability(r), (double) counts[r] / n, 0.005, "rank " + r);
    }
    assertTrue(counts[0] > 10 * counts[11] * 0.9);
  }
}

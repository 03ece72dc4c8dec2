package io.genlake.generate;

/**
 * Draws ranks 0..n-1 with Zipf-like probabilities proportional to {@code 1 / (rank + 1)^s}: the popularity
 * skew of keywords, checkpoints, users and blocks. One binary search over a precomputed CDF per draw.
 */
final class Zipf {
  private final double[] cdf;

  Zipf(int n, double exponent) {
    if (n < 1) {
      throw new IllegalArgumentException("Zipf needs at least one rank, got " + n);
    }
    cdf = new double[n];
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += 1.0 / Math.pow(i + 1, exponent);
      cdf[i] = total;
    }
    for (int i = 0; i < n; i++) {
      cdf[i] /= total;
    }
  }

  int size() {
    return cdf.length;
  }

  /** The probability of {@code rank} (tests and docs). */
  double probability(int rank) {
    return rank == 0 ? cdf[0] : cdf[rank] - cdf[rank - 1];
  }

  int draw(Rng rng) {
    double u = rng.next();
    int lo = 0;
    int hi = cdf.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cdf[mid] < u) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  <T> T draw(Rng rng, T[] values) {
    return values[draw(rng)];
  }
}

package io.genlake.generate;

import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The generator's one source of randomness: a {@link SplittableRandom} seeded once and drawn from in a fixed
 * order, so that the same seed always gives the same landing files. Cheap helpers for the draws the
 * streams need (chance, pick, Gaussian, UUID); no allocation except where a value is returned.
 */
final class Rng {
  private final SplittableRandom random;

  Rng(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** A uniform double in [0, 1). */
  double next() {
    return random.nextDouble();
  }

  /** True with probability {@code p}. */
  boolean chance(double p) {
    return random.nextDouble() < p;
  }

  /** A uniform int in [0, bound). */
  int below(int bound) {
    return random.nextInt(bound);
  }

  /** A uniform int in [from, to] (both included). */
  int between(int from, int to) {
    return from + random.nextInt(to - from + 1);
  }

  /** A standard normal draw. */
  double gaussian() {
    return random.nextGaussian();
  }

  long nextLong() {
    return random.nextLong();
  }

  <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }

  /** A random (version 4 style) UUID, deterministic for the seed. */
  String uuid() {
    long msb = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
    long lsb = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }
}

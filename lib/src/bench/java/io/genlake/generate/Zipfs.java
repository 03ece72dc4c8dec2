package io.genlake.generate;

/** Shared Zipf samplers (exponent 1.1) for small word lists, by list size. */
final class Zipfs {
  private static final Zipf[] BY_SIZE = new Zipf[32];

  static {
    for (int n = 1; n < BY_SIZE.length; n++) {
      BY_SIZE[n] = new Zipf(n, 1.1);
    }
  }

  private Zipfs() {}

  static Zipf forSize(int n) {
    return BY_SIZE[n];
  }

  static <T> T draw(Rng rng, T[] values) {
    return values[BY_SIZE[values.length].draw(rng)];
  }
}

package io.genlake.failure;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Packs a sorted combination of item ids (1..maxId) into one long, {@code bits} per id, lowest id in the
 * lowest bits; 0 never occurs as a key. Ids are global over (model, item), so a key also names its model.
 */
final class ItemCodec implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int bits;
  private final int maxItems;

  ItemCodec(int maxId, int maxItems) {
    this.bits = Math.max(1, 64 - Long.numberOfLeadingZeros(maxId));
    this.maxItems = maxItems;
    if (bits * maxItems > 63) {
      throw new IllegalArgumentException("Cannot mine patterns of up to " + maxItems + " items over " + maxId
          + " frequent items: the combination key would need " + bits * maxItems + " bits, more than 63. "
          + "Raise failure.min_occurrences (fewer frequent items) or lower failure.max_items.");
    }
  }

  long pack(int[] ids, int count) {
    long key = 0;
    for (int i = 0; i < count; i++) {
      key |= ((long) ids[i]) << (bits * i);
    }
    return key;
  }

  int[] unpack(long key) {
    int[] out = new int[maxItems];
    int n = 0;
    long mask = (1L << bits) - 1;
    while (key != 0) {
      out[n++] = (int) (key & mask);
      key >>>= bits;
    }
    return Arrays.copyOf(out, n);
  }

  /**
   * Calls {@code sink} with the packed key of every combination of 1..maxItems of {@code ids} (sorted,
   * distinct). For 10 items and 3 that is 175 keys per outcome.
   */
  void forEachCombination(int[] ids, int count, java.util.function.LongConsumer sink) {
    int[] pick = new int[maxItems];
    combine(ids, count, 0, 0, pick, sink);
  }

  private void combine(int[] ids, int count, int from, int depth, int[] pick, java.util.function.LongConsumer sink) {
    for (int i = from; i < count; i++) {
      pick[depth] = ids[i];
      sink.accept(pack(pick, depth + 1));
      if (depth + 1 < maxItems) {
        combine(ids, count, i + 1, depth + 1, pick, sink);
      }
    }
  }
}

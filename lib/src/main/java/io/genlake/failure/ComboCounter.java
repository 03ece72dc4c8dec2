package io.genlake.failure;

import java.util.ArrayList;
import java.util.List;
import scala.Tuple2;

/**
 * Counts item combinations of one partition in an open-addressing table keyed by the packed combination
 * (see {@link ItemCodec}): per key, the sample count, the failures, and the failures per failure category.
 * Primitive arrays only, so counting a million outcomes' combinations allocates nothing per increment. Counts
 * are signed: removing an outcome adds it with weight −1.
 */
final class ComboCounter {
  private final int stride;
  private long[] keys;
  private long[] values;
  private int size;
  private int mask;

  ComboCounter(int categories) {
    this.stride = 2 + categories;
    int capacity = 1 << 12;
    keys = new long[capacity];
    values = new long[capacity * stride];
    mask = capacity - 1;
  }

  /** Adds one outcome to {@code key}; {@code category} is the failure category index, or −1 when it passed. */
  void add(long key, int category) {
    add(key, category, 1);
  }

  /**
   * Adds {@code weight} outcomes to {@code key} (−1 takes one away: a changed outcome's old row); {@code category}
   * is the failure category index, or −1 when it passed.
   */
  void add(long key, int category, int weight) {
    int slot = slotOf(key);
    int base = slot * stride;
    values[base] += weight;
    if (category >= 0) {
      values[base + 1] += weight;
      values[base + 2 + category] += weight;
    }
  }

  int size() {
    return size;
  }

  /** The counted entries: key and {@code [n, failures, per-category failures…]}. */
  List<Tuple2<Long, long[]>> entries() {
    List<Tuple2<Long, long[]>> out = new ArrayList<>(size);
    for (int slot = 0; slot < keys.length; slot++) {
      if (keys[slot] != 0) {
        long[] v = new long[stride];
        System.arraycopy(values, slot * stride, v, 0, stride);
        out.add(new Tuple2<>(keys[slot], v));
      }
    }
    return out;
  }

  /** Element-wise sum, for the reduce side of the shuffle. */
  static long[] sum(long[] a, long[] b) {
    long[] out = a.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] += b[i];
    }
    return out;
  }

  private int slotOf(long key) {
    int slot = (int) mix(key) & mask;
    while (true) {
      long k = keys[slot];
      if (k == key) {
        return slot;
      }
      if (k == 0) {
        if ((size + 1) * 2 > keys.length) {
          grow();
          return slotOf(key);
        }
        keys[slot] = key;
        size++;
        return slot;
      }
      slot = (slot + 1) & mask;
    }
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new long[keys.length * stride];
    mask = keys.length - 1;
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != 0) {
        int slot = slotOf(oldKeys[i]);
        System.arraycopy(oldValues, i * stride, values, slot * stride, stride);
      }
    }
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}

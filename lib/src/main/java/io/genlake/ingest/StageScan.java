package io.genlake.ingest;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * What one pass over a kind's cached stage finds: the rows per rule id ({@code ""} for valid rows) and the
 * hashes of the natural keys that occur more than once among the valid rows. The pass is the one that fills the
 * cache; the key hashes (8 bytes per valid row) go to the driver, which sorts them and keeps the repeated ones, so
 * deduplication only has to rank the rows of those keys (see {@link SilverMerge}).
 *
 * @param byRule rows per rule id, {@code ""} for valid rows
 * @param repeatedKeys sorted distinct {@link #keyHash} values seen on more than one valid row; {@code null} when
 *     the keys were not collected (a composite key, or a batch too large to collect its keys on the driver)
 */
record StageScan(Map<String, Long> byRule, long[] repeatedKeys) {
  /** Batches whose landing sources are larger than this rank every row by key instead of collecting key hashes. */
  static final long MAX_KEYED_BYTES = 4L << 30;
  /** The seed of Spark's {@code xxhash64} SQL function. */
  private static final long SEED = 42L;

  /**
   * Counts {@code cache}'s rows per rule and, when {@code withKeys} and the kind has a one-column key, collects the
   * repeated key hashes.
   */
  static StageScan of(Kind kind, JavaRDD<InternalRow> cache, boolean withKeys) {
    StructType schema = Staging.schema(kind);
    int rule = schema.fieldIndex(Staging.RULE);
    boolean keyed = withKeys && kind.silver().key().size() == 1;
    int key = keyed ? schema.fieldIndex(kind.silver().key().get(0)) : -1;
    List<Part> parts = cache.mapPartitions(it -> {
      Map<String, Long> byRule = new HashMap<>();
      long[] hashes = new long[keyed ? 1024 : 0];
      int n = 0;
      long valid = 0;
      while (it.hasNext()) {
        InternalRow r = it.next();
        if (!r.isNullAt(rule)) {
          byRule.merge(r.getUTF8String(rule).toString(), 1L, Long::sum);
          continue;
        }
        valid++;
        if (keyed && !r.isNullAt(key)) {
          if (n == hashes.length) {
            hashes = Arrays.copyOf(hashes, n * 2);
          }
          hashes[n++] = keyHash(r.getUTF8String(key));
        }
      }
      if (valid > 0) {
        byRule.put("", valid);
      }
      return List.of(new Part(byRule, Arrays.copyOf(hashes, n))).iterator();
    }).collect();
    Map<String, Long> byRule = new TreeMap<>();
    for (Part p : parts) {
      p.byRule().forEach((k, v) -> byRule.merge(k, v, Long::sum));
    }
    if (!keyed) {
      return new StageScan(byRule, null);
    }
    // all valid rows' hashes, sorted once on the driver: equal neighbours are repeated keys
    long[] all = parts.stream().flatMapToLong(p -> Arrays.stream(p.keys())).toArray();
    Arrays.sort(all);
    long[] repeated = new long[all.length / 2];
    int n = 0;
    for (int i = 1; i < all.length; i++) {
      if (all[i] == all[i - 1] && (n == 0 || repeated[n - 1] != all[i])) {
        repeated[n++] = all[i];
      }
    }
    return new StageScan(byRule, Arrays.copyOf(repeated, n));
  }

  /** Spark's {@code xxhash64(key)} of a string key: the value the SQL function gives for the same string. */
  static long keyHash(UTF8String key) {
    return XXH64.hashUnsafeBytes(key.getBaseObject(), key.getBaseOffset(), key.numBytes(), SEED);
  }

  /** One partition's counts and sorted key hashes. */
  private record Part(Map<String, Long> byRule, long[] keys) implements Serializable {}
}

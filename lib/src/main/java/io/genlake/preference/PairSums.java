package io.genlake.preference;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The reduce-side loop of {@link PairStats#aggregate}: pair contributions arrive sorted by the 64-bit hash of
 * their key (a radix sort, spilling to disk when a partition does not fit in memory), so the contributions of one
 * key are adjacent; this sums each run of equal hashes per exact key (a hash collision only makes a run hold two
 * keys) and emits one stored pair row ({@link io.genlake.table.GoldPreferencePairStats#SCHEMA}) per key, kind by
 * name, decayed sums kept as of the pair's newest event ({@link RunningSum}). Memory: one run.
 */
final class PairSums implements Iterator<Row> {
  private record Key(String user, byte kind, String a, String b) {}

  private final Iterator<Row> sorted;
  private final int hash;
  private final Decay decay;
  private final Map<Key, RunningSum> run = new LinkedHashMap<>();
  private Iterator<Map.Entry<Key, RunningSum>> emitting = java.util.Collections.emptyIterator();
  private Row pending;

  /** {@code sorted}: {@link PairStats#CONTRIBUTIONS} rows sorted by their key hash, at column {@code hash}. */
  PairSums(Iterator<Row> sorted, int hash, Decay decay) {
    this.sorted = sorted;
    this.hash = hash;
    this.decay = decay;
  }

  @Override
  public boolean hasNext() {
    if (!emitting.hasNext()) {
      nextRun();
    }
    return emitting.hasNext();
  }

  @Override
  public Row next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Map.Entry<Key, RunningSum> e = emitting.next();
    Key k = e.getKey();
    RunningSum s = e.getValue();
    return RowFactory.create(k.user(), PairStats.KIND_NAMES.get(k.kind()), k.a(), k.b(), s.selected, s.rejected,
        s.selected + s.rejected, s.decayedSelected, s.decayedRejected, PairStats.timestamp(s.last));
  }

  /** Sums the next run of rows with equal hashes into {@link #run}. */
  private void nextRun() {
    run.clear();
    Row r = pending != null ? pending : sorted.hasNext() ? sorted.next() : null;
    pending = null;
    if (r == null) {
      return;
    }
    long h = r.getLong(hash);
    while (r != null) {
      run.computeIfAbsent(new Key(r.getString(0), r.getByte(1), r.getString(2), r.getString(3)), k -> new RunningSum())
          .add(r.getLong(4), r.getLong(5), r.getDouble(6), r.getDouble(7), r.getLong(8), decay);
      r = sorted.hasNext() ? sorted.next() : null;
      if (r != null && r.getLong(hash) != h) {
        pending = r;
        r = null;
      }
    }
    emitting = run.entrySet().iterator();
  }
}

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
 * keys) and emits one {@link PairStats#COUNTS} row per key, kind by name. Memory: one run.
 */
final class PairSums implements Iterator<Row> {
  private record Key(String user, byte kind, String a, String b) {}

  private static final class Sum {
    long selected;
    long rejected;
    double decayedSelected;
    double decayedRejected;
  }

  private final Iterator<Row> sorted;
  private final int hash;
  private final Map<Key, Sum> run = new LinkedHashMap<>();
  private Iterator<Map.Entry<Key, Sum>> emitting = java.util.Collections.emptyIterator();
  private Row pending;

  /** {@code sorted}: {@link PairStats#CONTRIBUTIONS} rows sorted by their key hash, at column {@code hash}. */
  PairSums(Iterator<Row> sorted, int hash) {
    this.sorted = sorted;
    this.hash = hash;
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
    Map.Entry<Key, Sum> e = emitting.next();
    Key k = e.getKey();
    Sum s = e.getValue();
    return RowFactory.create(k.user(), PairStats.KIND_NAMES.get(k.kind()), k.a(), k.b(), s.selected, s.rejected,
        s.decayedSelected, s.decayedRejected);
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
      Sum s = run.computeIfAbsent(new Key(r.getString(0), r.getByte(1), r.getString(2), r.getString(3)), k -> new Sum());
      s.selected += r.getLong(4);
      s.rejected += r.getLong(5);
      s.decayedSelected += r.getDouble(6);
      s.decayedRejected += r.getDouble(7);
      r = sorted.hasNext() ? sorted.next() : null;
      if (r != null && r.getLong(hash) != h) {
        pending = r;
        r = null;
      }
    }
    emitting = run.entrySet().iterator();
  }
}

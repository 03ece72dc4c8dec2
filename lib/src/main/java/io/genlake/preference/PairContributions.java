package io.genlake.preference;

import io.genlake.table.GoldPreferencePairStats;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The per-partition loop of {@link PairStats#aggregate}: turns prepared events into pair contributions
 * ({@link PairStats#CONTRIBUTIONS} rows). Each event counts for its (kind, a, b) pairs (keyword x checkpoint,
 * keyword x LoRA, keyword x negative keyword, checkpoint x LoRA, and its checkpoint alone) in its user's scope and,
 * when the user shares, in the global scope. User-scope contributions are emitted as they come (their keys hardly
 * repeat within a partition); global ones are summed in a hash map ({@link RunningSum}, decayed sums kept as of
 * each pair's newest event), whose size is bounded by the distinct global pairs (flushed past
 * {@link #MAX_GLOBAL_PAIRS}), and emitted at the end: every event's global half never becomes a row.
 */
final class PairContributions implements Iterator<Row> {
  /** Global pairs held in memory per partition before they are emitted and the sums restart. */
  static final int MAX_GLOBAL_PAIRS = 500_000;
  private static final byte KEYWORD_CHECKPOINT = code(GoldPreferencePairStats.KEYWORD_CHECKPOINT);
  private static final byte KEYWORD_LORA = code(GoldPreferencePairStats.KEYWORD_LORA);
  private static final byte KEYWORD_NEGATIVE = code(GoldPreferencePairStats.KEYWORD_NEGATIVE);
  private static final byte CHECKPOINT_LORA = code(GoldPreferencePairStats.CHECKPOINT_LORA);
  private static final byte CHECKPOINT = code(GoldPreferencePairStats.CHECKPOINT);

  /** Positions of the prepared columns. */
  record Columns(int user, int share, int checkpoint, int selected, int eventAt, int keywords, int negatives,
      int loras) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  private record Key(byte kind, String a, String b) {}

  private final Iterator<Row> events;
  private final Columns c;
  private final Decay decay;
  private final boolean rankingOnly;
  private final ArrayDeque<Row> out = new ArrayDeque<>();
  private final Map<Key, RunningSum> global = new HashMap<>();

  PairContributions(Iterator<Row> events, Columns columns, Decay decay) {
    this(events, columns, decay, false);
  }

  /**
   * With {@code rankingOnly}, only the pairs that rank checkpoints (keyword x checkpoint and the checkpoint
   * totals), what the offline evaluation needs.
   */
  PairContributions(Iterator<Row> events, Columns columns, Decay decay, boolean rankingOnly) {
    this.events = events;
    this.c = columns;
    this.decay = decay;
    this.rankingOnly = rankingOnly;
  }

  @Override
  public boolean hasNext() {
    while (out.isEmpty() && events.hasNext()) {
      add(events.next());
      if (global.size() > MAX_GLOBAL_PAIRS) {
        flushGlobal();
      }
    }
    if (out.isEmpty() && !global.isEmpty()) {
      flushGlobal();
    }
    return !out.isEmpty();
  }

  @Override
  public Row next() {
    if (!hasNext()) {
      throw new java.util.NoSuchElementException();
    }
    return out.poll();
  }

  private void add(Row r) {
    String user = r.isNullAt(c.user()) ? null : r.getString(c.user());
    boolean shares = r.getBoolean(c.share());
    if (user == null && !shares) {
      return;
    }
    boolean selected = r.getBoolean(c.selected());
    long at = r.getLong(c.eventAt());
    String checkpoint = r.getString(c.checkpoint());
    List<String> keywords = r.getList(c.keywords());
    List<String> negatives = r.getList(c.negatives());
    List<String> loras = r.getList(c.loras());
    pair(user, shares, CHECKPOINT, checkpoint, "", selected, at);
    for (String k : keywords) {
      pair(user, shares, KEYWORD_CHECKPOINT, k, checkpoint, selected, at);
    }
    if (rankingOnly) {
      return;
    }
    for (String k : keywords) {
      for (String l : loras) {
        pair(user, shares, KEYWORD_LORA, k, l, selected, at);
      }
      for (String n : negatives) {
        pair(user, shares, KEYWORD_NEGATIVE, k, n, selected, at);
      }
    }
    for (String l : loras) {
      pair(user, shares, CHECKPOINT_LORA, checkpoint, l, selected, at);
    }
  }

  private void pair(String user, boolean shares, byte kind, String a, String b, boolean selected, long at) {
    if (user != null) {
      out.add(RowFactory.create(user, kind, a, b, selected ? 1L : 0L, selected ? 0L : 1L, selected ? 1.0 : 0.0,
          selected ? 0.0 : 1.0, at));
    }
    if (shares) {
      global.computeIfAbsent(new Key(kind, a, b), k -> new RunningSum()).addEvent(selected, at, decay);
    }
  }

  private static byte code(String kind) {
    return (byte) PairStats.KIND_NAMES.indexOf(kind);
  }

  private void flushGlobal() {
    for (Map.Entry<Key, RunningSum> e : global.entrySet()) {
      Key k = e.getKey();
      RunningSum s = e.getValue();
      out.add(RowFactory.create(GoldPreferencePairStats.GLOBAL, k.kind(), k.a(), k.b(), s.selected, s.rejected,
          s.decayedSelected, s.decayedRejected, s.last));
    }
    global.clear();
  }
}

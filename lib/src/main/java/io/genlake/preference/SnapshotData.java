package io.genlake.preference;

import io.genlake.table.GoldParameterStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a serving snapshot holds, as maps filled by the nightly job ({@link SnapshotBuilder}), a test or a benchmark,
 * before it is laid out in the {@link SnapshotFile} format by {@link #build()}. Pairs are kept in the stored form
 * ({@link Stored}: decayed sums as of the pair's newest event) with each scope's anchor, so a night's new pairs merge
 * into a previous snapshot without reading the statistics again; they are decayed to the anchor when read. Not
 * thread-safe; one per build.
 */
public final class SnapshotData {
  /** No time: counts given already decayed to their anchor (tests, benchmarks). */
  static final long NO_TIME = Long.MIN_VALUE;

  /** One pair in the stored form: raw counts, decayed sums as of {@code lastMicros} ({@link #NO_TIME}: at the anchor). */
  record Stored(long selected, long rejected, double decayedSelected, double decayedRejected, long lastMicros) {
    static Stored of(PairCounts c) {
      return new Stored(c.selected(), c.rejected(), c.decayedSelected(), c.decayedRejected(), NO_TIME);
    }

    /** The counts decayed to {@code anchorMicros}. */
    PairCounts at(long anchorMicros, Decay decay) {
      double f = lastMicros == NO_TIME || anchorMicros == NO_TIME ? 1.0 : decay.factor(lastMicros, anchorMicros);
      return new PairCounts(selected, rejected, decayedSelected * f, decayedRejected * f);
    }

    /** This pair merged with {@code other} ({@link Decay#merge}; counts add up). */
    Stored merge(Stored other, Decay decay) {
      long last = Math.max(lastMicros, other.lastMicros);
      double fa = lastMicros == NO_TIME ? 1.0 : decay.factor(lastMicros, last);
      double fb = other.lastMicros == NO_TIME ? 1.0 : decay.factor(other.lastMicros, last);
      return new Stored(selected + other.selected, rejected + other.rejected,
          decayedSelected * fa + other.decayedSelected * fb, decayedRejected * fa + other.decayedRejected * fb, last);
    }
  }

  /** One context's statistics (a keyword or a checkpoint): ranking pairs, LoRAs and parameters. */
  static final class Context {
    final Map<String, Stored> checkpoints = new HashMap<>();
    final Map<String, Stored> loras = new HashMap<>();
    final Map<String, ValueStats> strengths = new HashMap<>();
    final List<ParameterStat> parameters = new ArrayList<>();
  }

  /** One user's statistics: the anchor their counts are read at and their keyword x checkpoint pairs. */
  static final class User {
    long anchorMicros = NO_TIME;
    final Map<String, Map<String, Stored>> keywords = new HashMap<>();
  }

  final Instant asOf;
  final double timeConstantDays;
  final String anchorMode;
  /** Where the pair statistics stood when this was built (their version token, PairTables.token), or -1. */
  long statsVersion = -1;
  long globalAnchorMicros = NO_TIME;
  final Map<String, Stored> checkpointTotals = new HashMap<>();
  final Map<String, Context> keywords = new HashMap<>();
  final Map<String, Context> checkpoints = new HashMap<>();
  final Map<String, User> users = new HashMap<>();

  /**
   * @param asOf the end of the run date the snapshot was written for
   * @param timeConstantDays the decay time constant of its sums
   * @param anchorMode {@code data} or {@code run_date}: what its sums are decayed to when read
   */
  public SnapshotData(Instant asOf, double timeConstantDays, String anchorMode) {
    this.asOf = asOf;
    this.timeConstantDays = timeConstantDays;
    this.anchorMode = anchorMode;
  }

  /** Counts given as they are to be read (tests, benchmarks): time constant 30 days, run-date anchor. */
  public SnapshotData(Instant asOf) {
    this(asOf, 30, "run_date");
  }

  /** The shared pool's anchor: the time its sums are decayed to when read. */
  public SnapshotData globalAnchor(Instant anchor) {
    globalAnchorMicros = Decay.micros(anchor);
    return this;
  }

  /** The anchor a user's sums are decayed to when read. */
  public SnapshotData userAnchor(String user, Instant anchor) {
    users.computeIfAbsent(user, u -> new User()).anchorMicros = Decay.micros(anchor);
    return this;
  }

  /** A global (shared) keyword x checkpoint pair, as read. */
  public SnapshotData putGlobal(String keyword, String checkpoint, PairCounts counts) {
    return putGlobal(keyword, checkpoint, Stored.of(counts));
  }

  SnapshotData putGlobal(String keyword, String checkpoint, Stored s) {
    keywords.computeIfAbsent(keyword, k -> new Context()).checkpoints.put(checkpoint, s);
    return this;
  }

  /** A checkpoint's events in the shared pool whatever the prompt, as read: its popularity is the decayed selections. */
  public SnapshotData putCheckpoint(String checkpoint, PairCounts counts) {
    checkpointTotals.put(checkpoint, Stored.of(counts));
    return this;
  }

  /** One user's keyword x checkpoint pair, as read. */
  public SnapshotData putUser(String user, String keyword, String checkpoint, PairCounts counts) {
    return putUser(user, keyword, checkpoint, Stored.of(counts));
  }

  SnapshotData putUser(String user, String keyword, String checkpoint, Stored s) {
    users.computeIfAbsent(user, u -> new User()).keywords.computeIfAbsent(keyword, k -> new HashMap<>())
        .put(checkpoint, s);
    return this;
  }

  /** A shared (keyword, LoRA) pair, as read. */
  public SnapshotData putKeywordLora(String keyword, String lora, PairCounts counts) {
    keywords.computeIfAbsent(keyword, k -> new Context()).loras.put(lora, Stored.of(counts));
    return this;
  }

  /** A shared (checkpoint, LoRA) pair, as read. */
  public SnapshotData putCheckpointLora(String checkpoint, String lora, PairCounts counts) {
    checkpoints.computeIfAbsent(checkpoint, k -> new Context()).loras.put(lora, Stored.of(counts));
    return this;
  }

  /** A parameter's statistics in a context ({@code keyword} or {@code checkpoint}); LoRA strengths go with the LoRA. */
  public SnapshotData putParameter(String contextKind, String context, ParameterStat stat) {
    Context c = (contextKind.equals(GoldParameterStats.KEYWORD) ? keywords : checkpoints)
        .computeIfAbsent(context, k -> new Context());
    if (stat.parameter().equals(GoldParameterStats.LORA_STRENGTH)) {
      c.strengths.put(stat.value(), stat.stats());
    } else {
      c.parameters.add(stat);
    }
    return this;
  }

  /** Drops every parameter and strength statistic (before they are put again from the table). */
  void clearParameters() {
    for (Map<String, Context> table : List.of(keywords, checkpoints)) {
      for (Context c : table.values()) {
        c.strengths.clear();
        c.parameters.clear();
      }
    }
  }

  /** Lays the data out in the file format and opens it (the same lookups as a snapshot read from a file). */
  public ServingSnapshot build() {
    return ServingSnapshot.of(SnapshotFile.write(this));
  }
}

package io.genlake.preference;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What a serving snapshot holds, as maps filled by the nightly job ({@link SnapshotBuilder}) or a test, before it is
 * laid out in the {@link SnapshotFile} format by {@link #build()}. Counts are already decayed to their scope's
 * anchor. Not thread-safe; one per build.
 */
public final class SnapshotData {
  /** One context's statistics (a keyword or a checkpoint): ranking pairs, LoRAs and parameters. */
  static final class Context {
    final Map<String, PairCounts> checkpoints = new HashMap<>();
    final Map<String, PairCounts> loras = new HashMap<>();
    final Map<String, ValueStats> strengths = new HashMap<>();
    final List<ParameterStat> parameters = new ArrayList<>();
  }

  /** One user's statistics: the anchor their counts were decayed to and their keyword x checkpoint pairs. */
  static final class User {
    long anchorMicros = Long.MIN_VALUE;
    final Map<String, Map<String, PairCounts>> keywords = new HashMap<>();
  }

  final Instant asOf;
  final double timeConstantDays;
  final String anchorMode;
  long globalAnchorMicros = Long.MIN_VALUE;
  final Map<String, Double> popularity = new HashMap<>();
  final Map<String, PairCounts> checkpointTotals = new HashMap<>();
  final Map<String, Context> keywords = new HashMap<>();
  final Map<String, Context> checkpoints = new HashMap<>();
  final Map<String, User> users = new HashMap<>();

  /**
   * @param asOf the end of the run date the snapshot was written for
   * @param timeConstantDays the decay time constant of its counts
   * @param anchorMode {@code data} or {@code run_date}: what its counts were decayed to
   */
  public SnapshotData(Instant asOf, double timeConstantDays, String anchorMode) {
    this.asOf = asOf;
    this.timeConstantDays = timeConstantDays;
    this.anchorMode = anchorMode;
  }

  /** Undecayed data as of {@code asOf} (tests, benchmarks): time constant 30 days, run-date anchor. */
  public SnapshotData(Instant asOf) {
    this(asOf, 30, "run_date");
  }

  /** The shared pool's anchor: the time its counts were decayed to. */
  public SnapshotData globalAnchor(Instant anchor) {
    globalAnchorMicros = Decay.micros(anchor);
    return this;
  }

  /** A global (shared) keyword x checkpoint pair. */
  public SnapshotData putGlobal(String keyword, String checkpoint, PairCounts counts) {
    keywords.computeIfAbsent(keyword, k -> new Context()).checkpoints.put(checkpoint, counts);
    return this;
  }

  /** A checkpoint's events in the shared pool, whatever the prompt: its popularity is the decayed selections. */
  public SnapshotData putCheckpoint(String checkpoint, PairCounts counts) {
    checkpointTotals.put(checkpoint, counts);
    popularity.put(checkpoint, counts.decayedSelected());
    return this;
  }

  /** One user's keyword x checkpoint pair. */
  public SnapshotData putUser(String user, String keyword, String checkpoint, PairCounts counts) {
    users.computeIfAbsent(user, u -> new User()).keywords.computeIfAbsent(keyword, k -> new HashMap<>())
        .put(checkpoint, counts);
    return this;
  }

  /** The anchor a user's counts were decayed to. */
  public SnapshotData userAnchor(String user, Instant anchor) {
    users.computeIfAbsent(user, u -> new User()).anchorMicros = Decay.micros(anchor);
    return this;
  }

  /** A shared (keyword, LoRA) pair. */
  public SnapshotData putKeywordLora(String keyword, String lora, PairCounts counts) {
    keywords.computeIfAbsent(keyword, k -> new Context()).loras.put(lora, counts);
    return this;
  }

  /** A shared (checkpoint, LoRA) pair. */
  public SnapshotData putCheckpointLora(String checkpoint, String lora, PairCounts counts) {
    checkpoints.computeIfAbsent(checkpoint, k -> new Context()).loras.put(lora, counts);
    return this;
  }

  /** A parameter's statistics in a context ({@code keyword} or {@code checkpoint}); LoRA strengths go with the LoRA. */
  public SnapshotData putParameter(String contextKind, String context, ParameterStat stat) {
    Context c = (contextKind.equals(io.genlake.table.GoldParameterStats.KEYWORD) ? keywords : checkpoints)
        .computeIfAbsent(context, k -> new Context());
    if (stat.parameter().equals(io.genlake.table.GoldParameterStats.LORA_STRENGTH)) {
      c.strengths.put(stat.value(), stat.stats());
    } else {
      c.parameters.add(stat);
    }
    return this;
  }

  /** The global anchor, when known. */
  OptionalLong globalAnchor() {
    return globalAnchorMicros == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(globalAnchorMicros);
  }

  /** Lays the data out in the file format and opens it (the same lookups as a snapshot read from a file). */
  public ServingSnapshot build() {
    return ServingSnapshot.of(SnapshotFile.write(this));
  }
}

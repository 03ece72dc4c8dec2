package io.genlake.preference;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.genlake.pipeline.StepResult;
import io.genlake.table.GoldPreferencePairStats;
import io.genlake.table.GoldPreferenceState;
import io.genlake.warehouse.Warehouse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Updates {@code gold.preference_pair_stats} as of a time: a full recompute over every usable event, or the
 * incremental update (yesterday's sums decayed to today plus today's new events) when a previous state exists.
 * Applies and counts the bad-input rules. Cost: one pass over the events for the counts, one for the
 * extraction, one shuffle on the pair key; incremental: the stored pairs join that shuffle or, for a night's few
 * events, the new pairs are broadcast to them.
 */
final class StatsUpdate {
  /** The previous run's watermark. */
  record State(Instant asOf, Instant ingestedThrough) {}

  /**
   * New events up to this many are added to the stored pairs through broadcast joins ({@link PairStats#addFresh});
   * more go through one shuffle of all pairs ({@link PairStats#sumByKey}).
   */
  static final long BROADCAST_EVENTS = 20_000;

  private StatsUpdate() {}

  static Optional<State> latestState(Warehouse w) {
    if (!w.exists(GoldPreferenceState.TABLE) || !w.exists(GoldPreferencePairStats.TABLE)) {
      return Optional.empty();
    }
    List<Row> last = w.read(GoldPreferenceState.TABLE).orderBy(col(GoldPreferenceState.WRITTEN_AT).desc())
        .select(GoldPreferenceState.AS_OF, GoldPreferenceState.INGESTED_THROUGH).limit(1).collectAsList();
    return last.stream().findFirst()
        .map(r -> new State(r.getTimestamp(0).toInstant(), r.getTimestamp(1).toInstant()));
  }

  /**
   * Recomputes or updates the statistics as of {@code asOf}; returns the new state. {@code full} forces a
   * recompute; so does a run date before the stored one.
   */
  static State update(Warehouse w, Dataset<Row> events, PreferenceSettings s, Instant asOf, boolean full,
      String runId, StepResult result) {
    Timestamp asOfTs = Timestamp.from(asOf);
    Column blank = col(PreferenceEvents.CHECKPOINT).isNull().or(trim(col(PreferenceEvents.CHECKPOINT)).equalTo(""));
    Column future = col(PreferenceEvents.CREATED_AT).gt(lit(asOfTs));
    TreeSet<String> pooled = new TreeSet<>();
    s.config().checkpointPools().values().forEach(pooled::addAll);
    Row c = events.agg(count(lit(1)),
        sum(when(col(PreferenceEvents.SOURCE).equalTo(lit("preference_events")), 1).otherwise(0)),
        sum(when(col(PreferenceEvents.SOURCE).equalTo(lit("generations")), 1).otherwise(0)),
        sum(when(col(PreferenceEvents.SOURCE).equalTo(lit("image_ratings")), 1).otherwise(0)),
        sum(when(blank, 1).otherwise(0)),
        sum(when(future, 1).otherwise(0)),
        sum(when(col(PreferenceEvents.USER_ID).isNull(), 1).otherwise(0)),
        sum(when(not(blank).and(not(col(PreferenceEvents.CHECKPOINT).isin(pooled.toArray()))), 1).otherwise(0)),
        max(col(PreferenceEvents.INGESTED_AT))).first();
    result.count("events.read", c.getLong(0))
        .count("events.read.preference_events", c.isNullAt(1) ? 0 : c.getLong(1))
        .count("events.read.generations", c.isNullAt(2) ? 0 : c.getLong(2))
        .count("events.read.image_ratings", c.isNullAt(3) ? 0 : c.getLong(3));
    rule(result, "events.blank_checkpoint", c, 4,
        "events without a checkpoint were skipped (nothing to learn about); fix the source export");
    rule(result, "events.future", c, 5, "events dated after " + asOf + " were left for the run whose date reaches them");
    rule(result, "events.no_user", c, 6, "events without a user fed only the global statistics (when shared)");
    rule(result, "events.checkpoint_not_in_pool", c, 7,
        "events name checkpoints outside every configured pool: counted, but only recommended from the observed pool");

    Instant ingestedThrough = c.isNullAt(8) ? Instant.EPOCH : c.getTimestamp(8).toInstant();
    Dataset<Row> usable = events.where(not(blank).and(not(future)));
    Optional<State> previous = full ? Optional.empty() : latestState(w).filter(p -> !asOf.isBefore(p.asOf()));
    Dataset<Row> fresh = usable;
    String mode = "full";
    if (previous.isPresent()) {
      State p = previous.get();
      Column seen = col(PreferenceEvents.CREATED_AT).leq(lit(Timestamp.from(p.asOf())))
          .and(col(PreferenceEvents.INGESTED_AT).leq(lit(Timestamp.from(p.ingestedThrough()))));
      fresh = usable.where(not(seen));
      mode = "incremental";
      ingestedThrough = ingestedThrough.isBefore(p.ingestedThrough()) ? p.ingestedThrough() : ingestedThrough;
    }
    Dataset<Row> prepared = PairStats.prepare(fresh, s.extractor(), asOf, s.config().decayDays())
        .persist(StorageLevel.MEMORY_AND_DISK());
    long added = 0;
    for (Row r : prepared.groupBy(PairStats.STATUS).count().collectAsList()) {
      added += r.getLong(1);
      if (r.getString(0).equals(KeywordExtractor.PromptStatus.EMPTY.label())) {
        result.count("events.empty_prompt", r.getLong(1)).note("events.empty_prompt: " + r.getLong(1)
            + " events with an empty prompt gave no keyword pairs; their checkpoint x LoRA pairs were counted");
      } else if (r.getString(0).equals(KeywordExtractor.PromptStatus.NO_KEYWORDS.label())) {
        result.count("events.stop_words_only", r.getLong(1)).note("events.stop_words_only: " + r.getLong(1)
            + " prompts held only stop words or short words: no keyword pairs; checkpoint x LoRA pairs counted");
      }
    }
    result.count("events.counted", added);
    Dataset<Row> counts = PairStats.aggregate(prepared);
    Dataset<Row> freshCounts = null;
    if (previous.isPresent()) {
      Dataset<Row> carried = PairStats.decayTo(w.read(GoldPreferencePairStats.TABLE), previous.get().asOf(), asOf,
          s.config().decayDays());
      if (added <= BROADCAST_EVENTS) {
        freshCounts = counts.persist(StorageLevel.MEMORY_AND_DISK());
        counts = PairStats.addFresh(carried, freshCounts);
      } else {
        counts = PairStats.sumByKey(carried.unionByName(counts));
      }
    }
    long out = w.overwriteCounted(GoldPreferencePairStats.TABLE, PairStats.score(counts, s.scores(), asOf));
    prepared.unpersist();
    if (freshCounts != null) {
      freshCounts.unpersist();
    }
    result.table(GoldPreferencePairStats.TABLE, added, out, w.version(GoldPreferencePairStats.TABLE));
    result.note("pair statistics: " + mode + " update as of " + asOf + ", " + added + " events added");
    State state = new State(asOf, ingestedThrough);
    writeState(w, state, mode, added, runId);
    return state;
  }

  static void writeState(Warehouse w, State state, String mode, long added, String runId) {
    Row row = org.apache.spark.sql.RowFactory.create(runId, Timestamp.from(state.asOf()),
        Timestamp.from(state.ingestedThrough()), mode, added, Timestamp.from(Instant.now()));
    w.append(GoldPreferenceState.TABLE, w.spark().createDataFrame(List.of(row), GoldPreferenceState.SCHEMA));
  }

  private static void rule(StepResult result, String name, Row c, int i, String rule) {
    long n = c.isNullAt(i) ? 0 : c.getLong(i);
    result.count(name, n);
    if (n > 0) {
      result.note(name + ": " + n + " " + rule);
    }
  }
}

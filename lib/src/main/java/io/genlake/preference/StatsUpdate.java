package io.genlake.preference;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.genlake.pipeline.Concurrently;
import io.genlake.pipeline.StepResult;
import io.genlake.table.GoldParameterStats;
import io.genlake.table.GoldPreferencePairIncrements;
import io.genlake.table.GoldPreferencePairStats;
import io.genlake.table.GoldPreferenceState;
import io.genlake.table.SilverGenerations;
import io.genlake.warehouse.Warehouse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.storage.StorageLevel;

/**
 * Updates the pair statistics ({@link PairTables}: the base {@code gold.preference_pair_stats} and
 * {@code gold.preference_pair_increments}) and {@code gold.parameter_stats} for a run: a full recompute over every
 * usable event (the base overwritten, the increments emptied), or the incremental update when a previous state of the
 * same decay exists: only the events new since then are read, their pairs appended to the increments (no read of
 * the base) or, when the increments reach {@code preference.fold_share} of the base, folded with them into a new
 * base; their parameter observations are added. Applies and counts the bad-input rules (over the events the run
 * reads). Cost: one pass over the events read for the counts, one for the extraction, one shuffle on the pair key;
 * a fold: one shuffle and a rewrite of the base.
 */
final class StatsUpdate {
  /**
   * The previous run's watermark, decay, the events its statistics hold, and the rows of the base and of the
   * increments after it (what decides the next fold, {@link PairTables#add}).
   */
  record State(Instant asOf, Instant ingestedThrough, double timeConstantDays, long eventsTotal, long pairRows,
      long incrementRows) {}

  /**
   * What an update did: the new state, whether it recomputed everything, the events added, the version tokens of the
   * pair statistics before and after ({@link PairTables#token}; -1: none, or a recompute), and, when incremental,
   * the new pairs' rows a snapshot serves ({@link SnapshotBuilder#served}) to merge into the previous snapshot, and
   * the parameter statistics' rows when it wrote them (empty: the table is unchanged).
   */
  record Outcome(State state, boolean full, long added, long previousToken, long statsToken,
      Optional<List<Row>> fresh, Optional<List<Row>> parameters) {}

  private StatsUpdate() {}

  /**
   * The latest state; empty when there is none or it was written by a genlake whose statistics differ in form (no
   * newest event per pair). A state written before the increments (no row counts) continues: the base's rows are
   * counted (from the Delta log's file statistics) and there are no increment rows.
   */
  static Optional<State> latestState(Warehouse w) {
    if (!w.exists(GoldPreferenceState.TABLE) || !w.exists(GoldPreferencePairStats.TABLE)) {
      return Optional.empty();
    }
    Dataset<Row> states = w.read(GoldPreferenceState.TABLE);
    List<String> columns = List.of(states.columns());
    boolean counted = columns.contains(GoldPreferenceState.PAIR_ROWS);
    // a state with row counts was written by a genlake whose pair statistics keep each pair's newest event (the
    // increments came later): the base's columns are read, which costs a snapshot of it, only for an older state
    if (!columns.contains(GoldPreferenceState.TIME_CONSTANT_DAYS) || !counted
        && !List.of(w.read(GoldPreferencePairStats.TABLE).columns()).contains(GoldPreferencePairStats.LAST_EVENT_AT)) {
      return Optional.empty();
    }
    Column none = lit(-1L);
    List<Row> last = states.orderBy(col(GoldPreferenceState.WRITTEN_AT).desc())
        .select(col(GoldPreferenceState.AS_OF), col(GoldPreferenceState.INGESTED_THROUGH),
            col(GoldPreferenceState.TIME_CONSTANT_DAYS), col(GoldPreferenceState.EVENTS_TOTAL),
            counted ? col(GoldPreferenceState.PAIR_ROWS) : none,
            counted ? col(GoldPreferenceState.INCREMENT_ROWS) : none)
        .limit(1).collectAsList();
    return last.stream().findFirst().map(r -> new State(r.getTimestamp(0).toInstant(), r.getTimestamp(1).toInstant(),
        r.getDouble(2), r.getLong(3), counted ? r.getLong(4) : w.read(GoldPreferencePairStats.TABLE).count(),
        counted ? r.getLong(5) : 0L));
  }

  /**
   * The previous state an incremental update of a run whose counted events are those created up to {@code asOf}
   * continues; empty when the run recomputes: {@code full}, no state (or one of an earlier form), a run date before
   * the stored one, or a changed decay (noted in {@code result}). Reads the state table once.
   */
  static Optional<State> previous(Warehouse w, PreferenceSettings s, Instant asOf, boolean full, StepResult result) {
    Optional<State> previous = full ? Optional.empty() : latestState(w).filter(p -> !asOf.isBefore(p.asOf()));
    if (previous.isPresent() && previous.get().timeConstantDays() != s.decay().timeConstantDays()) {
      result.note("pair statistics: the decay time constant changed from " + previous.get().timeConstantDays()
          + " to " + s.decay().timeConstantDays() + " days: recomputed in full");
      return Optional.empty();
    }
    return previous;
  }

  /**
   * The events an incremental run reads, collected on the driver when they are at most
   * {@code preference.local_max_rows} (one job, at most that many rows plus one collected); empty for a
   * recompute, when the option is 0, or when the night has more events (then read again by Spark jobs).
   */
  static Optional<List<Row>> collectIfSmall(Dataset<Row> read, PreferenceSettings s, Optional<State> previous) {
    int max = s.config().localMaxRows();
    if (previous.isEmpty() || max == 0) {
      return Optional.empty();
    }
    List<Row> rows = read.limit(max + 1).collectAsList();
    return rows.size() <= max ? Optional.of(rows) : Optional.empty();
  }

  /** The watermark of {@code previous} as {@link PreferenceEvents} reads it. */
  static Optional<PreferenceEvents.Since> since(Optional<State> previous) {
    return previous.map(p -> new PreferenceEvents.Since(p.asOf(), p.ingestedThrough()));
  }

  /**
   * Recomputes ({@code previous} empty) or updates the statistics for a run whose counted events are those created
   * up to {@code asOf}; {@code read} holds every event for a recompute, and the events new since {@code previous}'s
   * watermark for an update ({@link PreferenceEvents#read(Warehouse, boolean, Optional)} with {@link #since}). The
   * state row is written by {@link #commit}.
   * When {@code local} is present it holds the rows of {@code read} collected on the driver (a small night's,
   * {@link #collectIfSmall}): the rule counts, the keyword extraction and the pair sums then run on the driver (the
   * same per-event and per-pair loops), not as Spark jobs; the parameter observations still join
   * {@code silver.generations} in Spark.
   */
  static Outcome update(Warehouse w, Dataset<Row> read, Optional<List<Row>> local, PreferenceSettings s, Instant asOf,
      Optional<State> previous, String runId, StepResult result) {
    Row c = local.isPresent() ? countRulesLocally(local.get(), read.schema(), s, asOf)
        : countRules(read, s, asOf);
    report(c, asOf, result);
    Instant ingestedThrough = c.isNullAt(8) ? Instant.EPOCH : c.getTimestamp(8).toInstant();
    if (previous.isPresent() && ingestedThrough.isBefore(previous.get().ingestedThrough())) {
      ingestedThrough = previous.get().ingestedThrough();
    }
    Dataset<Row> prepared;
    long added;
    Dataset<Row> pairs;
    OptionalLong pairCount = OptionalLong.empty();
    if (local.isPresent()) {
      List<Row> preparedRows = prepareLocally(local.get(), read.schema(), s, asOf);
      prepared = w.spark().createDataFrame(preparedRows, PairStats.PREPARED);
      added = countPreparedLocally(preparedRows, result);
      List<Row> pairRows = PairStats.aggregateLocally(preparedRows, s.decay());
      pairs = w.spark().createDataFrame(pairRows, GoldPreferencePairStats.SCHEMA);
      pairCount = OptionalLong.of(pairRows.size());
      result.note("pair statistics: the night's " + local.get().size() + " events read were counted and summed on the "
          + "driver (at most preference.local_max_rows = " + s.config().localMaxRows() + ")");
    } else {
      prepared = PairStats.prepare(read.where(not(blank()).and(not(future(asOf)))), s.extractor())
          .persist(StorageLevel.MEMORY_AND_DISK());
      added = countPrepared(prepared, result);
      pairs = PairStats.aggregate(prepared, s.decay());
    }
    try {
      Dataset<Row> observations = ParameterStats.observations(prepared, w.readOrEmpty(SilverGenerations.SPEC),
          added <= ParameterStats.BROADCAST_EVENTS);
      Optional<List<Row>> parameterRows = Optional.empty();
      long before = PairTables.token(w);
      Optional<List<Row>> fresh = Optional.empty();
      PairTables.Rows rows;
      if (previous.isEmpty()) {
        long base = PairTables.replace(w, pairs);
        rows = new PairTables.Rows(base, 0, base, true);
        parameterRows = Optional.of(writeParameters(w, ParameterStats.summarize(observations)));
      } else if (added > 0) {
        // a small night's pairs are a local relation already: nothing to cache or count
        Dataset<Row> newPairs = pairCount.isPresent() ? pairs : pairs.persist(StorageLevel.MEMORY_AND_DISK());
        try {
          long freshRows = pairCount.isPresent() ? pairCount.getAsLong() : newPairs.count();
          State p = previous.get();
          // two tables, no conflict: the pairs' append (or fold, then the rows the snapshot serves) and the parameter
          // statistics' rewrite run at the same time
          AtomicReference<PairTables.Rows> written = new AtomicReference<>();
          AtomicReference<List<Row>> served = new AtomicReference<>();
          AtomicReference<List<Row>> parameters = new AtomicReference<>();
          Concurrently.calls(2, List.<Concurrently.Call<Void>>of(
              () -> {
                written.set(PairTables.add(w, newPairs, freshRows, p.pairRows(), p.incrementRows(),
                    s.config().foldShare(), s.decay(), runId));
                served.set(SnapshotBuilder.served(newPairs).collectAsList());
                return null;
              },
              () -> {
                parameters.set(writeParameters(w, ParameterStats.summarize(ParameterStats.asObservations(
                    w.readOrEmpty(GoldParameterStats.SPEC)).unionByName(observations))));
                return null;
              }));
          rows = written.get();
          result.note(foldNote(rows, p.incrementRows(), freshRows, s.config().foldShare()));
          fresh = Optional.of(served.get());
          parameterRows = Optional.of(parameters.get());
        } finally {
          newPairs.unpersist();
        }
      } else {
        rows = new PairTables.Rows(previous.get().pairRows(), previous.get().incrementRows(), 0, false);
        fresh = Optional.of(List.of());
      }
      String mode = previous.isEmpty() ? "full" : "incremental";
      if (rows.folded()) {
        result.table(GoldPreferencePairStats.TABLE, added, rows.base(), w.version(GoldPreferencePairStats.TABLE));
      }
      if (rows.folded() || rows.written() > 0) {
        result.table(GoldPreferencePairIncrements.TABLE, rows.folded() ? 0 : added, rows.folded() ? 0 : rows.written(),
            w.version(GoldPreferencePairIncrements.TABLE));
      }
      result.table(GoldParameterStats.TABLE, added, parameterRows.map(List::size).orElse(0),
          w.version(GoldParameterStats.TABLE));
      result.note("pair statistics: " + mode + " update, " + added + " events added, " + rows.written()
          + " pair rows written");
      long total = previous.map(State::eventsTotal).orElse(0L) + added;
      State state = new State(asOf, ingestedThrough, s.decay().timeConstantDays(), total, rows.base(),
          rows.increments());
      return new Outcome(state, previous.isEmpty(), added, previous.isEmpty() ? -1 : before, PairTables.token(w), fresh,
          parameterRows);
    } finally {
      prepared.unpersist();
    }
  }

  /**
   * Counts what the run reads by source and bad-input rule ({@link #report} reports them); one pass. Row: counts, then
   * max(ingested_at) at 8.
   */
  private static Row countRules(Dataset<Row> read, PreferenceSettings s, Instant asOf) {
    Column blank = blank();
    Column future = future(asOf);
    return read.agg(count(lit(1)),
        sum(when(col(PreferenceEvents.SOURCE).equalTo(lit("preference_events")), 1).otherwise(0)),
        sum(when(col(PreferenceEvents.SOURCE).equalTo(lit("generations")), 1).otherwise(0)),
        sum(when(col(PreferenceEvents.SOURCE).equalTo(lit("image_ratings")), 1).otherwise(0)),
        sum(when(blank, 1).otherwise(0)),
        sum(when(future, 1).otherwise(0)),
        sum(when(col(PreferenceEvents.USER_ID).isNull(), 1).otherwise(0)),
        sum(when(not(blank).and(not(col(PreferenceEvents.CHECKPOINT).isin(pooled(s).toArray()))), 1).otherwise(0)),
        max(col(PreferenceEvents.INGESTED_AT))).first();
  }

  /** {@link #countRules} of events collected on the driver (rows of {@code schema}): the same row. */
  static Row countRulesLocally(List<Row> events, StructType schema, PreferenceSettings s, Instant asOf) {
    int source = schema.fieldIndex(PreferenceEvents.SOURCE);
    int user = schema.fieldIndex(PreferenceEvents.USER_ID);
    int checkpoint = schema.fieldIndex(PreferenceEvents.CHECKPOINT);
    int created = schema.fieldIndex(PreferenceEvents.CREATED_AT);
    int ingested = schema.fieldIndex(PreferenceEvents.INGESTED_AT);
    TreeSet<String> pooled = pooled(s);
    long[] n = new long[8];
    Timestamp newest = null;
    for (Row r : events) {
      n[0]++;
      String from = r.getString(source);
      n[1] += "preference_events".equals(from) ? 1 : 0;
      n[2] += "generations".equals(from) ? 1 : 0;
      n[3] += "image_ratings".equals(from) ? 1 : 0;
      boolean blank = isBlank(r, checkpoint);
      n[4] += blank ? 1 : 0;
      n[5] += isFuture(r, created, asOf) ? 1 : 0;
      n[6] += r.isNullAt(user) ? 1 : 0;
      n[7] += !blank && !pooled.contains(r.getString(checkpoint)) ? 1 : 0;
      if (!r.isNullAt(ingested) && (newest == null || r.getTimestamp(ingested).after(newest))) {
        newest = r.getTimestamp(ingested);
      }
    }
    return RowFactory.create(n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7], newest);
  }

  /**
   * The prepared rows ({@link PairStats#PREPARED}) of events collected on the driver: those with a checkpoint and not
   * after {@code asOf}, through {@link PairStats#preparer}, as the Spark path prepares them.
   */
  static List<Row> prepareLocally(List<Row> events, StructType schema, PreferenceSettings s, Instant asOf) {
    int checkpoint = schema.fieldIndex(PreferenceEvents.CHECKPOINT);
    int created = schema.fieldIndex(PreferenceEvents.CREATED_AT);
    PairStats.RowMapper prepare = PairStats.preparer(schema, s.extractor());
    List<Row> prepared = new ArrayList<>(events.size());
    for (Row r : events) {
      if (!isBlank(r, checkpoint) && !isFuture(r, created, asOf)) {
        prepared.add(prepare.apply(r));
      }
    }
    return prepared;
  }

  /** An event without a checkpoint: null, or empty once trimmed. {@link #isBlank} is the same rule on the driver. */
  private static Column blank() {
    return col(PreferenceEvents.CHECKPOINT).isNull().or(trim(col(PreferenceEvents.CHECKPOINT)).equalTo(""));
  }

  /** An event created after {@code asOf}. {@link #isFuture} is the same rule on the driver. */
  private static Column future(Instant asOf) {
    return col(PreferenceEvents.CREATED_AT).gt(lit(Timestamp.from(asOf)));
  }

  /** A null checkpoint, or one of spaces only: Spark's {@code trim} (ASCII spaces) of it is empty. */
  private static boolean isBlank(Row r, int checkpoint) {
    return r.isNullAt(checkpoint) || UTF8String.fromString(r.getString(checkpoint)).trim().numBytes() == 0;
  }

  /** Created after {@code asOf} (a null time is not: Spark's comparison of it is null, so false). */
  private static boolean isFuture(Row r, int created, Instant asOf) {
    return !r.isNullAt(created) && r.getTimestamp(created).toInstant().isAfter(asOf);
  }

  private static TreeSet<String> pooled(PreferenceSettings s) {
    TreeSet<String> pooled = new TreeSet<>();
    s.config().checkpointPools().values().forEach(pooled::addAll);
    return pooled;
  }

  /** Records the counts of {@link #countRules} in {@code result}, with a note per rule that applied. */
  private static void report(Row c, Instant asOf, StepResult result) {
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
  }

  /** Counts the prepared events by prompt status and LoRA-strength rule (one job); returns the events counted. */
  private static long countPrepared(Dataset<Row> prepared, StepResult result) {
    return reportPrepared(prepared.groupBy(PairStats.STATUS).agg(count(lit(1)), sum(PairStats.LORAS_NO_STRENGTH),
        sum(PairStats.LORAS_BAD_STRENGTH)).collectAsList(), result);
  }

  /** {@link #countPrepared(Dataset, StepResult)} of prepared rows on the driver. */
  private static long countPreparedLocally(List<Row> prepared, StepResult result) {
    java.util.Map<String, long[]> byStatus = new java.util.TreeMap<>();
    int status = PairStats.PREPARED.fieldIndex(PairStats.STATUS);
    int noStrength = PairStats.PREPARED.fieldIndex(PairStats.LORAS_NO_STRENGTH);
    int badStrength = PairStats.PREPARED.fieldIndex(PairStats.LORAS_BAD_STRENGTH);
    for (Row r : prepared) {
      long[] n = byStatus.computeIfAbsent(r.getString(status), k -> new long[3]);
      n[0]++;
      n[1] += r.getInt(noStrength);
      n[2] += r.getInt(badStrength);
    }
    List<Row> rows = new ArrayList<>();
    byStatus.forEach((k, n) -> rows.add(RowFactory.create(k, n[0], n[1], n[2])));
    return reportPrepared(rows, result);
  }

  /** Reports the per-status rows (status, events, LoRAs without strength, LoRAs out of range); the events counted. */
  private static long reportPrepared(List<Row> byStatus, StepResult result) {
    long added = 0;
    long noStrength = 0;
    long badStrength = 0;
    for (Row r : byStatus) {
      long n = r.getLong(1);
      added += n;
      noStrength += r.getLong(2);
      badStrength += r.getLong(3);
      if (r.getString(0).equals(KeywordExtractor.PromptStatus.EMPTY.label())) {
        result.count("events.empty_prompt", n).note("events.empty_prompt: " + n
            + " events with an empty prompt gave no keyword pairs; their checkpoint x LoRA pairs were counted");
      } else if (r.getString(0).equals(KeywordExtractor.PromptStatus.NO_KEYWORDS.label())) {
        result.count("events.stop_words_only", n).note("events.stop_words_only: " + n
            + " prompts held only stop words or short words: no keyword pairs; checkpoint x LoRA pairs counted");
      }
    }
    result.count("events.counted", added);
    result.count("loras.no_strength", noStrength).count("loras.strength_out_of_range", badStrength);
    if (noStrength > 0) {
      result.note("loras.no_strength: " + noStrength + " LoRA uses gave no strength (neither the event's LoRA list "
          + "nor a <lora:name:w> tag): counted in the LoRA pairs, not in the strength statistics");
    }
    if (badStrength > 0) {
      result.note("loras.strength_out_of_range: " + badStrength + " LoRA uses had a strength below "
          + PairStats.MIN_STRENGTH + " or above " + PairStats.MAX_STRENGTH + ": counted in the LoRA pairs, not in the "
          + "strength statistics; check the source app's export");
    }
    return added;
  }

  /**
   * Overwrites {@code gold.parameter_stats} with {@code summarized} (a small table: contexts x parameters) from its
   * rows collected once, which are returned for the serving snapshot: no read of the table just written.
   */
  private static List<Row> writeParameters(Warehouse w, Dataset<Row> summarized) {
    List<Row> rows = summarized.collectAsList();
    w.overwrite(GoldParameterStats.TABLE, w.spark().createDataFrame(rows, summarized.schema()));
    return rows;
  }

  /**
   * Records what {@code update} did in {@code gold.preference_state} (one append commit): the next run's watermark.
   * Call it once the statistics are written; it may run while the snapshot is built (another table).
   */
  static void commit(Warehouse w, Outcome update, String runId) {
    writeState(w, update.state(), update.full() ? "full" : "incremental", update.added(), runId);
  }

  static void writeState(Warehouse w, State state, String mode, long added, String runId) {
    Row row = org.apache.spark.sql.RowFactory.create(runId, Timestamp.from(state.asOf()),
        Timestamp.from(state.ingestedThrough()), mode, added, Timestamp.from(Instant.now()), state.timeConstantDays(),
        state.eventsTotal(), state.pairRows(), state.incrementRows());
    Dataset<Row> frame = w.spark().createDataFrame(List.of(row), GoldPreferenceState.SCHEMA);
    boolean current = w.exists(GoldPreferenceState.TABLE)
        && List.of(w.read(GoldPreferenceState.TABLE).columns()).contains(GoldPreferenceState.PAIR_ROWS);
    if (current) {
      w.append(GoldPreferenceState.TABLE, frame);
    } else {
      w.overwrite(GoldPreferenceState.TABLE, frame); // the state of an earlier form is replaced, not extended
    }
  }

  /** What an incremental night did with its new pair rows, for the step result. */
  private static String foldNote(PairTables.Rows rows, long incrementRows, long freshRows, double foldShare) {
    String share = String.format(java.util.Locale.ROOT, "%.0f%%", foldShare * 100);
    return rows.folded()
        ? "pair statistics: folded " + incrementRows + " increment rows and " + freshRows + " new pair rows into the "
            + "base: " + rows.base() + " base rows, no increment rows (folded at " + share + " of the base rows, "
            + "preference.fold_share)"
        : "pair statistics: appended " + rows.written() + " rows as increments (" + rows.increments()
            + " increment rows vs " + rows.base() + " base rows; folded at " + share + ", preference.fold_share)";
  }

  private static void rule(StepResult result, String name, Row c, int i, String rule) {
    long n = c.isNullAt(i) ? 0 : c.getLong(i);
    result.count(name, n);
    if (n > 0) {
      result.note(name + ": " + n + " " + rule);
    }
  }
}

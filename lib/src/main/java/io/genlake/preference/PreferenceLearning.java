package io.genlake.preference;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.trim;

import io.genlake.config.PreferenceConfig;
import io.genlake.pipeline.Concurrently;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StepResult;
import io.genlake.table.GoldParameterStats;
import io.genlake.table.GoldPreferenceEvaluation;
import io.genlake.table.GoldPreferencePairIncrements;
import io.genlake.table.GoldPreferencePairStats;
import io.genlake.warehouse.Warehouse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Preference learning (seed 003), the package's entry point: the nightly step (pair and parameter statistics, serving
 * snapshot, the day's recommendations, offline evaluation), the scored form of the statistics and the portable
 * export/import. Formulas live in {@link Scores} and {@link Decay}, ranking in {@link Recommender}, advice in
 * {@link Advisor}; the {@code recommend} command reads the {@link ServingSnapshot} without Spark.
 */
public final class PreferenceLearning {
  /** Independent parts before the snapshot (statistics, the day's prompts, the last evaluation's size) at once. */
  private static final int STARTS = 3;
  /** Independent parts after the statistics (snapshot and recommendations, evaluation, state) at once. */
  private static final int PARTS = 3;

  private PreferenceLearning() {}

  /** The end of a run date, UTC: events created after it are left for a later run. */
  public static Instant asOf(LocalDate runDate) {
    return runDate.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /**
   * The nightly step with keywords as extracted (no ontology normalization); a {@code --full} run context
   * recomputes the statistics from every event instead of adding the new ones.
   */
  public static StepResult run(RunContext ctx) {
    return run(ctx, KeywordNormalizer.identity(), ctx.full());
  }

  /**
   * The nightly step. Cost, full: a pass over the silver events (counts), the keyword extraction, one shuffle on the
   * pair key and an overwrite of the statistics. Incremental: the same over the events new since the last run, a
   * merge of the pairs they touch (the others are not rewritten) and, at the same time, of their parameter
   * observations. The day's prompts are found while the statistics are computed. Then, both, at the same time: the
   * snapshot (an aggregation of the checkpoint rows and a scan of the pairs it serves, or the previous one with the
   * new pairs merged in) with the day's recommendations, the state row, and the offline evaluation when the
   * statistics grew by {@code evaluation_refresh_share} since the last one.
   *
   * @param full recompute from every event instead of adding the new ones
   */
  public static StepResult run(RunContext ctx, KeywordNormalizer normalizer, boolean full) {
    PreferenceSettings s = PreferenceSettings.of(ctx.config().preference(), normalizer);
    Warehouse w = ctx.warehouse();
    StepResult result = new StepResult();
    Instant asOf = asOf(ctx.runDate());
    boolean recompute = full || !s.config().incremental();
    boolean share = s.config().sharePreferencesDefault();
    AtomicReference<Dataset<Row>> read = new AtomicReference<>();
    AtomicReference<StatsUpdate.Outcome> update = new AtomicReference<>();
    AtomicReference<DayRecommendations.Day> day = new AtomicReference<>();
    AtomicReference<Optional<Long>> evaluated = new AtomicReference<>();
    try {
      ctx.progress().step("preference", "pair and parameter statistics");
      // the statistics, the day's prompts (silver only) and the last evaluation's size are independent: at once
      Concurrently.calls(STARTS, List.<Concurrently.Call<Void>>of(
          () -> {
            Optional<StatsUpdate.State> previous = StatsUpdate.previous(w, s, asOf, recompute, result);
            Dataset<Row> events = PreferenceEvents.read(w, share, StatsUpdate.since(previous));
            // a small night's events are collected once and counted on the driver; else cached: read more than once
            // (counts, extraction; a recompute's evaluation too). An update reads the new events only
            Optional<List<Row>> local = StatsUpdate.collectIfSmall(events, s, previous);
            read.set(local.isPresent() ? events : events.persist(StorageLevel.MEMORY_AND_DISK()));
            update.set(StatsUpdate.update(w, read.get(), local, s, asOf, previous, ctx.runId(), result));
            return null;
          },
          () -> {
            day.set(DayRecommendations.prompts(w, ctx.runDate()));
            return null;
          },
          () -> {
            // a recompute always evaluates: the last evaluation's size is read for (and used by) an update only
            evaluated.set(recompute ? Optional.empty() : lastEvaluated(w));
            return null;
          }));
      result.add(day.get().result());
      // the evaluation replays every event: those read by a recompute, else all of them again (only when it is due)
      Dataset<Row> events = read.get();
      Supplier<Dataset<Row>> all = update.get().full() ? () -> events : () -> PreferenceEvents.read(w, share);
      return finish(ctx, s, all, asOf, update.get(), evaluated.get(), day.get(), result);
    } finally {
      if (day.get() != null) {
        day.get().close();
      }
      if (read.get() != null) {
        read.get().unpersist();
      }
    }
  }

  /** The events total of the last offline evaluation; empty when there is none or it is of an earlier form. */
  private static Optional<Long> lastEvaluated(Warehouse w) {
    if (!w.exists(GoldPreferenceEvaluation.TABLE)) {
      return Optional.empty();
    }
    Dataset<Row> previous = w.read(GoldPreferenceEvaluation.TABLE);
    if (!List.of(previous.columns()).contains(GoldPreferenceEvaluation.EVENTS_TOTAL)) {
      return Optional.empty();
    }
    Row m = previous.agg(max(GoldPreferenceEvaluation.EVENTS_TOTAL)).first();
    return m.isNullAt(0) ? Optional.empty() : Optional.of(m.getLong(0));
  }

  /**
   * After the statistics, concurrently: the snapshot with the day's recommendations, the evaluation when due, and
   * the state row that makes the statistics the next run's starting point.
   */
  private static StepResult finish(RunContext ctx, PreferenceSettings s, Supplier<Dataset<Row>> events, Instant asOf,
      StatsUpdate.Outcome update, Optional<Long> evaluated, DayRecommendations.Day day, StepResult result) {
    Warehouse w = ctx.warehouse();
    List<Concurrently.Call<StepResult>> parts = List.of(
        () -> {
          ctx.progress().step("preference", "serving snapshot and the day's recommendations");
          StepResult r = new StepResult();
          ServingSnapshot snapshot = snapshot(w, s, asOf, update, r);
          writeSnapshot(w, snapshot);
          r.count("serving.pairs", snapshot.pairCount());
          r.note("serving snapshot: " + w.root() + "/" + ServingSnapshot.RELATIVE_PATH + " (decay anchored to "
              + (s.config().decayAnchor() == PreferenceConfig.DecayAnchor.DATA ? "each scope's newest event; shared "
              + "pool at " + snapshot.globalAnchor().map(Instant::toString).orElse("-") : "the run date") + ")");
          DayRecommendations.write(w, s, snapshot, ctx.runDate(), day, r);
          return r;
        },
        () -> evaluateIfDue(ctx, s, events, asOf, update, evaluated),
        () -> {
          StatsUpdate.commit(w, update, ctx.runId());
          return new StepResult();
        });
    Concurrently.calls(PARTS, parts).forEach(result::add);
    ctx.progress().step("preference", "statistics, snapshot and evaluation written");
    return result;
  }

  /**
   * The night's snapshot: the previous one with the new pairs merged in when the update was incremental and the
   * previous file is the snapshot of the statistics it started from; else built from the statistics.
   */
  private static ServingSnapshot snapshot(Warehouse w, PreferenceSettings s, Instant asOf, StatsUpdate.Outcome update,
      StepResult r) {
    List<Row> parameters = update.parameters().orElseGet(() -> w.readOrEmpty(GoldParameterStats.SPEC).collectAsList());
    Optional<ServingSnapshot> merged = Optional.empty();
    Optional<Path> local = localRoot(w);
    if (update.fresh().isPresent() && local.isPresent()) {
      merged = ServingSnapshot.readIfPresent(local.get()).flatMap(previous -> SnapshotBuilder.update(previous,
          update.fresh().get(), parameters, s.decay(), s.config().decayAnchor(), asOf, update.previousToken(),
          update.statsToken()));
    }
    r.note(merged.isPresent() ? "serving snapshot: the previous one with " + update.fresh().get().size()
        + " new pair rows merged in" : "serving snapshot: built from the statistics");
    return merged.orElseGet(() -> SnapshotBuilder.build(PairTables.current(w, s.decay()), parameters, s.decay(),
        s.config().decayAnchor(), asOf, update.statsToken()));
  }

  /** The warehouse root as a local path, when it is one (a previous snapshot is then read memory-mapped). */
  private static Optional<Path> localRoot(Warehouse w) {
    java.net.URI uri = new org.apache.hadoop.fs.Path(w.root()).toUri();
    return uri.getScheme() == null || uri.getScheme().equals("file") ? Optional.of(Path.of(uri.getPath()))
        : Optional.empty();
  }

  /**
   * Runs the offline evaluation after a full recompute, when there is none yet, or when the statistics' events grew
   * by at least {@code evaluation_refresh_share} since the last one; otherwise notes why it was kept.
   */
  private static StepResult evaluateIfDue(RunContext ctx, PreferenceSettings s, Supplier<Dataset<Row>> events,
      Instant asOf, StatsUpdate.Outcome update, Optional<Long> last) {
    Warehouse w = ctx.warehouse();
    StepResult r = new StepResult();
    long total = update.state().eventsTotal();
    double share = s.config().evaluationRefreshShare();
    if (!update.full() && last.isPresent() && total < last.get() * (1 + share) && share > 0) {
      r.note(String.format(java.util.Locale.ROOT, "evaluation kept: the statistics grew from %d to %d events since "
          + "it ran (it runs again at %.0f%% growth, preference.evaluation_refresh_share)", last.get(), total,
          share * 100));
      return r;
    }
    ctx.progress().step("preference", "offline evaluation");
    Dataset<Row> usable = events.get().where(col(PreferenceEvents.CREATED_AT).leq(lit(Timestamp.from(asOf)))
        .and(not(trim(coalesce(col(PreferenceEvents.CHECKPOINT), lit(""))).equalTo(""))));
    Optional<Dataset<Row>> evaluation = Evaluation.evaluate(ctx.spark(), usable, s, ctx.runId(), total);
    if (evaluation.isPresent()) {
      w.overwrite(GoldPreferenceEvaluation.TABLE, evaluation.get());
      r.table(GoldPreferenceEvaluation.TABLE, 0, GoldPreferenceEvaluation.METHODS.size(),
          w.version(GoldPreferenceEvaluation.TABLE));
    } else {
      r.note("evaluation skipped: fewer than 10 events, fewer than 2 checkpoints or no held-out event");
    }
    return r;
  }

  /**
   * The current pair statistics in their scored form ({@link GoldPreferencePairStats#SCORED}): decayed sums read at
   * each scope's anchor (its newest event, or the end of {@code runDate} with {@code decay_anchor: run_date}) and the
   * scores. For exports and analysts; cost: one aggregation for the anchors and a pass over the pairs (and, with
   * increments pending, their fold with the base: {@link #pairStatistics(Warehouse, PreferenceConfig)}).
   */
  public static Dataset<Row> scoredPairs(Warehouse w, PreferenceConfig config, LocalDate runDate) {
    return scoredPairs(pairStatistics(w, config), config, runDate);
  }

  /**
   * The current pair statistics, stored form ({@link GoldPreferencePairStats#SCHEMA}, one row per key): the base
   * {@code gold.preference_pair_stats} when no increment is pending, else the base and
   * {@code gold.preference_pair_increments} folded per key (one shuffle). The base must exist.
   */
  public static Dataset<Row> pairStatistics(Warehouse w, PreferenceConfig config) {
    return PairTables.current(w, new Decay(config.timeConstantDays()));
  }

  /**
   * {@link #pairStatistics(Warehouse, PreferenceConfig)} of given tables (e.g. read at pinned versions):
   * {@code increments} absent or empty gives the base.
   */
  public static Dataset<Row> pairStatistics(Dataset<Row> base, Optional<Dataset<Row>> increments,
      PreferenceConfig config) {
    return PairTables.current(base, increments, new Decay(config.timeConstantDays()));
  }

  /** {@link #scoredPairs(Warehouse, PreferenceConfig, LocalDate)} of given stored pairs (e.g. at a pinned version). */
  public static Dataset<Row> scoredPairs(Dataset<Row> stored, PreferenceConfig config, LocalDate runDate) {
    return ScoredPairs.score(stored, Scores.from(config), new Decay(config.timeConstantDays()), config.decayAnchor(),
        asOf(runDate));
  }

  /** Writes the serving snapshot under the warehouse root (any Hadoop file system). */
  static void writeSnapshot(Warehouse w, ServingSnapshot snapshot) {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(w.root() + "/" + ServingSnapshot.RELATIVE_PATH);
    try {
      FileSystem fs = path.getFileSystem(w.spark().sparkContext().hadoopConfiguration());
      org.apache.hadoop.fs.Path tmp = path.suffix(".tmp");
      try (OutputStream out = fs.create(tmp, true)) {
        snapshot.write(out);
      }
      fs.delete(path, false);
      fs.rename(tmp, path);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the preference snapshot to " + path + ": " + e.getMessage(), e);
    }
  }

  /** Exports the pair statistics to a JSON file; returns the number of pairs. */
  public static long exportTo(Warehouse w, Path file) {
    Optional<StatsUpdate.State> state = StatsUpdate.latestState(w);
    if (state.isEmpty()) {
      throw new IllegalStateException("Nothing to export: " + GoldPreferencePairStats.TABLE + " does not exist in "
          + w.root() + " or was written by an earlier genlake. Run `genlake nightly` (or import a file) first.");
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      return Transfer.write(PairTables.current(w, new Decay(state.get().timeConstantDays())), state.get().asOf(),
          state.get().timeConstantDays(), out);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Imports an exported file, folding its pairs with the warehouse's current statistics ({@link PairTables#fold}:
   * counts add up, decayed sums are carried to the newest event) into a new base, the increments emptied, and
   * rewrites the serving snapshot. One shuffle on the pair key.
   */
  public static StepResult importFrom(RunContext ctx, Path file) {
    PreferenceSettings s = PreferenceSettings.of(ctx.config().preference(), KeywordNormalizer.identity());
    Warehouse w = ctx.warehouse();
    Transfer.Imported imported;
    try (InputStream in = Files.newInputStream(file)) {
      imported = Transfer.read(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage()
          + ". Give the path of a file written by `genlake prefs export`.", e);
    }
    double tau = s.decay().timeConstantDays();
    if (imported.timeConstantDays().isPresent() && Math.abs(imported.timeConstantDays().get() - tau) > 1e-9 * tau) {
      throw new IllegalArgumentException("Cannot import " + file + ": its decayed sums use a time constant of "
          + imported.timeConstantDays().get() + " days and this warehouse's configuration " + tau + " days, and sums "
          + "of one decay cannot be turned into another. Import with the same preference.decay_days / half_life_days.");
    }
    Optional<StatsUpdate.State> current = StatsUpdate.latestState(w);
    Instant asOf = current.map(StatsUpdate.State::asOf).filter(a -> a.isAfter(imported.asOf())).orElse(imported.asOf());
    Dataset<Row> pairs = Transfer.frame(ctx.spark(), imported);
    if (current.isPresent()) {
      pairs = PairTables.currentWith(w, pairs, s.decay()).localCheckpoint();
    }
    long rows = PairTables.replace(w, pairs);
    StatsUpdate.writeState(w, new StatsUpdate.State(asOf,
        current.map(StatsUpdate.State::ingestedThrough).orElse(Instant.EPOCH), tau,
        current.map(StatsUpdate.State::eventsTotal).orElse(0L), rows, 0), "import", imported.counts().size(),
        ctx.runId());
    ServingSnapshot snapshot = SnapshotBuilder.build(w.read(GoldPreferencePairStats.TABLE),
        w.readOrEmpty(GoldParameterStats.SPEC).collectAsList(), s.decay(), s.config().decayAnchor(), asOf,
        PairTables.token(w));
    writeSnapshot(w, snapshot);
    StepResult result = new StepResult().count("pairs.imported", imported.counts().size());
    result.table(GoldPreferencePairStats.TABLE, imported.counts().size(), rows,
        w.version(GoldPreferencePairStats.TABLE));
    result.table(GoldPreferencePairIncrements.TABLE, 0, 0, w.version(GoldPreferencePairIncrements.TABLE));
    return result;
  }
}

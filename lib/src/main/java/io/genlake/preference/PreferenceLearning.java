package io.genlake.preference;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;

import io.genlake.pipeline.Concurrently;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StepResult;
import io.genlake.table.GoldCheckpointRecommendations;
import io.genlake.table.GoldParameterStats;
import io.genlake.table.GoldPreferenceEvaluation;
import io.genlake.table.GoldPreferencePairStats;
import io.genlake.table.SilverGenerations;
import io.genlake.table.SilverPreferenceEvents;
import io.genlake.warehouse.Warehouse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Preference learning (seed 003), the package's entry point: the nightly step (pair statistics, parameter
 * statistics, serving snapshot, the day's checkpoint recommendations, offline evaluation) and the portable
 * export/import of the statistics. Formulas live in {@link Scores}, ranking in {@link Recommender}; the
 * {@code recommend} command reads the {@link ServingSnapshot} without Spark.
 */
public final class PreferenceLearning {
  /** Independent parts after the pair statistics that run at the same time. */
  private static final int PARTS = 2;

  private PreferenceLearning() {}

  /** When the statistics of a run date are computed: the end of that day, UTC. */
  public static Instant asOf(LocalDate runDate) {
    return runDate.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /**
   * The nightly step with keywords as extracted (no ontology normalization); a {@code --full} run context
   * recomputes the statistics from every event instead of updating the running sums.
   */
  public static StepResult run(RunContext ctx) {
    return run(ctx, KeywordNormalizer.identity(), ctx.full());
  }

  /**
   * The nightly step. Cost: a pass over the silver events (counts), the keyword extraction and one shuffle on
   * the pair key (new events only when incremental), one shuffle on (keyword, parameter), a collect of the
   * keyword x checkpoint pairs for the snapshot, and a keyword x checkpoint statistics build for the evaluation
   * split. The unified events are cached for these passes.
   *
   * @param full recompute from every event instead of updating the running sums
   */
  public static StepResult run(RunContext ctx, KeywordNormalizer normalizer, boolean full) {
    PreferenceSettings s = PreferenceSettings.of(ctx.config().preference(), normalizer);
    Warehouse w = ctx.warehouse();
    // the unified events (three silver tables, two anti-joins) are read by several passes: counts, new events,
    // and the evaluation's split, training and replay; cached once
    Dataset<Row> events = PreferenceEvents.read(w, s.config().sharePreferencesDefault())
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      return run(ctx, s, events, full);
    } finally {
      events.unpersist();
    }
  }

  private static StepResult run(RunContext ctx, PreferenceSettings s, Dataset<Row> events, boolean full) {
    Warehouse w = ctx.warehouse();
    StepResult result = new StepResult();
    Instant asOf = asOf(ctx.runDate());
    boolean forceFull = full || !s.config().incremental();
    ctx.progress().step("preference", "pair statistics");
    StatsUpdate.update(w, events, s, asOf, forceFull, ctx.runId(), result);

    // after the pair statistics, three independent parts run concurrently: parameter statistics, the serving
    // snapshot with the day's recommendations, and the offline evaluation
    Dataset<Row> evaluated = events.where(col(PreferenceEvents.CREATED_AT).leq(lit(java.sql.Timestamp.from(asOf)))
        .and(not(trim(coalesce(col(PreferenceEvents.CHECKPOINT), lit(""))).equalTo(""))));
    List<Concurrently.Call<StepResult>> parts = List.of(
        () -> {
          ctx.progress().step("preference", "parameter statistics");
          Dataset<Row> params = ParameterStats.compute(w.readOrEmpty(SilverGenerations.SPEC),
              w.readOrEmpty(SilverPreferenceEvents.SPEC), s.extractor());
          return new StepResult().table(GoldParameterStats.TABLE, 0, w.overwriteCounted(GoldParameterStats.TABLE, params),
              w.version(GoldParameterStats.TABLE));
        },
        () -> {
          ctx.progress().step("preference", "serving snapshot and the day's recommendations");
          StepResult r = new StepResult();
          ServingSnapshot snapshot = SnapshotBuilder.fromStats(w.read(GoldPreferencePairStats.TABLE), asOf);
          writeSnapshot(w, snapshot);
          r.count("serving.pairs", snapshot.pairCount());
          r.note("serving snapshot: " + w.root() + "/" + ServingSnapshot.RELATIVE_PATH);
          recommendDay(ctx, s, snapshot, r);
          return r;
        },
        () -> {
          ctx.progress().step("preference", "offline evaluation");
          StepResult r = new StepResult();
          Optional<Dataset<Row>> evaluation = Evaluation.evaluate(ctx.spark(), evaluated, s, ctx.runId());
          if (evaluation.isPresent()) {
            w.overwrite(GoldPreferenceEvaluation.TABLE, evaluation.get());
            r.table(GoldPreferenceEvaluation.TABLE, 0, 2, w.version(GoldPreferenceEvaluation.TABLE));
          } else {
            r.note("evaluation skipped: fewer than 10 events, fewer than 2 checkpoints or no held-out selection");
          }
          return r;
        });
    Concurrently.calls(PARTS, parts).forEach(result::add);
    ctx.progress().step("preference", "statistics, snapshot and evaluation written");
    return result;
  }

  /** The day's distinct (user, prompt, family) from generations and preference events, ranked per pool. */
  private static void recommendDay(RunContext ctx, PreferenceSettings s, ServingSnapshot snapshot, StepResult result) {
    Warehouse w = ctx.warehouse();
    Date day = Date.valueOf(ctx.runDate());
    Dataset<Row> gens = w.readOrEmpty(SilverGenerations.SPEC)
        .where(to_date(col(SilverGenerations.CREATED_AT)).equalTo(lit(day)))
        .select(coalesce(col(SilverGenerations.USER_ID), lit("")).as("u"),
            coalesce(col(SilverGenerations.RESOLVED_PROMPT), col(SilverGenerations.FINAL_PROMPT)).as("p"),
            col(SilverGenerations.MODEL_FAMILY).as("f"));
    Dataset<Row> pe = w.readOrEmpty(SilverPreferenceEvents.SPEC)
        .where(to_date(col(SilverPreferenceEvents.CREATED_AT)).equalTo(lit(day)))
        .select(coalesce(col(SilverPreferenceEvents.USER_ID), lit("")).as("u"), col(SilverPreferenceEvents.PROMPT).as("p"),
            col(SilverPreferenceEvents.MODEL_FAMILY).as("f"));
    Dataset<Row> prompts = gens.unionByName(pe).distinct();
    Dataset<Row> blank = prompts.where(col("p").isNull().or(trim(col("p")).equalTo("")));
    long empty = blank.count();
    result.count("recommendations.empty_prompt", empty);
    if (empty > 0) {
      result.note("recommendations.empty_prompt: " + empty + " prompts of the day were empty: nothing to recommend for");
    }
    Pools pools = new Pools(s.config().checkpointPools(), snapshot.checkpointsByPopularity());
    Dataset<Row> recs = Recommendations.compute(prompts.where(col("p").isNotNull().and(not(trim(col("p")).equalTo("")))),
        snapshot, pools, s.recommender(true), s.extractor(), ctx.runDate());
    Dataset<Row> kept = w.exists(GoldCheckpointRecommendations.TABLE)
        ? w.read(GoldCheckpointRecommendations.TABLE).where(not(col(GoldCheckpointRecommendations.RUN_DATE).equalTo(lit(day))))
        : ctx.spark().createDataFrame(java.util.List.of(), GoldCheckpointRecommendations.SCHEMA);
    w.overwrite(GoldCheckpointRecommendations.TABLE, kept.unionByName(recs));
    long written = w.read(GoldCheckpointRecommendations.TABLE)
        .where(col(GoldCheckpointRecommendations.RUN_DATE).equalTo(lit(day))).count();
    result.table(GoldCheckpointRecommendations.TABLE, prompts.count() - empty, written,
        w.version(GoldCheckpointRecommendations.TABLE));
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
    if (!w.exists(GoldPreferencePairStats.TABLE)) {
      throw new IllegalStateException("Nothing to export: " + GoldPreferencePairStats.TABLE + " does not exist in "
          + w.root() + ". Run `genlake nightly` (or import a file) first.");
    }
    Dataset<Row> stats = w.read(GoldPreferencePairStats.TABLE);
    Instant asOf = StatsUpdate.latestState(w).map(StatsUpdate.State::asOf)
        .orElseGet(() -> stats.select(GoldPreferencePairStats.AS_OF).first().getTimestamp(0).toInstant());
    try (OutputStream out = Files.newOutputStream(file)) {
      return Transfer.write(stats, asOf, out);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Imports an exported file, merging its counts into the warehouse's statistics: both sides are decayed to the
   * later {@code as_of}, counts of the same pair are added, scores are recomputed, the serving snapshot is
   * rewritten. One shuffle on the pair key.
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
    Optional<StatsUpdate.State> current = StatsUpdate.latestState(w);
    Instant asOf = current.map(StatsUpdate.State::asOf).filter(a -> a.isAfter(imported.asOf())).orElse(imported.asOf());
    Dataset<Row> counts = PairStats.decayTo(Transfer.frame(ctx.spark(), imported), imported.asOf(), asOf,
        s.config().decayDays());
    if (current.isPresent()) {
      counts = PairStats.sumByKey(counts.unionByName(
          PairStats.decayTo(w.read(GoldPreferencePairStats.TABLE), current.get().asOf(), asOf, s.config().decayDays())));
    }
    w.overwrite(GoldPreferencePairStats.TABLE, PairStats.score(counts, s.scores(), asOf));
    StatsUpdate.writeState(w, new StatsUpdate.State(asOf,
        current.map(StatsUpdate.State::ingestedThrough).orElse(Instant.EPOCH)), "import", imported.counts().size(), ctx.runId());
    ServingSnapshot snapshot = SnapshotBuilder.fromStats(w.read(GoldPreferencePairStats.TABLE), asOf);
    writeSnapshot(w, snapshot);
    StepResult result = new StepResult().count("pairs.imported", imported.counts().size());
    result.table(GoldPreferencePairStats.TABLE, imported.counts().size(), w.read(GoldPreferencePairStats.TABLE).count(),
        w.version(GoldPreferencePairStats.TABLE));
    return result;
  }
}

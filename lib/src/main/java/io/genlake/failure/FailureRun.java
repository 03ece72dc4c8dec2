package io.genlake.failure;

import static org.apache.spark.sql.functions.col;

import io.genlake.config.FailureConfig;
import io.genlake.pipeline.Concurrently;
import io.genlake.pipeline.Progress;
import io.genlake.pipeline.StepResult;
import io.genlake.table.GoldAlerts;
import io.genlake.table.GoldCategoryStats;
import io.genlake.table.GoldDailyTrends;
import io.genlake.table.GoldFailureCombinations;
import io.genlake.table.GoldFailureCounts;
import io.genlake.table.GoldFailureMining;
import io.genlake.table.GoldFailureOutcomes;
import io.genlake.table.GoldFailurePatterns;
import io.genlake.table.GoldFeedbackEffectiveness;
import io.genlake.table.GoldFeedbackExamples;
import io.genlake.table.GoldFeedbackPatterns;
import io.genlake.table.GoldFeedbackSuggestions;
import io.genlake.table.GoldIssueFrequency;
import io.genlake.table.GoldParameterCorrelations;
import io.genlake.table.GoldParameterOptimization;
import io.genlake.table.GoldPredictionConfusion;
import io.genlake.table.GoldSessionStats;
import io.genlake.table.GoldTruncationImpact;
import io.genlake.table.SilverFeedbackAttempts;
import io.genlake.table.SilverImageRatings;
import io.genlake.table.SilverSessions;
import io.genlake.warehouse.TableId;
import io.genlake.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * One run of the nightly failure step: brings {@code gold.failure_outcomes} and the additive states up to date
 * (incrementally from the silver change feeds where it can, see {@link OutcomeFacts} and {@link FailureAggregates}),
 * then rewrites the gold tables derived from them (small: counts, not outcomes) and those of seed 004's attempts,
 * {@link FailureAnalytics#GOLD_WRITES} at a time.
 */
final class FailureRun {
  private FailureRun() {}

  static StepResult run(Warehouse w, FailureConfig config, boolean full, String runId, Progress progress) {
    SparkSession spark = w.spark();
    progress.step("failure", "outcomes and additive counts from silver generations, image ratings, sessions and "
        + "feedback attempts" + (full ? " (full)" : ""));
    OutcomeFacts.Result facts = OutcomeFacts.update(w, config.includeTestSessions(), full, runId);
    StepResult result = new StepResult().add(facts.counts());
    boolean factsFull = facts.counts().notes().stream().anyMatch(n -> n.startsWith("outcomes: full"));
    result.add(FailureAggregates.update(w, config.maxItems(), full || factsFull, runId));
    facts.inputs().releaseOutcomes();

    Dataset<Row> counts = w.read(GoldFailureCounts.TABLE).cache();
    Dataset<Row> combinations = w.read(GoldFailureCombinations.TABLE).cache();
    Dataset<Row> outcomes = w.read(GoldFailureOutcomes.TABLE);
    Dataset<Row> attempts = facts.inputs().attempts();
    PatternMiner.Params params = new PatternMiner.Params(config.minOccurrences(), config.failureThreshold(),
        config.maxItems(), config.alpha());
    List<Trends.Day> days = OutcomeAnalytics.trendDays(counts);
    List<Trends.Row> trends = Trends.of(days, config.trends().periodDays(), config.trends().minOutcomes());
    result.count("daily_trends.empty_days", trends.stream()
        .filter(t -> t.period().equals(Trends.DAY) && t.outcomes() == 0).count());

    Dataset<Row> issues = AttemptAnalytics.issueCounts(attempts, SilverFeedbackAttempts.PHYSICS_ISSUES, "physics_issue")
        .unionByName(AttemptAnalytics.issueCounts(attempts, SilverFeedbackAttempts.RED_FLAGS, "red_flag"))
        .unionByName(OutcomeAnalytics.failureCategoryCounts(counts));
    List<Concurrently.Call<StepResult>> writes = List.of(
        () -> {
          PatternMiner.Result mined = PatternMiner.select(combinations, params);
          StepResult r = new StepResult();
          FailureAnalytics.countMining(r, mined);
          List<MinedPattern> all = new ArrayList<>(mined.patterns());
          all.addAll(mined.nearMisses());
          r.add(write(w, GoldFailurePatterns.TABLE, GoldFailurePatterns.SCHEMA,
              spark.createDataFrame(FailureAnalytics.patternRows(all), GoldFailurePatterns.SCHEMA)));
          r.add(write(w, GoldFailureMining.TABLE, GoldFailureMining.SCHEMA,
              spark.createDataFrame(miningRows(mined, params), GoldFailureMining.SCHEMA)));
          List<Alerts.Alert> alerts = AlertEvaluation.evaluate(config, counts, outcomes, trends, mined, params);
          r.count("alerts.raised", alerts.size());
          return r.add(write(w, GoldAlerts.TABLE, GoldAlerts.SCHEMA, AlertEvaluation.rows(spark, alerts)));
        },
        () -> write(w, GoldCategoryStats.TABLE, GoldCategoryStats.SCHEMA, OutcomeAnalytics.categoryStats(counts)),
        () -> write(w, GoldIssueFrequency.TABLE, GoldIssueFrequency.SCHEMA, OutcomeAnalytics.withShares(issues, counts)),
        () -> write(w, GoldDailyTrends.TABLE, GoldDailyTrends.SCHEMA, OutcomeAnalytics.trends(spark, trends)),
        () -> write(w, GoldSessionStats.TABLE, GoldSessionStats.SCHEMA,
            OutcomeAnalytics.sessionStats(counts, w.readOrEmpty(SilverSessions.SPEC))),
        () -> write(w, GoldFeedbackEffectiveness.TABLE, GoldFeedbackEffectiveness.SCHEMA,
            AttemptAnalytics.feedbackEffectiveness(spark, attempts)),
        () -> write(w, GoldFeedbackPatterns.TABLE, GoldFeedbackPatterns.SCHEMA,
            AttemptAnalytics.feedbackPatterns(spark, attempts)),
        () -> write(w, GoldFeedbackExamples.TABLE, GoldFeedbackExamples.SCHEMA,
            AttemptAnalytics.bestFeedbackExamples(attempts, config.examplesPerCategory())),
        () -> write(w, GoldTruncationImpact.TABLE, GoldTruncationImpact.SCHEMA,
            AttemptAnalytics.truncationImpact(attempts)),
        () -> write(w, GoldFeedbackSuggestions.TABLE, GoldFeedbackSuggestions.SCHEMA,
            FeedbackSuggestions.of(spark, attempts, config.suggestions())),
        () -> write(w, GoldParameterOptimization.TABLE, GoldParameterOptimization.SCHEMA,
            ParameterOptimization.of(spark, attempts, config.optimization().minAttempts())),
        () -> write(w, GoldParameterCorrelations.TABLE, GoldParameterCorrelations.SCHEMA,
            Correlations.of(spark, attempts, outcomes, config.alpha())),
        () -> write(w, GoldPredictionConfusion.TABLE, GoldPredictionConfusion.SCHEMA,
            PredictionConfusion.of(w.readOrEmpty(SilverImageRatings.SPEC))));
    try (Progress.Task task = progress.task("failure", "gold tables written (pattern mining and alerts among them)",
        writes.size())) {
      List<Concurrently.Call<StepResult>> counted = writes.stream().<Concurrently.Call<StepResult>>map(c -> () -> {
        StepResult r = c.call();
        task.advance();
        return r;
      }).toList();
      Concurrently.calls(FailureAnalytics.GOLD_WRITES, counted).forEach(result::add);
    }
    counts.unpersist();
    combinations.unpersist();
    attempts.unpersist();
    return result;
  }

  private static List<Row> miningRows(PatternMiner.Result mined, PatternMiner.Params p) {
    List<Row> rows = new ArrayList<>();
    long reported = 0;
    long redundant = 0;
    for (MinedPattern m : mined.patterns()) {
      reported += m.status() == MinedPattern.Status.REPORTED ? 1 : 0;
      redundant += m.status() == MinedPattern.Status.REDUNDANT ? 1 : 0;
    }
    long failures = mined.baselines().values().stream().mapToLong(PatternSelection.Baseline::failures).sum();
    rows.add(RowFactory.create("all", mined.outcomes(), mined.outcomes() == 0 ? 0.0 : (double) failures / mined.outcomes(),
        mined.counted(), mined.tested(), mined.candidates(), reported, redundant, p.minOccurrences(),
        p.failureThreshold(), p.alpha(), p.maxItems()));
    mined.baselines().forEach((model, b) -> {
      long[] c = mined.perModel().getOrDefault(model, new long[5]);
      rows.add(RowFactory.create(model, b.outcomes(), b.rate(), c[0], c[1], c[2], c[3], c[4], p.minOccurrences(),
          p.failureThreshold(), p.alpha(), p.maxItems()));
    });
    return rows;
  }

  /** Overwrites {@code table} with {@code data} conformed to its contract schema, and records the write. */
  static StepResult write(Warehouse warehouse, TableId table, StructType schema, Dataset<Row> data) {
    Dataset<Row> conformed = warehouse.spark().createDataFrame(
        data.select(java.util.Arrays.stream(schema.fields())
            .map(f -> col(f.name()).cast(f.dataType())).toArray(org.apache.spark.sql.Column[]::new)).javaRDD(), schema);
    long rows = warehouse.overwriteCounted(table, conformed);
    return new StepResult().table(table, rows, rows, warehouse.version(table));
  }
}

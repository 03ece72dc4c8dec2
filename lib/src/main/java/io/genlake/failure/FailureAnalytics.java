package io.genlake.failure;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;

import io.genlake.config.FailureConfig;
import io.genlake.pipeline.Concurrently;
import io.genlake.pipeline.Progress;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StepResult;
import io.genlake.table.GoldCategoryStats;
import io.genlake.table.GoldDailyTrends;
import io.genlake.table.GoldFailurePatterns;
import io.genlake.table.GoldFeedbackEffectiveness;
import io.genlake.table.GoldFeedbackExamples;
import io.genlake.table.GoldFeedbackPatterns;
import io.genlake.table.GoldIssueFrequency;
import io.genlake.table.GoldTruncationImpact;
import io.genlake.table.SilverFeedbackAttempts;
import io.genlake.warehouse.TableId;
import io.genlake.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * Failure and feedback analytics (seeds 002 and 004): the nightly {@code failure} step that recomputes every
 * gold table of the area, on-demand pattern mining, and feedback search. The package's one public entry.
 */
public final class FailureAnalytics {
  /** Gold tables written at the same time (their driver-side planning and commits overlap others' tasks). */
  static final int GOLD_WRITES = 3;

  private FailureAnalytics() {}

  /** Options of an on-demand pattern mining run. */
  public record PatternQuery(Optional<String> model, int minOccurrences, double failureThreshold, int maxItems,
      double alpha, boolean includeTestSessions) {
    /** The configured defaults, for every model. */
    public static PatternQuery of(FailureConfig config) {
      return new PatternQuery(Optional.empty(), config.minOccurrences(), config.failureThreshold(),
          config.maxItems(), config.alpha(), config.includeTestSessions());
    }
  }

  /** A found pattern list with the run's counts (tested, candidates, outcomes). */
  public record PatternAnswer(List<MinedPattern> patterns, StepResult counts) {}

  /**
   * The nightly step: reads the silver inputs once (cached), writes gold.category_stats, issue_frequency,
   * feedback_effectiveness, feedback_patterns, feedback_examples, truncation_impact, daily_trends and
   * failure_patterns (full recompute, one Delta commit each, {@link #GOLD_WRITES} at a time), and counts every
   * bad-input rule that fired.
   */
  public static StepResult run(RunContext ctx) {
    return run(ctx.warehouse(), ctx.config().failure(), ctx.progress());
  }

  /** {@link #run(RunContext)} with an explicit configuration (e.g. test sessions included), printing nothing. */
  public static StepResult run(Warehouse warehouse, FailureConfig config) {
    return run(warehouse, config, Progress.silent());
  }

  /** {@link #run(RunContext)} with an explicit configuration, its progress shown on {@code progress}. */
  public static StepResult run(Warehouse warehouse, FailureConfig config, Progress progress) {
    progress.step("failure", "reading silver generations, image ratings, sessions and feedback attempts");
    Inputs in = Inputs.load(warehouse, config.includeTestSessions());
    StepResult result = new StepResult().add(in.counts());
    var spark = warehouse.spark();
    Dataset<Row> outcomes = in.outcomes();
    Dataset<Row> attempts = in.attempts();

    Dataset<Row> issues = AttemptAnalytics.issueCounts(attempts, SilverFeedbackAttempts.PHYSICS_ISSUES, "physics_issue")
        .unionByName(AttemptAnalytics.issueCounts(attempts, SilverFeedbackAttempts.RED_FLAGS, "red_flag"))
        .unionByName(OutcomeAnalytics.failureCategoryCounts(outcomes));
    // the gold tables are independent: written concurrently, pattern mining alongside them
    List<Concurrently.Call<StepResult>> writes = List.of(
        () -> write(warehouse, GoldCategoryStats.TABLE, GoldCategoryStats.SCHEMA, OutcomeAnalytics.categoryStats(outcomes)),
        () -> write(warehouse, GoldIssueFrequency.TABLE, GoldIssueFrequency.SCHEMA,
            OutcomeAnalytics.withShares(issues, outcomes)),
        () -> write(warehouse, GoldFeedbackEffectiveness.TABLE, GoldFeedbackEffectiveness.SCHEMA,
            AttemptAnalytics.feedbackEffectiveness(spark, attempts)),
        () -> write(warehouse, GoldFeedbackPatterns.TABLE, GoldFeedbackPatterns.SCHEMA,
            AttemptAnalytics.feedbackPatterns(spark, attempts)),
        () -> write(warehouse, GoldFeedbackExamples.TABLE, GoldFeedbackExamples.SCHEMA,
            AttemptAnalytics.bestFeedbackExamples(attempts, config.examplesPerCategory())),
        () -> write(warehouse, GoldTruncationImpact.TABLE, GoldTruncationImpact.SCHEMA,
            AttemptAnalytics.truncationImpact(attempts)),
        () -> {
          Dataset<Row> trends = OutcomeAnalytics.dailyTrends(outcomes).cache();
          long empty = trends.filter(col(GoldDailyTrends.PERIOD).equalTo("day")
              .and(col(GoldDailyTrends.OUTCOMES).equalTo(0L))).count();
          StepResult r = new StepResult().count("daily_trends.empty_days", empty)
              .add(write(warehouse, GoldDailyTrends.TABLE, GoldDailyTrends.SCHEMA, trends));
          trends.unpersist();
          return r;
        },
        () -> {
          PatternMiner.Result mined = PatternMiner.mine(outcomes, new PatternMiner.Params(config.minOccurrences(),
              config.failureThreshold(), config.maxItems(), config.alpha()));
          StepResult r = new StepResult();
          countMining(r, mined);
          return r.add(write(warehouse, GoldFailurePatterns.TABLE, GoldFailurePatterns.SCHEMA,
              spark.createDataFrame(patternRows(mined.patterns()), GoldFailurePatterns.SCHEMA)));
        });
    try (Progress.Task task = progress.task("failure", "gold tables written (pattern mining among them)",
        writes.size())) {
      List<Concurrently.Call<StepResult>> counted = writes.stream().<Concurrently.Call<StepResult>>map(w -> () -> {
        StepResult r = w.call();
        task.advance();
        return r;
      }).toList();
      Concurrently.calls(GOLD_WRITES, counted).forEach(result::add);
    }
    outcomes.unpersist();
    attempts.unpersist();
    return result;
  }

  /**
   * Seed 002's analyze_failure_patterns on demand, from silver (not from gold, so any parameters work):
   * reported patterns only (redundant supersets dropped), most failing first. Cost: see {@link PatternMiner}.
   */
  public static PatternAnswer patterns(Warehouse warehouse, PatternQuery query) {
    Inputs in = Inputs.load(warehouse, query.includeTestSessions());
    Dataset<Row> outcomes = in.outcomes();
    if (query.model().isPresent()) {
      outcomes = outcomes.filter(col(Outcomes.MODEL).equalTo(lit(query.model().get())));
    }
    PatternMiner.Result mined = PatternMiner.mine(outcomes, new PatternMiner.Params(query.minOccurrences(),
        query.failureThreshold(), query.maxItems(), query.alpha()));
    StepResult counts = new StepResult().add(in.counts());
    countMining(counts, mined);
    in.outcomes().unpersist();
    in.attempts().unpersist();
    return new PatternAnswer(mined.patterns().stream()
        .filter(p -> p.status() == MinedPattern.Status.REPORTED).toList(), counts);
  }

  /**
   * Mines outcome rows already in memory (the failure benchmark's generated outcomes, for one); every pattern
   * significant at the query's threshold and alpha, reported and redundant, most failing first.
   */
  public static PatternAnswer minePatterns(Dataset<Row> outcomes, PatternQuery query) {
    PatternMiner.Result mined = PatternMiner.mine(outcomes, new PatternMiner.Params(query.minOccurrences(),
        query.failureThreshold(), query.maxItems(), query.alpha()));
    StepResult counts = new StepResult();
    countMining(counts, mined);
    return new PatternAnswer(mined.patterns(), counts);
  }

  /** One feedback search hit (seed 004's search_feedback). */
  public record FeedbackHit(String attemptId, String material, String category, Optional<String> feedbackCategory,
      String feedbackText, Optional<Integer> realismScore, boolean passed, java.sql.Timestamp attemptedAt) {}

  /**
   * Attempts whose feedback text contains {@code keyword} (case-insensitive, literal: no pattern syntax),
   * newest first, at most {@code limit}. One filtered scan of silver.feedback_attempts.
   */
  public static List<FeedbackHit> searchFeedback(Warehouse warehouse, String keyword, int limit) {
    Dataset<Row> attempts = warehouse.readOrEmpty(SilverFeedbackAttempts.SPEC);
    List<FeedbackHit> hits = new ArrayList<>();
    for (Row r : attempts
        .filter(lower(col(SilverFeedbackAttempts.FEEDBACK_TEXT)).contains(lit(keyword.toLowerCase(java.util.Locale.ROOT))))
        .orderBy(col(SilverFeedbackAttempts.ATTEMPTED_AT).desc(), col(SilverFeedbackAttempts.ATTEMPT_ID))
        .limit(limit)
        .collectAsList()) {
      hits.add(new FeedbackHit(r.getAs(SilverFeedbackAttempts.ATTEMPT_ID), r.getAs(SilverFeedbackAttempts.MATERIAL),
          r.getAs(SilverFeedbackAttempts.CATEGORY), Optional.ofNullable(r.getAs(SilverFeedbackAttempts.FEEDBACK_CATEGORY)),
          r.getAs(SilverFeedbackAttempts.FEEDBACK_TEXT), Optional.ofNullable(r.getAs(SilverFeedbackAttempts.REALISM_SCORE)),
          r.getAs(SilverFeedbackAttempts.PASSED), r.getAs(SilverFeedbackAttempts.ATTEMPTED_AT)));
    }
    return hits;
  }

  static List<Row> patternRows(List<MinedPattern> patterns) {
    List<Row> rows = new ArrayList<>();
    for (MinedPattern p : patterns) {
      rows.add(RowFactory.create(p.model(), p.pattern(), p.key(), p.size(), p.sampleCount(), p.failures(),
          p.failureRate(), p.baselineRate(), p.lift(), p.ciLow(), p.ciHigh(), p.pValue(), p.qValue(),
          p.commonCategory().orElse(null), p.status().label(), p.explainedBy().orElse(null)));
    }
    return rows;
  }

  private static void countMining(StepResult result, PatternMiner.Result mined) {
    result.count("patterns.outcomes", mined.outcomes());
    result.count("patterns.frequent_items", mined.frequentItems());
    result.count("patterns.tested", mined.tested());
    result.count("patterns.significant", mined.candidates());
    result.count("patterns.reported", mined.patterns().stream().filter(p -> p.status() == MinedPattern.Status.REPORTED).count());
    result.count("patterns.redundant", mined.patterns().stream().filter(p -> p.status() == MinedPattern.Status.REDUNDANT).count());
  }

  /** Overwrites {@code table} with {@code data} conformed to its contract schema, and records the write. */
  private static StepResult write(Warehouse warehouse, TableId table, StructType schema, Dataset<Row> data) {
    Dataset<Row> conformed = warehouse.spark().createDataFrame(
        data.select(java.util.Arrays.stream(schema.fields())
            .map(f -> col(f.name()).cast(f.dataType())).toArray(org.apache.spark.sql.Column[]::new)).javaRDD(), schema);
    long rows = warehouse.overwriteCounted(table, conformed);
    return new StepResult().table(table, rows, rows, warehouse.version(table));
  }
}

package io.genlake.failure;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.genlake.config.FailureConfig;
import io.genlake.pipeline.Progress;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StepResult;
import io.genlake.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Failure and feedback analytics (seeds 002 and 004): the nightly {@code failure} step that keeps the outcome table
 * and its additive counts up to date and rewrites every gold table of the area, on-demand pattern mining, and the
 * browsing queries (feedback search, best feedback, suggestions, recent attempts, session and model statistics,
 * alerts). The package's one public entry.
 */
public final class FailureAnalytics {
  /** Gold tables written at the same time (their driver-side planning and commits overlap others' tasks). */
  static final int GOLD_WRITES = 3;
  /** Exit status of nightly and {@code failures analyze} when failure.alerts.exit_on is met. */
  public static final int EXIT_ALERTS = 4;

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

  /**
   * A found pattern list with the closest combinations that are not patterns (per model, best first) and the run's
   * counts (outcomes, combinations counted and tested, candidates, ...).
   */
  public record PatternAnswer(List<MinedPattern> patterns, List<MinedPattern> nearMisses, StepResult counts) {}

  /**
   * The nightly step: updates gold.failure_outcomes, gold.failure_combinations and gold.failure_counts (from what
   * changed in silver since the last run, or in full on {@code --full} or when that is not possible), then rewrites
   * category_stats, issue_frequency, daily_trends, session_stats, failure_patterns, failure_mining, alerts,
   * feedback_effectiveness, feedback_patterns, feedback_examples, feedback_suggestions, truncation_impact,
   * parameter_optimization, parameter_correlations and prediction_confusion, counting every bad-input rule that
   * fired. Reads silver.generations, image_ratings, sessions and feedback_attempts.
   */
  public static StepResult run(RunContext ctx) {
    return run(ctx.warehouse(), ctx.config().failure(), ctx.full(), ctx.runId(), ctx.progress());
  }

  /** {@link #run(RunContext)} with an explicit configuration (e.g. test sessions included), incremental, silent. */
  public static StepResult run(Warehouse warehouse, FailureConfig config) {
    return run(warehouse, config, false, "failure-" + java.time.Instant.now(), Progress.silent());
  }

  /**
   * {@link #run(RunContext)} with an explicit configuration; {@code full} recomputes everything from silver; progress
   * (the gold tables written) on {@code progress}.
   */
  public static StepResult run(Warehouse warehouse, FailureConfig config, boolean full, String runId,
      Progress progress) {
    return FailureRun.run(warehouse, config, full, runId, progress);
  }

  /**
   * Seed 002's analyze_failure_patterns on demand, from silver (not from gold, so any parameters work): reported
   * patterns only (redundant supersets dropped), most failing first, and the near misses of the models mined.
   * Cost: see {@link PatternMiner}.
   */
  public static PatternAnswer patterns(Warehouse warehouse, PatternQuery query) {
    Inputs in = Inputs.load(warehouse, query.includeTestSessions());
    Dataset<Row> outcomes = in.outcomes();
    if (query.model().isPresent()) {
      outcomes = outcomes.filter(col(Outcomes.MODEL).equalTo(lit(query.model().get())));
    }
    PatternMiner.Result mined = PatternMiner.mine(outcomes, params(query));
    StepResult counts = new StepResult().add(in.counts());
    countMining(counts, mined);
    in.releaseOutcomes();
    in.attempts().unpersist();
    return new PatternAnswer(mined.patterns().stream()
        .filter(p -> p.status() == MinedPattern.Status.REPORTED).toList(), mined.nearMisses(), counts);
  }

  /**
   * Mines outcome rows already in memory (the failure benchmark's generated outcomes, for one); every pattern
   * significant at the query's threshold and alpha, reported and redundant, most failing first.
   */
  public static PatternAnswer minePatterns(Dataset<Row> outcomes, PatternQuery query) {
    PatternMiner.Result mined = PatternMiner.mine(outcomes, params(query));
    StepResult counts = new StepResult();
    countMining(counts, mined);
    return new PatternAnswer(mined.patterns(), mined.nearMisses(), counts);
  }

  private static PatternMiner.Params params(PatternQuery q) {
    return new PatternMiner.Params(q.minOccurrences(), q.failureThreshold(), q.maxItems(), q.alpha());
  }

  /**
   * Attempts whose feedback text contains {@code keyword} (case-insensitive, literal: no pattern syntax), newest
   * first, at most {@code limit}. One filtered scan of silver.feedback_attempts.
   */
  public static List<Views.FeedbackHit> searchFeedback(Warehouse warehouse, String keyword, int limit) {
    return Browsing.searchFeedback(warehouse, keyword, limit);
  }

  /**
   * Seed 004's get_best_feedback_examples as a library: distinct texts (near-duplicates merged) of passed attempts
   * with feedback of {@code feedbackCategory}, best realism score first. One filtered scan and aggregation of
   * silver.feedback_attempts.
   */
  public static List<Views.BestFeedback> bestFeedback(Warehouse warehouse, String feedbackCategory, int limit,
      double similarity) {
    return Browsing.bestFeedback(warehouse, feedbackCategory, limit, similarity);
  }

  /**
   * Suggestions of gold.feedback_suggestions for a material category ({@code kind} category) or an issue (physics
   * issue, red flag or failure category, matched case-insensitively), best first. Empty when the table is missing.
   */
  public static List<Views.Suggestion> suggestFeedback(Warehouse warehouse, Optional<String> category,
      Optional<String> issue, int limit) {
    return Browsing.suggestions(warehouse, category, issue, limit);
  }

  /** Seed 004's get_recent_attempts: the {@code n} newest attempts. */
  public static List<Views.RecentAttempt> recentAttempts(Warehouse warehouse, int n) {
    return Browsing.recentAttempts(warehouse, n);
  }

  /** gold.session_stats: one session, or the {@code limit} with most outcomes. */
  public static List<Views.SessionStats> sessionStats(Warehouse warehouse, Optional<String> session, int limit) {
    return Browsing.sessionStats(warehouse, session, limit);
  }

  /** gold.category_stats rows of {@code source} and {@code dimension} (e.g. attempt, model), most outcomes first. */
  public static List<Views.GroupStats> groupStats(Warehouse warehouse, String source, String dimension) {
    return Browsing.groupStats(warehouse, source, dimension);
  }

  /** gold.alerts, most severe first. */
  public static List<Views.Alert> alerts(Warehouse warehouse) {
    return Browsing.alerts(warehouse);
  }

  /**
   * {@link #EXIT_ALERTS} when gold.alerts holds an alert at least as severe as failure.alerts.exit_on (never when it
   * is none). One small read.
   */
  public static OptionalInt alertExitStatus(Warehouse warehouse, FailureConfig config) {
    String exitOn = config.alerts().exitOn();
    if (exitOn.equals("none")) {
      return OptionalInt.empty();
    }
    Alerts.Severity floor = Alerts.Severity.of(exitOn);
    return alerts(warehouse).stream().anyMatch(a -> Alerts.Severity.of(a.severity()).compareTo(floor) >= 0)
        ? OptionalInt.of(EXIT_ALERTS) : OptionalInt.empty();
  }

  static List<Row> patternRows(List<MinedPattern> patterns) {
    List<Row> rows = new ArrayList<>();
    for (MinedPattern p : patterns) {
      rows.add(RowFactory.create(p.model(), p.pattern(), p.key(), p.size(), p.sampleCount(), p.failures(),
          p.failureRate(), p.baselineRate(), p.lift(), p.ciLow(), p.ciHigh(), p.pValue(),
          Double.isNaN(p.qValue()) ? null : p.qValue(), p.commonCategory().orElse(null), p.status().label(),
          p.explainedBy().orElse(null), p.missed()));
    }
    return rows;
  }

  static void countMining(StepResult result, PatternMiner.Result mined) {
    result.count("patterns.outcomes", mined.outcomes());
    result.count("patterns.frequent_items", mined.frequentItems());
    result.count("patterns.combinations_counted", mined.counted());
    result.count("patterns.tested", mined.tested());
    result.count("patterns.significant", mined.candidates());
    result.count("patterns.reported", mined.patterns().stream().filter(p -> p.status() == MinedPattern.Status.REPORTED).count());
    result.count("patterns.redundant", mined.patterns().stream().filter(p -> p.status() == MinedPattern.Status.REDUNDANT).count());
  }
}

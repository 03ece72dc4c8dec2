package io.genlake.failure.report;

import io.genlake.failure.Stats;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Everything the failure report shows, read from the gold tables: plain values, so the three renderings
 * (terminal, Markdown, HTML) are pure functions of it.
 */
record ReportData(
    List<AlertLine> alerts,
    Overall overall,
    List<CategoryLine> byCategory,
    List<CategoryLine> attemptModels,
    List<ShareLine> physicsIssues,
    List<ShareLine> redFlags,
    Effectiveness feedback,
    Optional<Effectiveness> retryChains,
    List<FeedbackTypeLine> feedbackTypes,
    List<Example> bestFeedback,
    List<SuggestionLine> suggestions,
    List<ParameterLine> parameterSuggestions,
    List<CorrelationLine> correlations,
    List<CategoryLine> generationModels,
    List<ShareLine> failureCategories,
    Optional<Mining> mining,
    List<PatternLine> patterns,
    List<PatternLine> nearMisses,
    List<TrendPoint> trends,
    int minOutcomes,
    List<ConfusionLine> predictions) {

  /** One alert of gold.alerts. */
  record AlertLine(String severity, String rule, String subject, String message) {}

  /** Seed 004's overall statistics of the attempts. */
  record Overall(long attempts, long passed, long failed, Optional<Double> averageScore) {}

  /** One category (or model): attempts, passed, pass rate, average score. */
  record CategoryLine(String name, long attempts, long passed, double passRate, Optional<Double> averageScore) {
    /** 95% Wilson interval of the pass rate: the table and the chart show this one. */
    Stats.Interval passInterval() {
      return Stats.wilson(passed, attempts, Stats.Z95);
    }
  }

  /** An issue and its share of outcomes. */
  record ShareLine(String name, long count, double share) {}

  /** Pass rates before and after feedback with the difference's 95% interval. */
  record Effectiveness(long beforeAttempts, long beforePassed, Optional<Double> before, long afterAttempts,
      long afterPassed, Optional<Double> after, Optional<Double> difference, Optional<Double> ciLow,
      Optional<Double> ciHigh, long chains) {
    /** 95% Wilson interval of the pass rate before feedback. */
    Stats.Interval beforeInterval() {
      return Stats.wilson(beforePassed, beforeAttempts, Stats.Z95);
    }

    /** 95% Wilson interval of the pass rate after feedback. */
    Stats.Interval afterInterval() {
      return Stats.wilson(afterPassed, afterAttempts, Stats.Z95);
    }
  }

  /** One feedback category's effectiveness. */
  record FeedbackTypeLine(String category, long uses, double successRate, Optional<Double> averageScore) {}

  /** One of the best feedback examples. */
  record Example(String material, Optional<Integer> score, String category, String text) {}

  /** The best feedback suggestion of one scope (gold.feedback_suggestions rank 1). */
  record SuggestionLine(String scopeKind, String scope, String text, int variants, long uses, long successes,
      double successRate, double ciLow, double ciHigh, Optional<Double> scoreGain) {}

  /** A suggested parameter setting of gold.parameter_optimization. */
  record ParameterLine(String category, String model, String parameter, String range, long attempts, long passed,
      double passRate, double ciLow, double ciHigh, Optional<Double> othersRate, Optional<Double> differenceLow,
      Optional<Double> differenceHigh) {}

  /** One cell of the correlation matrix. */
  record CorrelationLine(String source, String parameter, String outcome, long n, Optional<Double> r,
      Optional<Double> ciLow, Optional<Double> ciHigh, Optional<Double> qValue, boolean significant) {}

  /** What pattern mining looked at (gold.failure_mining, all models). */
  record Mining(long outcomes, long counted, long tested, long significant, long reported, int minOccurrences,
      double failureThreshold, double alpha) {}

  /**
   * One failure pattern (reported, or a near miss with the thresholds it missed); ciLow and ciHigh are the Wilson
   * 95% interval of its failure rate; qValue is empty for a near miss that was not tested.
   */
  record PatternLine(String model, String key, long failures, long sampleCount, double failureRate, double ciLow,
      double ciHigh, double baseline, double lift, Optional<Double> qValue, Optional<String> commonCategory,
      List<String> missed) {}

  /** One trend period of a series, with its Wilson interval and change against the period before. */
  record TrendPoint(String period, LocalDate start, String source, String dimension, String value, long outcomes,
      Optional<Double> failureRate, Optional<Double> ciLow, Optional<Double> ciHigh, boolean reliable,
      Optional<String> change) {}

  /** One model version's predictions against human labels. */
  record ConfusionLine(String modelVersion, String actual, String predicted, long images, double shareOfActual,
      double versionAccuracy, long versionImages) {}
}

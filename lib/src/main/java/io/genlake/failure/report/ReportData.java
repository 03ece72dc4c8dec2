package io.genlake.failure.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Everything the failure report shows, read from the gold tables: plain values, so the three renderings
 * (terminal, Markdown, HTML) are pure functions of it.
 */
record ReportData(
    Overall overall,
    List<CategoryLine> byCategory,
    List<ShareLine> physicsIssues,
    List<ShareLine> redFlags,
    Effectiveness feedback,
    Optional<Effectiveness> retryChains,
    List<FeedbackTypeLine> feedbackTypes,
    List<Example> bestFeedback,
    List<CategoryLine> generationModels,
    List<ShareLine> failureCategories,
    List<PatternLine> patterns,
    List<DayPoint> days) {

  /** Seed 004's overall statistics of the attempts. */
  record Overall(long attempts, long passed, long failed, Optional<Double> averageScore) {}

  /** One category (or model): attempts, pass rate, average score. */
  record CategoryLine(String name, long attempts, double passRate, Optional<Double> averageScore) {}

  /** An issue and its share of outcomes. */
  record ShareLine(String name, long count, double share) {}

  /** Pass rates before and after feedback with the difference's 95% interval. */
  record Effectiveness(long beforeAttempts, Optional<Double> before, long afterAttempts, Optional<Double> after,
      Optional<Double> difference, Optional<Double> ciLow, Optional<Double> ciHigh, long chains) {}

  /** One feedback category's effectiveness. */
  record FeedbackTypeLine(String category, long uses, double successRate, Optional<Double> averageScore) {}

  /** One of the best feedback examples. */
  record Example(String material, Optional<Integer> score, String category, String text) {}

  /** One reported failure pattern. */
  record PatternLine(String model, String key, long failures, long sampleCount, double failureRate, double baseline,
      double lift, double qValue, Optional<String> commonCategory) {}

  /** Failure rate of one model on one day (empty days have no rate). */
  record DayPoint(LocalDate day, String source, String model, long outcomes, Optional<Double> failureRate) {}
}

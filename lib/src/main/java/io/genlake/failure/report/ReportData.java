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

  /** One reported failure pattern; ciLow and ciHigh are the Wilson 95% interval of its failure rate. */
  record PatternLine(String model, String key, long failures, long sampleCount, double failureRate, double ciLow,
      double ciHigh, double baseline, double lift, double qValue, Optional<String> commonCategory) {}

  /** Failure rate of one model on one day (empty days have no rate). */
  record DayPoint(LocalDate day, String source, String model, long outcomes, Optional<Double> failureRate) {}
}

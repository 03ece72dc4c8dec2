package io.genlake.failure;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/** What the failure area's browsing commands show: plain values returned by {@link FailureAnalytics}. */
public final class Views {
  private Views() {}

  /** One feedback search hit (seed 004's search_feedback). */
  public record FeedbackHit(String attemptId, String material, String category, Optional<String> feedbackCategory,
      String feedbackText, Optional<Integer> realismScore, boolean passed, Timestamp attemptedAt) {}

  /**
   * One distinct feedback text of a category (near-duplicates merged), with its best passed attempt.
   *
   * @param uses attempts that applied the text (any of its variants)
   * @param passes those that passed
   * @param variants distinct texts merged
   */
  public record BestFeedback(String feedbackText, String material, Optional<Integer> bestScore, long uses, long passes,
      int variants, Timestamp attemptedAt) {}

  /** One auto-feedback suggestion (a row of gold.feedback_suggestions). */
  public record Suggestion(String scopeKind, String scope, int rank, String feedbackText,
      Optional<String> feedbackCategory, int variants, long uses, long successes, double successRate, double ciLow,
      double ciHigh, Optional<Double> avgScoreGain) {}

  /** One recent attempt (seed 004's get_recent_attempts). */
  public record RecentAttempt(String attemptId, Timestamp attemptedAt, String material, String category,
      Optional<String> model, Optional<Integer> realismScore, boolean passed, boolean feedbackApplied,
      Optional<String> feedbackCategory, Optional<String> failureCategory, int retryCount) {}

  /** Seed 002's get_session_stats for one session (a row of gold.session_stats). */
  public record SessionStats(String sessionId, Optional<String> folderName, Optional<String> model, long outcomes,
      long ok, long ko, long liked, long perfect, long imperfect, double failureRate, Map<String, Long> failuresByCategory) {}

  /** Pass statistics of one value of a dimension (a row of gold.category_stats). */
  public record GroupStats(String source, String dimension, String value, long attempts, long passed, double passRate,
      double ciLow, double ciHigh, Optional<Double> averageScore) {}

  /** One raised alert (a row of gold.alerts). */
  public record Alert(String rule, String severity, String source, String subject, String message, LocalDate windowStart,
      LocalDate windowEnd) {}
}

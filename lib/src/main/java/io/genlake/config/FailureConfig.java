package io.genlake.config;

import java.util.List;

/**
 * Failure analytics and pattern mining settings (see the failure package).
 *
 * @param includeTestSessions false: outcomes of sessions flagged test or deleted are left out
 * @param examplesPerCategory how many best feedback examples gold.feedback_examples keeps per category
 * @param trends trend periods and their minimum counts
 * @param optimization parameter optimization settings
 * @param suggestions auto-feedback suggestion settings
 * @param alerts alert rules and the exit status they may raise
 */
public record FailureConfig(int minOccurrences, double failureThreshold, int maxItems, double alpha, boolean includeTestSessions,
    int examplesPerCategory, Trends trends, Optimization optimization, Suggestions suggestions, Alerts alerts) {

  /** Trend periods: {@code periodDays} days each (7: ISO weeks); fewer than {@code minOutcomes}: unreliable. */
  public record Trends(int periodDays, int minOutcomes) {}

  /** Parameter ranges with fewer than {@code minAttempts} attempts are never suggested. */
  public record Optimization(int minAttempts) {}

  /**
   * Feedback suggestions: texts used at least {@code minUses} times, merged at word-set Jaccard {@code similarity},
   * {@code perScope} kept per issue or category.
   */
  public record Suggestions(int minUses, double similarity, int perScope) {}

  /**
   * Alert rules and {@code exitOn}: none, or the lowest severity (info, warning, critical) that makes nightly and
   * {@code failures analyze} exit with status 4.
   */
  public record Alerts(String exitOn, PassRateBelow passRateBelow, NewPattern newPattern,
      RateIncrease failureRateIncrease, boolean trendChange) {}

  /** A dimension value's pass rate over the last {@code days} days below {@code threshold}. */
  public record PassRateBelow(boolean enabled, String source, String dimension, double threshold, int days,
      int minOutcomes) {}

  /** A reported pattern not significant on the data before the last {@code days} days. */
  public record NewPattern(boolean enabled, int days) {}

  /** A dimension value's failure rate of the last {@code days} days at least {@code factor} times the previous. */
  public record RateIncrease(boolean enabled, String source, String dimension, double factor, int days,
      int minOutcomes, double criticalIncrease) {}

  /** Severities, lowest first; {@code none} raises no exit status. */
  public static final List<String> EXIT_ON = List.of("none", "info", "warning", "critical");
  /** Outcome sources an alert rule can watch. */
  public static final List<String> SOURCES = List.of("attempt", "generation");
  /** Dimensions of gold.failure_counts an alert rule can watch. */
  public static final List<String> DIMENSIONS = List.of("all", "model", "provider", "checkpoint", "sampler", "template",
      "material_category");

  /** This configuration with test and deleted sessions included or not (the CLI's --include-test-sessions). */
  public FailureConfig withIncludeTestSessions(boolean include) {
    return new FailureConfig(minOccurrences, failureThreshold, maxItems, alpha, include, examplesPerCategory, trends,
        optimization, suggestions, alerts);
  }

  static FailureConfig from(ConfigNode node) {
    node.onlyKeys("min_occurrences", "failure_threshold", "max_items", "alpha", "include_test_sessions",
        "examples_per_category", "trends", "optimization", "suggestions", "alerts");
    ConfigNode t = node.child("trends").onlyKeys("period_days", "min_outcomes");
    ConfigNode o = node.child("optimization").onlyKeys("min_attempts");
    ConfigNode s = node.child("suggestions").onlyKeys("min_uses", "similarity", "per_scope");
    return new FailureConfig(
        node.integer("min_occurrences", 1, Integer.MAX_VALUE),
        node.decimal("failure_threshold", 0.0, 1.0),
        node.integer("max_items", 1, 5),
        node.decimal("alpha", 1e-12, 1.0),
        node.bool("include_test_sessions"),
        node.integer("examples_per_category", 1, 1000),
        new Trends(t.integer("period_days", 1, 366), t.integer("min_outcomes", 1, Integer.MAX_VALUE)),
        new Optimization(o.integer("min_attempts", 1, Integer.MAX_VALUE)),
        new Suggestions(s.integer("min_uses", 1, Integer.MAX_VALUE), s.decimal("similarity", 0.0, 1.0),
            s.integer("per_scope", 1, 1000)),
        alerts(node.child("alerts")));
  }

  private static Alerts alerts(ConfigNode a) {
    a.onlyKeys("exit_on", "pass_rate_below", "new_pattern", "failure_rate_increase", "trend_change");
    ConfigNode p = a.child("pass_rate_below").onlyKeys("enabled", "source", "dimension", "threshold", "days",
        "min_outcomes");
    ConfigNode n = a.child("new_pattern").onlyKeys("enabled", "days");
    ConfigNode r = a.child("failure_rate_increase").onlyKeys("enabled", "source", "dimension", "factor", "days",
        "min_outcomes", "critical_increase");
    ConfigNode c = a.child("trend_change").onlyKeys("enabled");
    return new Alerts(a.oneOf("exit_on", EXIT_ON.toArray(new String[0])),
        new PassRateBelow(p.bool("enabled"), p.oneOf("source", SOURCES.toArray(new String[0])),
            p.oneOf("dimension", DIMENSIONS.toArray(new String[0])), p.decimal("threshold", 0.0, 1.0),
            p.integer("days", 1, 3660), p.integer("min_outcomes", 1, Integer.MAX_VALUE)),
        new NewPattern(n.bool("enabled"), n.integer("days", 1, 3660)),
        new RateIncrease(r.bool("enabled"), r.oneOf("source", SOURCES.toArray(new String[0])),
            r.oneOf("dimension", DIMENSIONS.toArray(new String[0])), r.decimal("factor", 1.0, 1e6),
            r.integer("days", 1, 3660), r.integer("min_outcomes", 1, Integer.MAX_VALUE),
            r.decimal("critical_increase", 0.0, 1.0)),
        c.bool("enabled"));
  }
}

package io.genlake.config;

/**
 * Failure analytics and pattern mining settings (see the failure package).
 *
 * @param includeTestSessions false: outcomes of sessions flagged test or deleted are left out
 * @param examplesPerCategory how many best feedback examples gold.feedback_examples keeps per category
 */
public record FailureConfig(int minOccurrences, double failureThreshold, int maxItems, double alpha, boolean includeTestSessions,
    int examplesPerCategory) {
  /** This configuration with test and deleted sessions included or not (the CLI's --include-test-sessions). */
  public FailureConfig withIncludeTestSessions(boolean include) {
    return new FailureConfig(minOccurrences, failureThreshold, maxItems, alpha, include, examplesPerCategory);
  }

  static FailureConfig from(ConfigNode node) {
    node.onlyKeys("min_occurrences", "failure_threshold", "max_items", "alpha", "include_test_sessions", "examples_per_category");
    return new FailureConfig(
        node.integer("min_occurrences", 1, Integer.MAX_VALUE),
        node.decimal("failure_threshold", 0.0, 1.0),
        node.integer("max_items", 1, 5),
        node.decimal("alpha", 1e-12, 1.0),
        node.bool("include_test_sessions"),
        node.integer("examples_per_category", 1, 1000));
  }
}

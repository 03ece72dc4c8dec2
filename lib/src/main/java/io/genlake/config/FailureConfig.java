package io.genlake.config;

/** Failure analytics and pattern mining settings (see the failure package). */
public record FailureConfig(int minOccurrences, double failureThreshold, int maxItems, double alpha, boolean includeTestSessions) {
  static FailureConfig from(ConfigNode node) {
    node.onlyKeys("min_occurrences", "failure_threshold", "max_items", "alpha", "include_test_sessions");
    return new FailureConfig(
        node.integer("min_occurrences", 1, Integer.MAX_VALUE),
        node.decimal("failure_threshold", 0.0, 1.0),
        node.integer("max_items", 1, 5),
        node.decimal("alpha", 1e-12, 1.0),
        node.bool("include_test_sessions"));
  }
}

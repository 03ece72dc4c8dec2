package io.genlake.failure;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One failure pattern found by the miner, in seed 002's API shape (pattern, failure_rate, sample_count,
 * common_category) plus its statistics.
 *
 * @param model the model the pattern was mined in
 * @param pattern dimension to value, e.g. {@code {Expression=angry, Pose=profile}}, sorted by dimension
 * @param key the canonical text, items sorted and joined with {@code " & "}
 * @param failureRate failures / sampleCount
 * @param baselineRate the model's failure rate over all its outcomes
 * @param lift failureRate / baselineRate (infinite when the baseline is 0)
 * @param ciLow Wilson 95% interval of the failure rate
 * @param pValue one-sided exact binomial P(X ≥ failures | sampleCount, baselineRate)
 * @param qValue Benjamini–Hochberg adjusted over every pattern tested in the run; NaN for a near miss below
 *     min_occurrences (not tested)
 * @param status reported, redundant (explained by the smaller pattern {@code explainedBy}), or a near miss
 * @param missed for a near miss, the thresholds it missed: {@code min_occurrences}, {@code failure_threshold},
 *     {@code alpha}; empty otherwise
 */
public record MinedPattern(
    String model,
    Map<String, String> pattern,
    String key,
    int size,
    long sampleCount,
    long failures,
    double failureRate,
    double baselineRate,
    double lift,
    double ciLow,
    double ciHigh,
    double pValue,
    double qValue,
    Optional<String> commonCategory,
    Status status,
    Optional<String> explainedBy,
    List<String> missed) {

  /** A threshold a near miss did not meet. */
  public static final String MIN_OCCURRENCES = "min_occurrences";
  public static final String FAILURE_THRESHOLD = "failure_threshold";
  public static final String ALPHA = "alpha";

  /** Copies the missed thresholds. */
  public MinedPattern {
    missed = List.copyOf(missed);
  }

  /**
   * Whether a significant pattern is reported or dropped as a redundant superset, or a combination that passed no
   * threshold set but came closest (highest Wilson lower bound of its failure rate).
   */
  public enum Status {
    REPORTED, REDUNDANT, NEAR_MISS;

    /** The lower-case name stored in gold.failure_patterns.status. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}

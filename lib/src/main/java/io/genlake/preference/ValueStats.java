package io.genlake.preference;

import java.io.Serializable;

/**
 * What selected and rejected generations used for one parameter in one context (a numeric parameter, a LoRA's
 * strength) or how often (a categorical value such as a sampler: counts only, means NaN): counts, means and
 * population variances, NaN where there is no observation.
 */
public record ValueStats(long selected, double selectedMean, double selectedVariance, long rejected,
    double rejectedMean, double rejectedVariance) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** No observation. */
  public static final ValueStats NONE = new ValueStats(0, Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN);

  /** Counts of a categorical value (no numeric values). */
  public static ValueStats counts(long selected, long rejected) {
    return new ValueStats(selected, Double.NaN, Double.NaN, rejected, Double.NaN, Double.NaN);
  }

  /** Whether any selected observation carries a value. */
  public boolean hasSelectedValues() {
    return selected > 0 && !Double.isNaN(selectedMean);
  }
}

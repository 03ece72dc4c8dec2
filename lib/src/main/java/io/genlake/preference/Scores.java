package io.genlake.preference;

import io.genlake.config.PreferenceConfig;
import java.io.Serializable;

/**
 * The scoring formulas of preference learning, in one place (pure Java, O(1) each). Spark jobs, the serving
 * snapshot and the {@code recommend} command all call these.
 *
 * <ul>
 *   <li>{@link #seedScore}: seed 003's confidence-weighted score, (1 - w) * prior + w * selected / n with
 *       w = n / (n + k), prior 0.5 and k = 10 by default;
 *   <li>{@link #betaMean}: the posterior mean of a Beta(alpha, beta) prior updated with the counts;
 *   <li>{@link #wilsonLower}: the lower bound of the Wilson score interval of the selection rate;
 *   <li>{@link #confidence}: the seed's min(n / 100, 1);
 *   <li>{@link #evidence}: an explicit state, {@link Evidence#INSUFFICIENT} below {@code min_evidence}.
 * </ul>
 * Counts are doubles so that time-decayed counts go through the same formulas.
 */
public record Scores(double seedPrior, double seedPriorWeight, double betaAlpha, double betaBeta, double wilsonZ,
    double minEvidence) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** How much evidence a pair has. */
  public enum Evidence {
    /** Fewer events than {@code min_evidence}: the scores are mostly prior. */
    INSUFFICIENT,
    /** Enough to score, confidence at most 0.7. */
    SOME,
    /** Confidence above 0.7. */
    STRONG;

    /** The lower-case name stored in tables and JSON. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The seed's constants: prior 0.5, k 10, Beta(1, 1), z 1.96, 3 events minimum. */
  public static Scores seedDefaults() {
    return new Scores(0.5, 10, 1, 1, 1.96, 3);
  }

  /** The formulas with the configured constants. */
  public static Scores from(PreferenceConfig c) {
    return new Scores(c.seedPrior(), c.seedPriorWeight(), c.betaAlpha(), c.betaBeta(), c.wilsonZ(), c.minEvidence());
  }

  /** Seed 003: prior blended with the observed rate, weight n / (n + k); the prior alone when n = 0. */
  public double seedScore(double selected, double total) {
    return seedScore(selected, total, seedPrior);
  }

  /** The seed formula around another prior (cold start: a user's score starts from the global score). */
  public double seedScore(double selected, double total, double prior) {
    if (total <= 0) {
      return prior;
    }
    double weight = total / (total + seedPriorWeight);
    return (1 - weight) * prior + weight * (selected / total);
  }

  /** Posterior mean of the selection rate under a Beta(alpha, beta) prior: (s + a) / (n + a + b). */
  public double betaMean(double selected, double rejected) {
    return (selected + betaAlpha) / (selected + rejected + betaAlpha + betaBeta);
  }

  /** Wilson score interval lower bound of selected / total; 0 when total is 0. */
  public double wilsonLower(double selected, double total) {
    if (total <= 0) {
      return 0.0;
    }
    double p = selected / total;
    double z2 = wilsonZ * wilsonZ;
    double centre = p + z2 / (2 * total);
    double margin = wilsonZ * Math.sqrt(p * (1 - p) / total + z2 / (4 * total * total));
    return Math.max(0.0, (centre - margin) / (1 + z2 / total));
  }

  /** The seed's confidence: min(n / 100, 1). */
  public static double confidence(double total) {
    return Math.min(Math.max(total, 0.0) / 100.0, 1.0);
  }

  /** The evidence state of a pair seen {@code total} times. */
  public Evidence evidence(double total) {
    if (total < minEvidence || total <= 0) {
      return Evidence.INSUFFICIENT;
    }
    return confidence(total) > 0.7 ? Evidence.STRONG : Evidence.SOME;
  }
}

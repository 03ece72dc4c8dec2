package io.genlake.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Preference learning settings (see the preference package): keyword extraction, time decay, scoring priors,
 * sharing, exploit/explore thresholds, checkpoint pools, Thompson sampling, incremental runs and evaluation.
 *
 * @param decayDays time constant of the decay weight exp(-age_days / decay_days) (seed 003's 30 days; the half-life
 *     is decay_days x ln 2)
 * @param halfLifeDays when present, the half-life of the decay weight; it replaces {@code decayDays} (time constant =
 *     half_life_days / ln 2)
 * @param decayAnchor where ages are measured from: the newest event of the scope being scored, or the run date
 * @param minKeywordLength shortest word kept as a keyword
 * @param defaultStopWords whether the built-in English stop words are removed
 * @param extraStopWords further words never used as keywords
 * @param sharePreferencesDefault whether a user without a share_preferences value feeds the global statistics
 * @param seedPrior the seed formula's neutral score (0.5)
 * @param seedPriorWeight the seed formula's k in weight = n / (n + k) (10)
 * @param betaAlpha Beta prior alpha of the posterior mean
 * @param betaBeta Beta prior beta of the posterior mean
 * @param wilsonZ z of the Wilson lower bound (1.96 for 95 %)
 * @param minEvidence below this many (decayed) events a pair is in the "insufficient evidence" state
 * @param exploitConfidence above this confidence the recommendation only exploits
 * @param exploreConfidence below this confidence the recommendation only explores
 * @param exploreCount how many checkpoints an explore recommendation lists
 * @param thompsonSampling whether recommendations also draw a Thompson sample and record choice probabilities
 * @param thompsonDraws Monte Carlo draws used to estimate Thompson choice probabilities
 * @param checkpointPools checkpoints to choose from, keyed {@code <model_family>_<tier>}
 * @param incremental whether the nightly run updates the running sums from new events only
 * @param foldShare an incremental run folds the appended pair rows ({@code gold.preference_pair_increments}) into
 *     the base {@code gold.preference_pair_stats} when they reach this share of the base's rows (0: every run folds)
 * @param localMaxRows an incremental run whose new events are at most this many counts them, extracts their keywords
 *     and sums their pairs on the driver, from the events collected once, instead of in Spark jobs; the day's prompts
 *     are ranked on the driver under the same bound (0: always in Spark jobs)
 * @param evaluationHoldoutShare the latest share of events held out by the offline evaluation
 * @param evaluationRefreshShare the offline evaluation is run again when the counted events grew by this share since
 *     the last one (and on every full recompute)
 * @param evaluationBootstrap bootstrap resamples of each evaluation interval
 * @param ranking how the recommender picks: the seed's Bayesian average, the Beta posterior mean, a Thompson draw, or
 *     the checkpoint's overall score moved by each keyword's lift
 * @param maxLoras LoRAs recommended per prompt at most
 */
public record PreferenceConfig(
    double decayDays,
    Optional<Double> halfLifeDays,
    DecayAnchor decayAnchor,
    int minKeywordLength,
    boolean defaultStopWords,
    List<String> extraStopWords,
    boolean sharePreferencesDefault,
    double seedPrior,
    double seedPriorWeight,
    double betaAlpha,
    double betaBeta,
    double wilsonZ,
    double minEvidence,
    double exploitConfidence,
    double exploreConfidence,
    int exploreCount,
    boolean thompsonSampling,
    int thompsonDraws,
    Map<String, List<String>> checkpointPools,
    boolean incremental,
    double foldShare,
    int localMaxRows,
    double evaluationHoldoutShare,
    double evaluationRefreshShare,
    int evaluationBootstrap,
    Ranking ranking,
    int maxLoras) {

  /** Where event ages are measured from. */
  public enum DecayAnchor {
    /** The newest event of the scope being scored: the user's own for per-user rows, the shared pool's for shared rows. */
    DATA,
    /** The end of the run date (UTC), the same for every scope: statistics fade while no new data arrives. */
    RUN_DATE;

    /** The configuration value. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** How the recommender picks a checkpoint among the candidates. */
  public enum Ranking {
    /** Seed 003's confidence-weighted average over the prompt's keywords. */
    SEED,
    /** The Beta posterior mean of the selection rate, averaged over the prompt's keywords. */
    BETA,
    /** One Thompson draw from each candidate's Beta posterior (summed over the keywords). */
    THOMPSON,
    /**
     * The checkpoint's overall score moved by each keyword's lift in log-odds (naive Bayes): a keyword that tells
     * nothing about the checkpoint leaves its score as it is, instead of pulling it toward the prior.
     */
    LIFT;

    /** The configuration value. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public PreferenceConfig {
    extraStopWords = List.copyOf(extraStopWords);
    checkpointPools = Map.copyOf(checkpointPools);
  }

  /**
   * The time constant of the decay exp(-age_days / tau) in days: {@code half_life_days / ln 2} when a half-life is
   * set, else {@code decay_days}.
   */
  public double timeConstantDays() {
    return halfLifeDays.map(h -> h / Math.log(2)).orElse(decayDays);
  }

  static PreferenceConfig from(ConfigNode node) {
    node.onlyKeys("decay_days", "half_life_days", "decay_anchor", "min_keyword_length", "default_stop_words", "extra_stop_words",
        "share_preferences_default", "seed_prior", "seed_prior_weight", "beta_alpha", "beta_beta", "wilson_z",
        "min_evidence", "exploit_confidence", "explore_confidence", "explore_count", "thompson_sampling",
        "thompson_draws", "checkpoint_pools", "incremental", "fold_share", "local_max_rows", "evaluation_holdout_share",
        "evaluation_refresh_share", "evaluation_bootstrap", "ranking", "max_loras");
    double exploit = node.decimal("exploit_confidence", 0.0, 1.0);
    double explore = node.decimal("explore_confidence", 0.0, 1.0);
    if (explore > exploit) {
      throw node.invalid("explore_confidence", explore, "a number not above preference.exploit_confidence (" + exploit + ")");
    }
    return new PreferenceConfig(
        node.decimal("decay_days", 0.01, 1e6),
        node.has("half_life_days") ? Optional.of(node.decimal("half_life_days", 0.01, 1e6)) : Optional.empty(),
        DecayAnchor.valueOf(node.oneOf("decay_anchor", "data", "run_date").toUpperCase(java.util.Locale.ROOT)),
        node.integer("min_keyword_length", 1, 100),
        node.bool("default_stop_words"),
        node.stringList("extra_stop_words"),
        node.bool("share_preferences_default"),
        node.decimal("seed_prior", 0.0, 1.0),
        node.decimal("seed_prior_weight", 0.0, 1e9),
        node.decimal("beta_alpha", 1e-9, 1e9),
        node.decimal("beta_beta", 1e-9, 1e9),
        node.decimal("wilson_z", 0.0, 10.0),
        node.decimal("min_evidence", 0.0, 1e9),
        exploit,
        explore,
        node.integer("explore_count", 1, 1000),
        node.bool("thompson_sampling"),
        node.integer("thompson_draws", 1, 1_000_000),
        node.stringListMap("checkpoint_pools"),
        node.bool("incremental"),
        node.decimal("fold_share", 0.0, 100.0),
        node.integer("local_max_rows", 0, 1_000_000),
        node.decimal("evaluation_holdout_share", 0.01, 0.99),
        node.decimal("evaluation_refresh_share", 0.0, 1e6),
        node.integer("evaluation_bootstrap", 100, 100_000),
        Ranking.valueOf(node.oneOf("ranking", "seed", "beta", "thompson", "lift").toUpperCase(java.util.Locale.ROOT)),
        node.integer("max_loras", 0, 100));
  }
}

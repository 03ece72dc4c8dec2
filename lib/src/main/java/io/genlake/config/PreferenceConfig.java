package io.genlake.config;

import java.util.List;
import java.util.Map;

/**
 * Preference learning settings (see the preference package): keyword extraction, time decay, scoring priors,
 * sharing, exploit/explore thresholds, checkpoint pools, Thompson sampling, incremental runs and evaluation.
 *
 * @param decayDays time constant of the decay weight exp(-age_days / decay_days)
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
 * @param evaluationHoldoutShare the latest share of events held out by the offline evaluation
 */
public record PreferenceConfig(
    double decayDays,
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
    double evaluationHoldoutShare) {

  public PreferenceConfig {
    extraStopWords = List.copyOf(extraStopWords);
    checkpointPools = Map.copyOf(checkpointPools);
  }

  static PreferenceConfig from(ConfigNode node) {
    node.onlyKeys("decay_days", "min_keyword_length", "default_stop_words", "extra_stop_words",
        "share_preferences_default", "seed_prior", "seed_prior_weight", "beta_alpha", "beta_beta", "wilson_z",
        "min_evidence", "exploit_confidence", "explore_confidence", "explore_count", "thompson_sampling",
        "thompson_draws", "checkpoint_pools", "incremental", "evaluation_holdout_share");
    double exploit = node.decimal("exploit_confidence", 0.0, 1.0);
    double explore = node.decimal("explore_confidence", 0.0, 1.0);
    if (explore > exploit) {
      throw node.invalid("explore_confidence", explore, "a number not above preference.exploit_confidence (" + exploit + ")");
    }
    return new PreferenceConfig(
        node.decimal("decay_days", 0.001, 1e9),
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
        node.decimal("evaluation_holdout_share", 0.01, 0.99));
  }
}

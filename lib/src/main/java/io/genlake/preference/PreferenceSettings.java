package io.genlake.preference;

import io.genlake.config.PreferenceConfig;

/** The configured building blocks of preference learning: extractor, formulas, decay, recommender, advisor. */
record PreferenceSettings(PreferenceConfig config, KeywordExtractor extractor, Scores scores, Decay decay) {

  static PreferenceSettings of(PreferenceConfig config, KeywordNormalizer normalizer) {
    return new PreferenceSettings(config, KeywordExtractor.from(config, normalizer), Scores.from(config),
        new Decay(config.timeConstantDays()));
  }

  /** The recommender with the configured ranking; {@code thompson} false skips the sampled probabilities. */
  Recommender recommender(boolean thompson) {
    return recommender(config.ranking(), thompson);
  }

  /** The recommender ranking by {@code ranking} (a Thompson ranking always draws). */
  Recommender recommender(PreferenceConfig.Ranking ranking, boolean thompson) {
    return new Recommender(scores, new Recommender.Policy(config.exploitConfidence(), config.exploreConfidence(),
        config.exploreCount(), (thompson && config.thompsonSampling()) || ranking == PreferenceConfig.Ranking.THOMPSON,
        config.thompsonDraws(), ranking));
  }

  /** LoRA and parameter advice with the configured limits. */
  Advisor advisor() {
    return new Advisor(scores, config.maxLoras());
  }
}

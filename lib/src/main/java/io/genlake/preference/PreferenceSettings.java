package io.genlake.preference;

import io.genlake.config.PreferenceConfig;

/** The configured building blocks of preference learning: extractor, formulas, recommender, pools. */
record PreferenceSettings(PreferenceConfig config, KeywordExtractor extractor, Scores scores) {

  static PreferenceSettings of(PreferenceConfig config, KeywordNormalizer normalizer) {
    return new PreferenceSettings(config, KeywordExtractor.from(config, normalizer), Scores.from(config));
  }

  /** The recommender; {@code thompson} false skips sampling (evaluation replays). */
  Recommender recommender(boolean thompson) {
    return new Recommender(scores, new Recommender.Policy(config.exploitConfidence(), config.exploreConfidence(),
        config.exploreCount(), thompson && config.thompsonSampling(), config.thompsonDraws()));
  }
}

package io.genlake.config;

import java.util.Map;

/**
 * Generation enrichment settings (see the enrich package and docs/enrich.md).
 *
 * @param hashAlgorithm message digest of the canonical hash (SHA-256)
 * @param intimacyBands intimacy level id → band (none, light, deep, intense), seed 001 phase 4
 * @param failureReasonsTop how many failure reasons gold.provider_health keeps per provider and day
 * @param ratingSpread average fit ratings of one canonical hash further apart than this are non-determinism
 */
public record EnrichConfig(
    String hashAlgorithm, Map<String, String> intimacyBands, int failureReasonsTop, double ratingSpread) {

  public EnrichConfig {
    intimacyBands = Map.copyOf(intimacyBands);
  }

  static EnrichConfig from(ConfigNode node) {
    node.onlyKeys("hash_algorithm", "intimacy_bands", "failure_reasons_top", "rating_spread");
    Map<String, String> bands = node.stringMap("intimacy_bands");
    for (Map.Entry<String, String> e : bands.entrySet()) {
      if (!java.util.List.of("none", "light", "deep", "intense").contains(e.getValue())) {
        throw node.child("intimacy_bands").invalid(e.getKey(), e.getValue(), "one of none, light, deep, intense");
      }
    }
    return new EnrichConfig(
        node.oneOf("hash_algorithm", "SHA-256"),
        bands,
        node.integer("failure_reasons_top", 1, 100),
        node.decimal("rating_spread", 0.0, 4.0));
  }
}

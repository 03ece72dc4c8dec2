package io.genlake.config;

import java.util.Optional;

/**
 * Fit scoring settings (see the fit package).
 *
 * @param topK candidate assets kept per block in gold.block_asset_candidates
 * @param ontology an ontology file to use instead of the bundled one; empty = bundled
 * @param bootstrapSamples resamples behind each bootstrap 95% interval of gold.fit_calibration
 * @param bootstrapSeed seed of the bootstrap resampling (same data, same intervals)
 * @param reportBlocks blocks shown in the fit inspector when no --block-id is given
 * @param incrementalMinPairs below this many block x asset pairs a nightly fit recomputes in full (cheaper than
 *     the incremental plan on small warehouses); 0 = always incremental when possible
 */
public record FitConfig(int topK, Optional<String> ontology, int bootstrapSamples, long bootstrapSeed,
    int reportBlocks, long incrementalMinPairs) {
  static FitConfig from(ConfigNode node) {
    node.onlyKeys("top_k", "ontology", "bootstrap_samples", "bootstrap_seed", "report_blocks",
        "incremental_min_pairs");
    String ontology = node.has("ontology") ? node.string("ontology").trim() : "";
    return new FitConfig(
        node.integer("top_k", 1, 10_000),
        ontology.isEmpty() ? Optional.empty() : Optional.of(ontology),
        node.integer("bootstrap_samples", 100, 100_000),
        node.integer("bootstrap_seed", 0, Integer.MAX_VALUE),
        node.integer("report_blocks", 1, 1_000),
        node.integer("incremental_min_pairs", 0, 2_000_000_000));
  }
}

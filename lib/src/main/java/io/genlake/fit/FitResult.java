package io.genlake.fit;

import java.util.List;

/**
 * A heuristic fit score in [0, 1] and why: {@code score = clamp(1 - requiredPenalty + softBonus)}, with the
 * required block IDs the asset has and lacks (a required ID the asset contradicts is a miss too, and
 * each conflicting asset ID is also listed as {@code block_id!asset_id} in {@code conflicts}), the soft block IDs it shares, and both tag sets as compared (the asset's with
 * implied parents added).
 */
public record FitResult(
    double score,
    double requiredPenalty,
    double softBonus,
    List<String> requiredMatches,
    List<String> requiredMisses,
    List<String> conflicts,
    List<String> softMatches,
    List<String> blockOntologyIds,
    List<String> assetOntologyIds) {

  public FitResult {
    requiredMatches = List.copyOf(requiredMatches);
    requiredMisses = List.copyOf(requiredMisses);
    conflicts = List.copyOf(conflicts);
    softMatches = List.copyOf(softMatches);
    blockOntologyIds = List.copyOf(blockOntologyIds);
    assetOntologyIds = List.copyOf(assetOntologyIds);
  }

  /**
   * The explanation fields of {@code fit score}'s JSON and the inspector's score answer, in their order:
   * required matches and misses, conflicts, soft matches, both sides' ontology IDs, the penalty and the bonus.
   */
  public java.util.Map<String, Object> explanation() {
    java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
    out.put("required_matches", requiredMatches());
    out.put("required_misses", requiredMisses());
    out.put("conflicts", conflicts());
    out.put("soft_matches", softMatches());
    out.put("block_ontology_ids", blockOntologyIds());
    out.put("asset_ontology_ids", assetOntologyIds());
    out.put("required_penalty", requiredPenalty());
    out.put("soft_bonus", softBonus());
    return out;
  }
}

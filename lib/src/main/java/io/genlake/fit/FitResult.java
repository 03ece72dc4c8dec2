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
}

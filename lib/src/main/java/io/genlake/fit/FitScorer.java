package io.genlake.fit;

import io.genlake.ontology.Ontology;
import java.io.Serializable;
import java.util.Collection;

/**
 * Seed 000's fit heuristic (Task C) with the weights of the ontology. For each block ID in a required
 * category (camera/view, spatial relation): nothing if the asset has it (directly or as an implied parent),
 * else {@code conflict_weight} if the asset carries an ID that conflicts with it, else {@code weight}.
 * For each block ID in a soft category (actor, state, beat, mood, intensity, speed, setting) the asset
 * shares: plus that category's {@code weight}. {@code score = clamp(1 - penalty + bonus, 0, 1)}.
 * Pure Java; the Spark jobs and the CLI call this same code.
 */
public final class FitScorer implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Ontology ontology;

  public FitScorer(Ontology ontology) {
    this.ontology = ontology;
  }

  public Ontology ontology() {
    return ontology;
  }

  /** Scores a block's IDs against an asset's IDs, with the explanation. Unknown IDs are ignored. */
  public FitResult score(Collection<String> blockIds, Collection<String> assetIds) {
    return compile(ontology.encode(blockIds)).explain(ontology, ontology.expand(ontology.encode(assetIds)));
  }

  /** Compiles a block bitset for scoring many assets with {@link CompiledBlock#score(long[])}. */
  public CompiledBlock compile(long[] blockBits) {
    return new CompiledBlock(ontology, blockBits);
  }

  /** The explanation of a compiled block against an expanded asset bitset. */
  public FitResult explain(CompiledBlock block, long[] expandedAsset) {
    return block.explain(ontology, expandedAsset);
  }
}

package io.genlake.fit;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.genlake.ontology.Ontology;
import io.genlake.ontology.Tagger;
import io.genlake.ontology.Tags;
import io.genlake.table.SilverActionBlocks;
import io.genlake.table.SilverAssets;
import io.genlake.table.SilverGenerations;
import io.genlake.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;

/**
 * Seed 000's {@code /score}: one block against one asset, read from silver, tagged and scored with the same
 * code as the nightly job. Cost: three single-key filters over silver tables.
 */
public final class PairScoring {
  /** The answer: the block's prompt and tags, the asset's tags and text sources, the score and why. */
  public record PairScore(String blockId, String assetId, Optional<String> prompt, Tags blockTags, Tags assetTags,
      List<String> assetSources, FitResult fit) {}

  private PairScoring() {}

  /**
   * Scores {@code blockId} against {@code assetId}; unknown IDs fail with a message saying where it looked, and a
   * soft-deleted block or asset fails as the nightly treats it: as unknown.
   */
  public static PairScore score(Warehouse w, Ontology ontology, String blockId, String assetId) {
    Tagger tagger = new Tagger(ontology);
    List<Row> blocks = w.readOrEmpty(SilverActionBlocks.SPEC).where(col(SilverActionBlocks.BLOCK_ID).equalTo(lit(blockId)))
        .select(SilverActionBlocks.PROMPT, SilverActionBlocks.TAGS, SilverActionBlocks.IS_DELETED).collectAsList();
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException("Block " + blockId + " is not in silver.action_blocks of " + w.root()
          + ": check the id, or ingest the block export (reference/action_blocks/) first.");
    }
    if (blocks.get(0).getBoolean(2)) {
      throw new IllegalArgumentException("Block " + blockId + " is soft-deleted in silver.action_blocks of " + w.root()
          + " (is_deleted = true): the nightly fit treats it as unknown (its ratings get status unknown_block and "
          + "no score). Undelete it in the block export to score it.");
    }
    List<Row> assets = w.readOrEmpty(SilverAssets.SPEC).where(col(SilverAssets.ASSET_ID).equalTo(lit(assetId)))
        .select(SilverAssets.CAPTIONS, SilverAssets.SOURCE_GENERATION_ID, SilverAssets.IS_DELETED).collectAsList();
    if (assets.isEmpty()) {
      throw new IllegalArgumentException("Asset " + assetId + " is not in silver.assets of " + w.root()
          + ": check the id, or ingest the asset export (reference/assets/) first.");
    }
    if (assets.get(0).getBoolean(2)) {
      throw new IllegalArgumentException("Asset " + assetId + " is soft-deleted in silver.assets of " + w.root()
          + " (is_deleted = true): the nightly fit treats it as unknown (no gold.asset_tags row; its ratings get "
          + "status unknown_asset and no score). Undelete it in the asset export to score it.");
    }
    Row block = blocks.get(0);
    String prompt = block.isNullAt(0) ? null : block.getString(0);
    Tags blockTags = tagger.tagBlock(block.isNullAt(1) ? List.of() : block.getList(1), prompt);
    Row asset = assets.get(0);
    List<String> texts = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    if (!asset.isNullAt(0)) {
      asset.<String>getList(0).stream().filter(c -> c != null && !c.isBlank()).forEach(texts::add);
    }
    if (!texts.isEmpty()) {
      sources.add(AssetTagging.CAPTION);
    }
    if (!asset.isNullAt(1)) {
      List<Row> gens = w.readOrEmpty(SilverGenerations.SPEC)
          .where(col(SilverGenerations.GENERATION_ID).equalTo(lit(asset.getString(1))))
          .select(SilverGenerations.FINAL_PROMPT).collectAsList();
      if (!gens.isEmpty() && !gens.get(0).isNullAt(0) && !gens.get(0).getString(0).isBlank()) {
        texts.add(gens.get(0).getString(0));
        sources.add(AssetTagging.GENERATION_PROMPT);
      }
    }
    Tags assetTags = tagger.tagTexts(texts);
    FitResult fit = new FitScorer(ontology).score(blockTags.ids(), assetTags.ids());
    return new PairScore(blockId, assetId, Optional.ofNullable(prompt), blockTags, assetTags, sources, fit);
  }
}

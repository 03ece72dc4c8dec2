package io.genlake.fit;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.genlake.config.FitConfig;
import io.genlake.ontology.Ontology;
import io.genlake.ontology.Tagger;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StepResult;
import io.genlake.serve.ServingFiles;
import io.genlake.serve.SnapshotWriter;
import io.genlake.table.GoldAssetTags;
import io.genlake.table.GoldBlockAssetCandidates;
import io.genlake.table.GoldBlockImageFits;
import io.genlake.table.GoldFitCalibration;
import io.genlake.table.SilverActionBlocks;
import io.genlake.table.SilverAssets;
import io.genlake.table.SilverGenerations;
import io.genlake.warehouse.TableId;
import io.genlake.warehouse.Warehouse;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The fit inspector's serving snapshot ({@link ServingFiles#FIT_INSPECTOR}), written by the nightly after the fit
 * step: the ontology text the step used, every non-deleted block with its tags (tagged by the same code as the fit
 * step), every tagged asset with the texts its tags came from and where its image is, every scored rating
 * ({@code gold.block_image_fits}), the top candidates per block and the calibration by role. {@code genlake serve}
 * scores pairs from it with {@link FitScorer}, so the page and {@code gold.block_image_fits} agree. Cost: one read of
 * each table, rows streamed to the file through the driver; blocks are tagged on the driver (they are few).
 */
public final class FitServing {
  /** The tables the snapshot is made of (its nightly step is up to date while none of them changed). */
  public static final List<TableId> INPUTS = List.of(GoldAssetTags.TABLE, GoldBlockImageFits.TABLE,
      GoldBlockAssetCandidates.TABLE, GoldFitCalibration.TABLE, SilverActionBlocks.TABLE, SilverAssets.TABLE,
      SilverGenerations.TABLE);
  /** The snapshot's name for an asset's source generation final prompt. */
  public static final String GENERATION_PROMPT = "generation_prompt";
  private static final ObjectMapper JSON = new ObjectMapper();

  private FitServing() {}

  /** Writes the snapshot; notes and writes nothing when the fit step has not run yet. */
  public static StepResult run(RunContext ctx) {
    Warehouse w = ctx.warehouse();
    StepResult result = new StepResult();
    if (!w.exists(GoldAssetTags.TABLE)) {
      return result.note("gold.asset_tags does not exist yet: no fit inspector snapshot. Run `genlake fit run` first.");
    }
    FitConfig config = ctx.config().fit();
    Ontology ontology = FitJob.ontology(config);
    ctx.progress().step("serve_fit", "writing " + ServingFiles.FIT_INSPECTOR);
    try (SnapshotWriter out = SnapshotWriter.open(w, ServingFiles.FIT_INSPECTOR, ServingFiles.FIT_FORMAT)) {
      out.field("as_of", Instant.now().toString()).field("run_id", ctx.runId())
          .field("ontology_source", ontology.source()).field("ontology_yaml", Ontology.textOf(config.ontology()));
      List<BlockTagging.TaggedBlock> blocks = BlockTagging.tag(w.readOrEmpty(SilverActionBlocks.SPEC), new Tagger(ontology));
      result.count("serve_fit.blocks", out.strings("blocks", blocks.stream().map(FitServing::json).iterator()));
      result.count("serve_fit.assets", out.rows("assets", assets(w)));
      result.count("serve_fit.ratings", out.rows("ratings", w.readOrEmpty(GoldBlockImageFits.SPEC)
          .orderBy(GoldBlockImageFits.CREATED_AT, GoldBlockImageFits.RATING_KEY)));
      result.count("serve_fit.candidates", out.rows("candidates", w.readOrEmpty(GoldBlockAssetCandidates.SPEC)
          .select(GoldBlockAssetCandidates.BLOCK_ID, GoldBlockAssetCandidates.RANK, GoldBlockAssetCandidates.ASSET_ID,
              GoldBlockAssetCandidates.HEURISTIC_SCORE)
          .orderBy(GoldBlockAssetCandidates.BLOCK_ID, GoldBlockAssetCandidates.RANK)));
      out.rows("calibration", w.readOrEmpty(GoldFitCalibration.SPEC)
          .where(col(GoldFitCalibration.GROUPING).isin(GoldFitCalibration.ALL, GoldFitCalibration.BY_ROLE))
          .select(GoldFitCalibration.GROUPING, GoldFitCalibration.GROUP_VALUE, GoldFitCalibration.N,
              GoldFitCalibration.SPEARMAN, GoldFitCalibration.SPEARMAN_LOW, GoldFitCalibration.SPEARMAN_HIGH,
              GoldFitCalibration.MEAN_RATING_BY_DECILE, GoldFitCalibration.PAIRS_BY_DECILE)
          .orderBy(GoldFitCalibration.GROUPING, GoldFitCalibration.GROUP_VALUE));
      out.commit();
    }
    return result.note("fit inspector snapshot: " + w.root() + "/" + ServingFiles.FIT_INSPECTOR);
  }

  /** Tagged assets with their captions, source generation prompt and media type, in asset_id order. */
  private static Dataset<Row> assets(Warehouse w) {
    Dataset<Row> tags = w.read(GoldAssetTags.TABLE).alias("t");
    Dataset<Row> assets = w.readOrEmpty(SilverAssets.SPEC).select(col(SilverAssets.ASSET_ID).as("s_id"),
        col(SilverAssets.CAPTIONS), col(SilverAssets.MEDIA_TYPE));
    Dataset<Row> prompts = w.readOrEmpty(SilverGenerations.SPEC).select(col(SilverGenerations.GENERATION_ID).as("g_id"),
        col(SilverGenerations.FINAL_PROMPT).as(GENERATION_PROMPT));
    return tags.join(assets, col("t." + GoldAssetTags.ASSET_ID).equalTo(col("s_id")), "left")
        .join(prompts, col("t." + GoldAssetTags.SOURCE_GENERATION_ID).equalTo(col("g_id")), "left")
        .select(col("t." + GoldAssetTags.ASSET_ID), col("t." + GoldAssetTags.SOURCE_GENERATION_ID),
            col(SilverAssets.CAPTIONS), col(GENERATION_PROMPT), col("t." + GoldAssetTags.ONTOLOGY_IDS),
            col("t." + GoldAssetTags.NEGATED_IDS), col("t." + GoldAssetTags.SOURCES), col("t." + GoldAssetTags.PATH),
            col("t." + GoldAssetTags.URL), col(SilverAssets.MEDIA_TYPE))
        .orderBy(col("t." + GoldAssetTags.ASSET_ID));
  }

  private static String json(BlockTagging.TaggedBlock b) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("block_id", b.blockId());
    m.put("prompt", b.prompt());
    m.put("tags", b.rawTags());
    m.put("ontology_ids", b.tags().ids());
    m.put("unmapped_tags", b.tags().unmapped());
    try {
      return JSON.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.genlake.enrich;

import static org.apache.spark.sql.functions.col;

import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StepResult;
import io.genlake.serve.ServingFiles;
import io.genlake.serve.SnapshotWriter;
import io.genlake.table.GoldContentRatingViolations;
import io.genlake.table.GoldProviderHealth;
import io.genlake.table.GoldReproducibility;
import io.genlake.table.Lineage;
import io.genlake.table.SilverAssets;
import io.genlake.table.SilverBlockFitRatings;
import io.genlake.table.SilverGenerations;
import io.genlake.table.SilverPromptVersions;
import io.genlake.warehouse.TableId;
import io.genlake.warehouse.Warehouse;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The generation dev panel's serving snapshot ({@link ServingFiles#GENERATIONS}, seed 001 phase 10), written by the
 * nightly after {@code enrich}: the {@code serve.generations} most recent non-deleted generations with every
 * enrichment column, the assets they produced, the block-fit ratings of those generations and assets, every
 * {@code gold.provider_health} row, the {@code gold.reproducibility} groups of those generations' hashes, the most
 * recent content-rating violations and the prompt versions (to name a version by family and number). Cost: one
 * top-N sort of silver.generations, semi-joins of the other tables with that small set, rows streamed through the
 * driver.
 */
public final class GenerationServing {
  /** The tables the snapshot is made of. */
  public static final List<TableId> INPUTS = List.of(SilverGenerations.TABLE, SilverAssets.TABLE,
      SilverBlockFitRatings.TABLE, SilverPromptVersions.TABLE, GoldProviderHealth.TABLE, GoldReproducibility.TABLE,
      GoldContentRatingViolations.TABLE);

  private GenerationServing() {}

  /** Writes the snapshot; notes and writes nothing before the first ingestion of generations. */
  public static StepResult run(RunContext ctx) {
    Warehouse w = ctx.warehouse();
    StepResult result = new StepResult();
    if (!w.exists(SilverGenerations.TABLE)) {
      return result.note("silver.generations does not exist yet: no generations snapshot. Run `genlake ingest` first.");
    }
    int limit = ctx.config().serve().generations();
    ctx.progress().step("serve_generations", "writing " + ServingFiles.GENERATIONS);
    Column[] columns = Arrays.stream(SilverGenerations.SCHEMA.fieldNames())
        .filter(c -> !Lineage.COLUMNS.stream().anyMatch(l -> l.name().equals(c))).map(c -> col(c)).toArray(Column[]::new);
    Dataset<Row> live = w.read(SilverGenerations.TABLE).where(col(SilverGenerations.IS_DELETED).equalTo(false));
    Dataset<Row> recent = live.orderBy(col(SilverGenerations.CREATED_AT).desc(), col(SilverGenerations.GENERATION_ID))
        .limit(limit).select(columns).persist(StorageLevel.MEMORY_AND_DISK());
    try (SnapshotWriter out = SnapshotWriter.open(w, ServingFiles.GENERATIONS, ServingFiles.GENERATIONS_FORMAT)) {
      long total = live.count();
      out.field("as_of", Instant.now().toString()).field("run_id", ctx.runId()).field("generations_total", total)
          .field("generations_limit", limit);
      Dataset<Row> ids = recent.select(col(SilverGenerations.GENERATION_ID).as("_g"));
      Dataset<Row> assets = w.readOrEmpty(SilverAssets.SPEC).where(col(SilverAssets.IS_DELETED).equalTo(false))
          .join(ids, col(SilverAssets.SOURCE_GENERATION_ID).equalTo(col("_g")), "left_semi")
          .select(SilverAssets.ASSET_ID, SilverAssets.SOURCE_GENERATION_ID, SilverAssets.MEDIA_TYPE,
              SilverAssets.CAPTIONS, SilverAssets.PATH, SilverAssets.URL);
      Dataset<Row> assetIds = assets.select(col(SilverAssets.ASSET_ID).as("_a"));
      Dataset<Row> ratings = w.readOrEmpty(SilverBlockFitRatings.SPEC);
      Dataset<Row> linkedRatings = ratings.join(ids, col(SilverBlockFitRatings.GENERATION_ID).equalTo(col("_g")), "left_semi")
          .unionByName(ratings.join(assetIds, col(SilverBlockFitRatings.ASSET_ID).equalTo(col("_a")), "left_semi"))
          .dropDuplicates(SilverBlockFitRatings.RATING_KEY)
          .select(SilverBlockFitRatings.RATING_KEY, SilverBlockFitRatings.BLOCK_ID, SilverBlockFitRatings.ASSET_ID,
              SilverBlockFitRatings.GENERATION_ID, SilverBlockFitRatings.ROLE_IN_SEQUENCE, SilverBlockFitRatings.USER_ID,
              SilverBlockFitRatings.FIT_RATING, SilverBlockFitRatings.NOTES, SilverBlockFitRatings.CREATED_AT);
      Dataset<Row> hashes = recent.where(col(SilverGenerations.CANONICAL_HASH).isNotNull())
          .select(col(SilverGenerations.CANONICAL_HASH).as("_h")).distinct();
      result.count("serve_generations.generations", out.rows("generations", recent));
      result.count("serve_generations.assets", out.rows("assets", assets.orderBy(SilverAssets.ASSET_ID)));
      result.count("serve_generations.ratings", out.rows("ratings", linkedRatings.orderBy(SilverBlockFitRatings.CREATED_AT)));
      out.rows("provider_health", w.readOrEmpty(GoldProviderHealth.SPEC)
          .orderBy(GoldProviderHealth.PROVIDER, GoldProviderHealth.DAY));
      out.rows("reproducibility", w.readOrEmpty(GoldReproducibility.SPEC)
          .join(hashes, col(GoldReproducibility.CANONICAL_HASH).equalTo(col("_h")), "left_semi")
          .orderBy(col(GoldReproducibility.GENERATIONS).desc(), col(GoldReproducibility.CANONICAL_HASH)));
      out.rows("violations", w.readOrEmpty(GoldContentRatingViolations.SPEC)
          .orderBy(col(GoldContentRatingViolations.CREATED_AT).desc(), col(GoldContentRatingViolations.GENERATION_ID))
          .limit(limit));
      out.rows("prompt_versions", w.readOrEmpty(SilverPromptVersions.SPEC)
          .select(SilverPromptVersions.VERSION_ID, SilverPromptVersions.FAMILY_ID, SilverPromptVersions.FAMILY_NAME,
              SilverPromptVersions.VERSION_NUMBER, SilverPromptVersions.CREATED_AT)
          .orderBy(SilverPromptVersions.FAMILY_ID, SilverPromptVersions.VERSION_NUMBER));
      out.commit();
    } finally {
      recent.unpersist();
    }
    return result.note("generations snapshot: " + w.root() + "/" + ServingFiles.GENERATIONS);
  }
}

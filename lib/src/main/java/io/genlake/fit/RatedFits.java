package io.genlake.fit;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min;

import io.genlake.table.GoldAssetTags;
import io.genlake.table.GoldBlockImageFits;
import io.genlake.table.SilverBlockFitRatings;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * {@code gold.block_image_fits}: every silver rating with the heuristic recomputed. A rating that names only
 * a generation is scored against that generation's first asset (by asset_id). Ratings whose block or asset
 * is unknown are kept with status {@code unknown_block} / {@code unknown_asset} and a null score.
 * Cost: two broadcast-size joins (blocks, asset tags) and one pass.
 */
final class RatedFits {
  private RatedFits() {}

  static Dataset<Row> score(Dataset<Row> ratings, Dataset<Row> blockTags, Dataset<Row> assetTags,
      Broadcast<FitScorer> scorer) {
    Dataset<Row> byGeneration = assetTags.where(col(GoldAssetTags.SOURCE_GENERATION_ID).isNotNull())
        .groupBy(col(GoldAssetTags.SOURCE_GENERATION_ID).as("gen_key"))
        .agg(min(col(GoldAssetTags.ASSET_ID)).as("gen_asset"));
    Dataset<Row> r = ratings.alias("r")
        .join(byGeneration, col("r." + SilverBlockFitRatings.GENERATION_ID).equalTo(col("gen_key")), "left")
        .withColumn("resolved_asset", coalesce(col("r." + SilverBlockFitRatings.ASSET_ID), col("gen_asset")));
    Dataset<Row> a = assetTags.select(col(GoldAssetTags.ASSET_ID).as("t_asset"),
        col(GoldAssetTags.ONTOLOGY_IDS).as("t_ids"));
    Dataset<Row> joined = r
        .join(blockTags.alias("b"), col("r." + SilverBlockFitRatings.BLOCK_ID).equalTo(col("b." + BlockTagging.BLOCK_ID)), "left")
        .join(a, col("resolved_asset").equalTo(col("t_asset")), "left")
        .select(
            col("r." + SilverBlockFitRatings.RATING_KEY),
            col("r." + SilverBlockFitRatings.BLOCK_ID),
            col("resolved_asset"),
            col("r." + SilverBlockFitRatings.GENERATION_ID),
            col("r." + SilverBlockFitRatings.ROLE_IN_SEQUENCE),
            col("r." + SilverBlockFitRatings.USER_ID),
            col("r." + SilverBlockFitRatings.FIT_RATING),
            col("r." + SilverBlockFitRatings.APP_HEURISTIC_SCORE),
            col("r." + SilverBlockFitRatings.NOTES),
            col("r." + SilverBlockFitRatings.BLOCK_TAGS_SNAPSHOT),
            col("r." + SilverBlockFitRatings.ASSET_TAGS_SNAPSHOT),
            col("r." + SilverBlockFitRatings.CREATED_AT),
            col("b." + BlockTagging.BLOCK_IDS),
            col("b." + BlockTagging.UNMAPPED),
            col("t_ids"));
    MapPartitionsFunction<Row, Row> f = rows -> scorePartition(rows, scorer.value());
    return joined.mapPartitions(f, Encoders.row(GoldBlockImageFits.SCHEMA));
  }

  private static Iterator<Row> scorePartition(Iterator<Row> rows, FitScorer scorer) {
    List<Row> out = new ArrayList<>();
    while (rows.hasNext()) {
      Row r = rows.next();
      boolean blockKnown = !r.isNullAt(12);
      boolean assetKnown = !r.isNullAt(14);
      List<String> blockIds = blockKnown ? r.getList(12) : List.of();
      List<String> unmapped = blockKnown ? r.getList(13) : List.of();
      List<String> assetIds = assetKnown ? r.getList(14) : List.of();
      Double score = null;
      String status = !blockKnown ? GoldBlockImageFits.UNKNOWN_BLOCK
          : !assetKnown ? GoldBlockImageFits.UNKNOWN_ASSET : GoldBlockImageFits.SCORED;
      FitResult fit = scorer.score(blockIds, assetIds);
      if (blockKnown && assetKnown) {
        score = fit.score();
      }
      boolean scored = score != null;
      out.add(RowFactory.create(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6), score, r.get(7),
          Seqs.of(scored ? fit.requiredMatches() : List.of()), Seqs.of(scored ? fit.requiredMisses() : List.of()),
          Seqs.of(scored ? fit.conflicts() : List.of()), Seqs.of(scored ? fit.softMatches() : List.of()),
          Seqs.of(blockIds), Seqs.of(unmapped), Seqs.of(scored ? fit.assetOntologyIds() : assetIds), r.get(9), r.get(10),
          status, r.get(8), r.get(11)));
    }
    return out.iterator();
  }
}

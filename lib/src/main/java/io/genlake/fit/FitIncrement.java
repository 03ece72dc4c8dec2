package io.genlake.fit;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import io.genlake.ontology.Tagger;
import io.genlake.table.GoldAssetTags;
import io.genlake.table.GoldBlockAssetCandidates;
import io.genlake.table.GoldBlockImageFits;
import io.genlake.table.SilverActionBlocks;
import io.genlake.table.SilverAssets;
import io.genlake.table.SilverBlockFitRatings;
import io.genlake.table.SilverGenerations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The incremental fit: given the keys that changed ({@link FitChanges}), recompute only the gold rows they touch
 * and keep the others, so that the result equals a full recompute.
 * <ul>
 *   <li>Assets to re-tag (A): assets whose row changed, and assets of generations whose row changed (the prompt
 *       is part of an asset's text). Their old tag rows are dropped, the current ones tagged.
 *   <li>Ratings to re-score: changed ratings, and ratings of a changed block, of an asset in A, or of a
 *       generation one of A's assets belongs (or belonged) to — a rating that names only a generation is scored
 *       against the generation's first asset, which A can change.
 *   <li>Candidates: a block that changed, or whose kept top K holds an asset of A, or that had none, is searched
 *       again over all assets; every other block's top K is merged with its scores against A's current assets
 *       and ranked again. Exact: the other assets' scores did not change, and the old top K is the top K of
 *       those.
 * </ul>
 * Cost: a few joins with the (small) change sets, tagging and scoring of what changed, and a candidate search
 * of |changed blocks| × assets + blocks × |A| pairs instead of blocks × assets.
 */
final class FitIncrement {
  private static final String KEY = "_key";

  private final Dataset<Row> changedAssets;
  private final Dataset<Row> changedGenerations;
  private final Dataset<Row> changedBlocks;
  private final Dataset<Row> changedRatings;

  /** Asset ids to re-tag (column {@link GoldAssetTags#ASSET_ID}); cached, small. */
  final Dataset<Row> assets;

  FitIncrement(FitChanges changes, Dataset<Row> silverAssets) {
    this.changedAssets = changes.assets.persist(StorageLevel.MEMORY_AND_DISK());
    this.changedGenerations = changes.generations.persist(StorageLevel.MEMORY_AND_DISK());
    this.changedBlocks = changes.blocks;
    this.changedRatings = changes.ratings;
    Dataset<Row> viaGeneration = silverAssets.join(changedGenerations,
            silverAssets.col(SilverAssets.SOURCE_GENERATION_ID).equalTo(changedGenerations.col(SilverGenerations.GENERATION_ID)),
            "left_semi")
        .select(col(SilverAssets.ASSET_ID).as(GoldAssetTags.ASSET_ID));
    this.assets = changedAssets.select(col(SilverAssets.ASSET_ID).as(GoldAssetTags.ASSET_ID)).union(viaGeneration)
        .distinct().persist(StorageLevel.MEMORY_AND_DISK());
  }

  /** gold.asset_tags: the old rows of assets outside A, plus A's current assets tagged. */
  Dataset<Row> assetTags(Dataset<Row> oldTags, Dataset<Row> silverAssets, Dataset<Row> generations,
      Broadcast<Tagger> tagger) {
    Dataset<Row> retag = silverAssets.join(assets,
        silverAssets.col(SilverAssets.ASSET_ID).equalTo(assets.col(GoldAssetTags.ASSET_ID)), "left_semi");
    Dataset<Row> kept = oldTags.join(assets, oldTags.col(GoldAssetTags.ASSET_ID).equalTo(assets.col(GoldAssetTags.ASSET_ID)),
        "left_anti");
    return kept.unionByName(AssetTagging.tag(retag, generations, tagger));
  }

  /** The ratings whose fit must be scored again (see the class comment). */
  Dataset<Row> ratingsToRescore(Dataset<Row> ratings) {
    Column key = col(SilverBlockFitRatings.RATING_KEY);
    Dataset<Row> generations = changedAssets.select(col(SilverAssets.SOURCE_GENERATION_ID).as(KEY))
        .where(col(KEY).isNotNull()).union(changedGenerations.select(col(SilverGenerations.GENERATION_ID).as(KEY)));
    Dataset<Row> hit = semi(ratings, SilverBlockFitRatings.RATING_KEY, changedRatings, SilverBlockFitRatings.RATING_KEY)
        .union(semi(ratings, SilverBlockFitRatings.BLOCK_ID, changedBlocks, SilverActionBlocks.BLOCK_ID))
        .union(semi(ratings, SilverBlockFitRatings.ASSET_ID, assets, GoldAssetTags.ASSET_ID))
        .union(semi(ratings, SilverBlockFitRatings.GENERATION_ID, generations, KEY))
        .distinct();
    return ratings.join(hit, ratings.col(SilverBlockFitRatings.RATING_KEY).equalTo(hit.col(KEY)), "left_semi")
        .where(key.isNotNull());
  }

  /** The rating keys of {@code ratings} whose {@code column} is among {@code keys}' {@code keyColumn}, as {@link #KEY}. */
  private static Dataset<Row> semi(Dataset<Row> ratings, String column, Dataset<Row> keys, String keyColumn) {
    return ratings.join(keys, ratings.col(column).equalTo(keys.col(keyColumn)), "left_semi")
        .select(col(SilverBlockFitRatings.RATING_KEY).as(KEY));
  }

  /** gold.block_image_fits: old fits of ratings not re-scored, plus the re-scored ones. */
  static Dataset<Row> fits(Dataset<Row> oldFits, Dataset<Row> rescoredRatings, Dataset<Row> rescored) {
    Dataset<Row> keys = rescoredRatings.select(col(SilverBlockFitRatings.RATING_KEY).as(KEY));
    return oldFits.join(keys, oldFits.col(GoldBlockImageFits.RATING_KEY).equalTo(keys.col(KEY)), "left_anti")
        .unionByName(rescored);
  }

  /** Block ids to search again over all assets: changed blocks and blocks whose top K holds an asset of A. */
  Set<String> blocksToSearchAgain(Dataset<Row> oldCandidates) {
    Set<String> out = new HashSet<>();
    for (Row r : changedBlocks.collectAsList()) {
      out.add(r.getString(0));
    }
    for (Row r : oldCandidates.join(assets, oldCandidates.col(GoldBlockAssetCandidates.ASSET_ID)
            .equalTo(assets.col(GoldAssetTags.ASSET_ID)), "left_semi")
        .select(GoldBlockAssetCandidates.BLOCK_ID).distinct().collectAsList()) {
      out.add(r.getString(0));
    }
    return out;
  }

  /** Block ids that have rows in {@code oldCandidates}. */
  static Set<String> blocksWithCandidates(Dataset<Row> oldCandidates) {
    Set<String> out = new HashSet<>();
    for (Row r : oldCandidates.select(GoldBlockAssetCandidates.BLOCK_ID).distinct().collectAsList()) {
      out.add(r.getString(0));
    }
    return out;
  }

  /**
   * The kept blocks' old top K merged with their top K among A's assets, ranked again (score descending, then
   * asset_id, as the full search) and cut to {@code k}.
   */
  static Dataset<Row> mergeTopK(Dataset<Row> oldCandidates, List<String> keptBlocks, Dataset<Row> fresh, int k) {
    List<Row> ids = new ArrayList<>();
    keptBlocks.forEach(b -> ids.add(RowFactory.create(b)));
    Dataset<Row> kept = oldCandidates.sparkSession().createDataFrame(ids,
        new StructType().add(KEY, DataTypes.StringType, false));
    Dataset<Row> old = oldCandidates.join(kept, oldCandidates.col(GoldBlockAssetCandidates.BLOCK_ID).equalTo(kept.col(KEY)),
        "left_semi");
    String[] columns = GoldBlockAssetCandidates.SCHEMA.fieldNames();
    return old.unionByName(fresh)
        .withColumn(GoldBlockAssetCandidates.RANK, row_number().over(Window.partitionBy(GoldBlockAssetCandidates.BLOCK_ID)
            .orderBy(col(GoldBlockAssetCandidates.HEURISTIC_SCORE).desc(), col(GoldBlockAssetCandidates.ASSET_ID).asc())))
        .where(col(GoldBlockAssetCandidates.RANK).leq(k))
        .select(Arrays.stream(columns).map(c -> col(c)).toArray(Column[]::new));
  }

  void release() {
    assets.unpersist();
    changedAssets.unpersist();
    changedGenerations.unpersist();
  }
}

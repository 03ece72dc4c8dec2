package io.genlake.fit;

import io.genlake.pipeline.PinnedInputs;
import io.genlake.table.SilverActionBlocks;
import io.genlake.table.SilverAssets;
import io.genlake.table.SilverBlockFitRatings;
import io.genlake.table.SilverGenerations;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The keys that changed in the fit step's silver inputs between the versions its last run processed and the pinned
 * ones, read from Delta's Change Data Feed ({@link PinnedInputs#changes}). Every change row counts (insert, update
 * pre- and post-image, delete), so a key whose row changed in any way is listed. The fit step re-tags, re-scores and
 * re-searches only what these keys touch; see {@link FitIncrement}. Cost: one read of each input's change files
 * (only the versions in between).
 */
final class FitChanges {
  /** Changed asset ids (with their source generation ids, before and after), generation ids, block ids, rating keys. */
  final Dataset<Row> assets;
  final Dataset<Row> generations;
  final Dataset<Row> blocks;
  final Dataset<Row> ratings;

  private FitChanges(Dataset<Row> assets, Dataset<Row> generations, Dataset<Row> blocks, Dataset<Row> ratings) {
    this.assets = assets;
    this.generations = generations;
    this.blocks = blocks;
    this.ratings = ratings;
  }

  /** The keys changed between {@code inputs}' baseline and its pinned versions. */
  static FitChanges read(PinnedInputs inputs) {
    return new FitChanges(
        inputs.changes(SilverAssets.SPEC, SilverAssets.ASSET_ID, SilverAssets.SOURCE_GENERATION_ID),
        inputs.changes(SilverGenerations.SPEC, SilverGenerations.GENERATION_ID),
        inputs.changes(SilverActionBlocks.SPEC, SilverActionBlocks.BLOCK_ID),
        inputs.changes(SilverBlockFitRatings.SPEC, SilverBlockFitRatings.RATING_KEY));
  }
}

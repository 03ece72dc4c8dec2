package io.genlake.export;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.genlake.table.GoldBlockImageFits;
import io.genlake.table.GoldPreferencePairStats;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The feature tables of the ML export built from gold results: block–asset pairs (heuristic details beside the
 * human rating) and preference pairs (counts, decayed counts and scores). Free-text notes are not exported;
 * user ids are pseudonymized or removed. Cost: one projection each, no shuffle.
 */
final class GoldFeatures {
  static final String PAIR_KEY = "pair_key";

  private GoldFeatures() {}

  private static Column user(Column userId, Optional<Pseudonymizer> pseudonymizer) {
    return pseudonymizer.map(p -> p.apply(userId)).orElse(lit(null).cast(DataTypes.StringType));
  }

  /** One row per rated block–asset pair that could be scored. */
  static Dataset<Row> blockAssetPairs(Dataset<Row> fits, Optional<Pseudonymizer> pseudonymizer) {
    return fits.where(col(GoldBlockImageFits.STATUS).equalTo(GoldBlockImageFits.SCORED)).select(
        col(GoldBlockImageFits.RATING_KEY).as(PAIR_KEY),
        to_date(col(GoldBlockImageFits.CREATED_AT)).as(MlExportWriter.EVENT_DATE),
        col(GoldBlockImageFits.BLOCK_ID), col(GoldBlockImageFits.ASSET_ID), col(GoldBlockImageFits.GENERATION_ID),
        col(GoldBlockImageFits.ROLE_IN_SEQUENCE),
        user(col(GoldBlockImageFits.USER_ID), pseudonymizer).as(GenerationFeatures.USER),
        col(GoldBlockImageFits.HEURISTIC_SCORE), col(GoldBlockImageFits.REQUIRED_MATCHES),
        col(GoldBlockImageFits.REQUIRED_MISSES), col(GoldBlockImageFits.CONFLICTS), col(GoldBlockImageFits.SOFT_MATCHES),
        col(GoldBlockImageFits.BLOCK_ONTOLOGY_IDS), col(GoldBlockImageFits.ASSET_ONTOLOGY_IDS),
        col(GoldBlockImageFits.BLOCK_TAGS_SNAPSHOT), col(GoldBlockImageFits.ASSET_TAGS_SNAPSHOT),
        col(GoldBlockImageFits.FIT_RATING).as("label_fit_rating"));
  }

  /** One row per (user or global, pair kind, item a, item b). */
  static Dataset<Row> preferencePairs(Dataset<Row> stats, Optional<Pseudonymizer> pseudonymizer) {
    Column isGlobal = col(GoldPreferencePairStats.USER_ID).equalTo(GoldPreferencePairStats.GLOBAL);
    Column userOut = when(isGlobal, lit(GoldPreferencePairStats.GLOBAL))
        .otherwise(user(col(GoldPreferencePairStats.USER_ID), pseudonymizer));
    return stats.select(
        concat_ws("\u0001", userOut, col(GoldPreferencePairStats.KIND), col(GoldPreferencePairStats.ITEM_A),
            col(GoldPreferencePairStats.ITEM_B)).as(PAIR_KEY),
        to_date(col(GoldPreferencePairStats.AS_OF)).as(MlExportWriter.EVENT_DATE),
        userOut.as(GenerationFeatures.USER),
        col(GoldPreferencePairStats.KIND), col(GoldPreferencePairStats.ITEM_A), col(GoldPreferencePairStats.ITEM_B),
        col(GoldPreferencePairStats.SELECTED), col(GoldPreferencePairStats.REJECTED), col(GoldPreferencePairStats.TOTAL),
        col(GoldPreferencePairStats.DECAYED_SELECTED), col(GoldPreferencePairStats.DECAYED_REJECTED),
        col(GoldPreferencePairStats.DECAYED_TOTAL), col(GoldPreferencePairStats.SEED_SCORE),
        col(GoldPreferencePairStats.BETA_MEAN), col(GoldPreferencePairStats.WILSON_LOWER),
        col(GoldPreferencePairStats.CONFIDENCE), col(GoldPreferencePairStats.EVIDENCE))
        .where(col(GenerationFeatures.USER).isNotNull());
  }
}

package io.genlake.table;

import static io.genlake.table.Fields.optional;
import static io.genlake.table.Fields.required;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold.block_image_fits}: seed 000's BlockImageFit for every silver rating (re-ratings included: one row
 * each), with the heuristic score recomputed from today's tags and ontology, its explanation, today's tags as
 * compared, and the tag snapshots the app recorded when the rating was made, as recorded. Ratings whose block or
 * asset is unknown are kept with a status saying so and a null score.
 */
public final class GoldBlockImageFits {
  public static final TableId TABLE = TableId.gold("block_image_fits");

  public static final String RATING_KEY = "rating_key";
  public static final String BLOCK_ID = "block_id";
  /** The rated asset, or the first asset of the rated generation when the rating names only a generation. */
  public static final String ASSET_ID = "asset_id";
  public static final String GENERATION_ID = "generation_id";
  public static final String ROLE_IN_SEQUENCE = "role_in_sequence";
  public static final String USER_ID = "user_id";
  public static final String FIT_RATING = "fit_rating";
  public static final String HEURISTIC_SCORE = "heuristic_score";
  public static final String APP_HEURISTIC_SCORE = "app_heuristic_score";
  public static final String REQUIRED_MATCHES = "required_matches";
  public static final String REQUIRED_MISSES = "required_misses";
  /** {@code block_id!asset_id} pairs: a required block ID contradicted by an asset ID. */
  public static final String CONFLICTS = "conflicts";
  public static final String SOFT_MATCHES = "soft_matches";
  /** The block's ontology IDs today, as compared. */
  public static final String BLOCK_ONTOLOGY_IDS = "block_ontology_ids";
  /** Block tags that map to no ontology ID. */
  public static final String BLOCK_UNMAPPED_TAGS = "block_unmapped_tags";
  /** The asset's IDs today with implied parents, as compared. */
  public static final String ASSET_ONTOLOGY_IDS = "asset_ontology_ids";
  /** The block's IDs the app showed the rater, as recorded (null when the rating recorded none). */
  public static final String BLOCK_TAGS_SNAPSHOT = "block_tags_snapshot";
  /** The asset's IDs the app showed the rater, as recorded (null when the rating recorded none). */
  public static final String ASSET_TAGS_SNAPSHOT = "asset_tags_snapshot";
  /** scored, unknown_block, unknown_asset. */
  public static final String STATUS = "status";
  public static final String NOTES = "notes";
  public static final String CREATED_AT = "created_at";

  public static final String SCORED = "scored";
  public static final String UNKNOWN_BLOCK = "unknown_block";
  public static final String UNKNOWN_ASSET = "unknown_asset";
  public static final List<String> STATUSES = List.of(SCORED, UNKNOWN_BLOCK, UNKNOWN_ASSET);

  public static final StructType SCHEMA = Fields.schema(
      required(RATING_KEY, StringType),
      required(BLOCK_ID, StringType),
      optional(ASSET_ID, StringType),
      optional(GENERATION_ID, StringType),
      required(ROLE_IN_SEQUENCE, StringType),
      optional(USER_ID, StringType),
      required(FIT_RATING, IntegerType),
      optional(HEURISTIC_SCORE, DoubleType),
      optional(APP_HEURISTIC_SCORE, DoubleType),
      required(REQUIRED_MATCHES, Fields.STRINGS),
      required(REQUIRED_MISSES, Fields.STRINGS),
      required(CONFLICTS, Fields.STRINGS),
      required(SOFT_MATCHES, Fields.STRINGS),
      required(BLOCK_ONTOLOGY_IDS, Fields.STRINGS),
      required(BLOCK_UNMAPPED_TAGS, Fields.STRINGS),
      required(ASSET_ONTOLOGY_IDS, Fields.STRINGS),
      optional(BLOCK_TAGS_SNAPSHOT, Fields.STRINGS),
      optional(ASSET_TAGS_SNAPSHOT, Fields.STRINGS),
      required(STATUS, StringType),
      optional(NOTES, StringType),
      required(CREATED_AT, TimestampType));

  public static final TableSpec SPEC = TableSpec.simple(TABLE, SCHEMA);

  private GoldBlockImageFits() {}
}

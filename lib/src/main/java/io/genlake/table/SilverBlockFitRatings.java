package io.genlake.table;

import static io.genlake.table.Fields.optional;
import static io.genlake.table.Fields.required;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.StructType;

/**
 * {@code silver.block_fit_ratings}: seed 000's BlockImageFit ratings. The natural key is one user's rating
 * of one block against one asset (or generation) in one sequence role; a later rating replaces an earlier one.
 */
public final class SilverBlockFitRatings {
  public static final TableId TABLE = TableId.silver("block_fit_ratings");

  /** Stable key: SHA-256 of block_id, asset_id, generation_id, user_id and role_in_sequence. */
  public static final String RATING_KEY = "rating_key";
  public static final String RATING_ID = "rating_id";
  public static final String BLOCK_ID = "block_id";
  public static final String ASSET_ID = "asset_id";
  public static final String GENERATION_ID = "generation_id";
  public static final String ROLE_IN_SEQUENCE = "role_in_sequence";
  public static final String USER_ID = "user_id";
  public static final String FIT_RATING = "fit_rating";
  /** The heuristic score the app showed when the rating was made, if it recorded one. */
  public static final String APP_HEURISTIC_SCORE = "app_heuristic_score";
  public static final String NOTES = "notes";
  public static final String CREATED_AT = "created_at";

  public static final List<String> ROLES = List.of("initial", "continuation", "transition", "unspecified");

  public static final StructType SCHEMA = Fields.schema(List.of(
      required(RATING_KEY, StringType),
      optional(RATING_ID, StringType),
      required(BLOCK_ID, StringType),
      optional(ASSET_ID, StringType),
      optional(GENERATION_ID, StringType),
      required(ROLE_IN_SEQUENCE, StringType),
      optional(USER_ID, StringType),
      required(FIT_RATING, IntegerType),
      optional(APP_HEURISTIC_SCORE, DoubleType),
      optional(NOTES, StringType),
      required(CREATED_AT, TimestampType)), Lineage.COLUMNS);

  public static final TableSpec SPEC = new TableSpec(TABLE, SCHEMA, List.of(RATING_KEY), List.of(),
      Map.of(
          "fit_rating_range", FIT_RATING + " BETWEEN 1 AND 5",
          "role_known", ROLE_IN_SEQUENCE + " IN ('initial','continuation','transition','unspecified')",
          "rated_target", ASSET_ID + " IS NOT NULL OR " + GENERATION_ID + " IS NOT NULL"),
      true)
      .withStatsColumns(RATING_KEY, Lineage.EVENT_TIME);

  private SilverBlockFitRatings() {}
}

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
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * {@code silver.block_fit_ratings}: seed 000's BlockImageFit ratings, every rating its own row. The key is the
 * rating itself (the app's rating_id, else the pair, user, role and created_at), so a re-rating of the same pair by
 * the same user and role adds a row and history is kept; {@link #latestPerUserAndRole} is the view of the latest
 * one. The tag snapshots are the ontology IDs the app showed the rater, as recorded.
 */
public final class SilverBlockFitRatings {
  public static final TableId TABLE = TableId.silver("block_fit_ratings");

  /** Stable key: SHA-256 of rating_id when the app gave one, else of the pair, user, role and created_at. */
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
  /** The block's ontology IDs the app showed when the rating was made (null when it recorded none). */
  public static final String BLOCK_TAGS_SNAPSHOT = "block_tags_snapshot";
  /** The asset's ontology IDs the app showed (as compared, implied parents included), or null. */
  public static final String ASSET_TAGS_SNAPSHOT = "asset_tags_snapshot";
  /** The member of a landing tag snapshot object that holds its IDs (seed 000 Task B's shape). */
  public static final String SNAPSHOT_ONTOLOGY_IDS = "ontology_ids";
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
      optional(BLOCK_TAGS_SNAPSHOT, Fields.STRINGS),
      optional(ASSET_TAGS_SNAPSHOT, Fields.STRINGS),
      optional(NOTES, StringType),
      required(CREATED_AT, TimestampType)), Lineage.COLUMNS);

  public static final TableSpec SPEC = new TableSpec(TABLE, SCHEMA, List.of(RATING_KEY), List.of(),
      Map.of(
          "fit_rating_range", FIT_RATING + " BETWEEN 1 AND 5",
          "role_known", ROLE_IN_SEQUENCE + " IN ('initial','continuation','transition','unspecified')",
          "rated_target", ASSET_ID + " IS NOT NULL OR " + GENERATION_ID + " IS NOT NULL"),
      true)
      .withStatsColumns(RATING_KEY, Lineage.EVENT_TIME);

  /** The columns that say whose rating of what in which role: the latest row per these values is "the" rating. */
  public static final List<String> RATER_PAIR = List.of(BLOCK_ID, ASSET_ID, GENERATION_ID, USER_ID, ROLE_IN_SEQUENCE);

  private SilverBlockFitRatings() {}

  /**
   * The view "latest rating per user and role": of {@code ratings} (rows with this table's columns, or gold's), the
   * latest by created_at per {@link #RATER_PAIR} (ties: the greater rating_key). What calibration and the
   * enrichment's rating averages count, so a re-rating does not weigh twice. Cost: one shuffle on the pair.
   */
  public static Dataset<Row> latestPerUserAndRole(Dataset<Row> ratings) {
    Column[] pair = RATER_PAIR.stream().map(functions::col).toArray(Column[]::new);
    WindowSpec latest = Window.partitionBy(pair)
        .orderBy(functions.col(CREATED_AT).desc(), functions.col(RATING_KEY).desc());
    return ratings.withColumn("_latest", functions.row_number().over(latest))
        .where(functions.col("_latest").equalTo(1)).drop("_latest");
  }
}

package io.genlake.table;

import static io.genlake.table.Fields.optional;
import static io.genlake.table.Fields.required;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold.content_rating_violations}: seed 001 phase 8, one row per (not deleted) generation whose
 * requested content rating exceeded what its world or user allowed, so it was clamped down.
 */
public final class GoldContentRatingViolations {
  public static final TableId TABLE = TableId.gold("content_rating_violations");

  public static final String GENERATION_ID = "generation_id";
  public static final String CREATED_AT = "created_at";
  public static final String PROVIDER = "provider";
  public static final String USER_ID = "user_id";
  public static final String INTIMACY_LEVEL_ID = "intimacy_level_id";
  public static final String INTIMACY_BAND = "intimacy_band";
  public static final String REQUESTED_CONTENT_RATING = "requested_content_rating";
  public static final String WORLD_MAX_RATING = "world_max_rating";
  public static final String USER_MAX_RATING = "user_max_rating";
  /** The rating after clamping: the lower of requested, world max and user max. */
  public static final String CONTENT_RATING = "content_rating";
  /** The contentRating the app itself recorded in social_context, if any. */
  public static final String APP_CONTENT_RATING = "app_content_rating";
  /** True when the app's own recorded rating is above the allowed one: it generated beyond the limit. */
  public static final String APP_EXCEEDED_LIMIT = "app_exceeded_limit";

  public static final StructType SCHEMA = Fields.schema(
      required(GENERATION_ID, StringType),
      required(CREATED_AT, TimestampType),
      required(PROVIDER, StringType),
      optional(USER_ID, StringType),
      optional(INTIMACY_LEVEL_ID, StringType),
      optional(INTIMACY_BAND, StringType),
      required(REQUESTED_CONTENT_RATING, StringType),
      optional(WORLD_MAX_RATING, StringType),
      optional(USER_MAX_RATING, StringType),
      required(CONTENT_RATING, StringType),
      optional(APP_CONTENT_RATING, StringType),
      required(APP_EXCEEDED_LIMIT, BooleanType));

  public static final TableSpec SPEC = TableSpec.simple(TABLE, SCHEMA);

  private GoldContentRatingViolations() {}
}

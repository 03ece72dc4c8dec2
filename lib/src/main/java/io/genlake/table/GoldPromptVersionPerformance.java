package io.genlake.table;

import static io.genlake.table.Fields.optional;
import static io.genlake.table.Fields.required;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold.prompt_version_performance}: one row per prompt version (every row of silver.prompt_versions,
 * used or not) with how the generations resolved to it did, and the change from the family's previous version.
 */
public final class GoldPromptVersionPerformance {
  public static final TableId TABLE = TableId.gold("prompt_version_performance");

  public static final String FAMILY_ID = "family_id";
  public static final String FAMILY_NAME = "family_name";
  public static final String VERSION_ID = "version_id";
  public static final String VERSION_NUMBER = "version_number";
  public static final String VERSION_CREATED_AT = "version_created_at";
  /** Not deleted generations whose resolved_prompt_version_id is this version. */
  public static final String GENERATIONS = "generations";
  public static final String FINISHED = "finished";
  public static final String COMPLETED = "completed";
  /** completed / finished (finished = completed + failed + cancelled); null when none finished. */
  public static final String PASS_RATE = "pass_rate";
  /** Block-fit ratings (silver.block_fit_ratings) of those generations, joined by generation_id. */
  public static final String FIT_RATINGS = "fit_ratings";
  public static final String AVG_FIT_RATING = "avg_fit_rating";
  public static final String SELECTED = "selected";
  public static final String REJECTED = "rejected";
  /** selected / (selected + rejected); null when no pick was recorded. */
  public static final String SELECTION_RATE = "selection_rate";
  public static final String FIRST_USED_AT = "first_used_at";
  public static final String LAST_USED_AT = "last_used_at";
  /** The family's version with the next lower version_number, and this version's change against it. */
  public static final String PREVIOUS_VERSION_ID = "previous_version_id";
  public static final String PREVIOUS_VERSION_NUMBER = "previous_version_number";
  public static final String PASS_RATE_CHANGE = "pass_rate_change";
  public static final String AVG_FIT_RATING_CHANGE = "avg_fit_rating_change";
  public static final String SELECTION_RATE_CHANGE = "selection_rate_change";

  public static final StructType SCHEMA = Fields.schema(
      required(FAMILY_ID, StringType),
      optional(FAMILY_NAME, StringType),
      required(VERSION_ID, StringType),
      required(VERSION_NUMBER, IntegerType),
      required(VERSION_CREATED_AT, TimestampType),
      required(GENERATIONS, LongType),
      required(FINISHED, LongType),
      required(COMPLETED, LongType),
      optional(PASS_RATE, DoubleType),
      required(FIT_RATINGS, LongType),
      optional(AVG_FIT_RATING, DoubleType),
      required(SELECTED, LongType),
      required(REJECTED, LongType),
      optional(SELECTION_RATE, DoubleType),
      optional(FIRST_USED_AT, TimestampType),
      optional(LAST_USED_AT, TimestampType),
      optional(PREVIOUS_VERSION_ID, StringType),
      optional(PREVIOUS_VERSION_NUMBER, IntegerType),
      optional(PASS_RATE_CHANGE, DoubleType),
      optional(AVG_FIT_RATING_CHANGE, DoubleType),
      optional(SELECTION_RATE_CHANGE, DoubleType));

  public static final TableSpec SPEC = TableSpec.simple(TABLE, SCHEMA);

  private GoldPromptVersionPerformance() {}
}

package io.genlake.table;

import static io.genlake.table.Fields.optional;
import static io.genlake.table.Fields.required;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold.session_stats}: seed 002's get_session_stats for every session with outcomes: rated images and
 * unrated generations judged ok / ko, liked, thumbs up (perfect) and down (imperfect), failures per category.
 * Sessions flagged test or deleted are absent unless failure.include_test_sessions.
 */
public final class GoldSessionStats {
  public static final TableId TABLE = TableId.gold("session_stats");

  public static final String SESSION_ID = "session_id";
  /** From silver.sessions; null when the session is not there. */
  public static final String FOLDER_NAME = "folder_name";
  /** The session metadata's model_name. */
  public static final String MODEL = "model";
  public static final String OUTCOMES = "outcomes";
  public static final String OK = "ok";
  public static final String KO = "ko";
  public static final String LIKED = "liked";
  public static final String PERFECT = "perfect";
  public static final String IMPERFECT = "imperfect";
  /** ko / outcomes. */
  public static final String FAILURE_RATE = "failure_rate";
  public static final String FAILURES_BY_CATEGORY = "failures_by_category";

  public static final StructType SCHEMA = Fields.schema(
      required(SESSION_ID, StringType),
      optional(FOLDER_NAME, StringType),
      optional(MODEL, StringType),
      required(OUTCOMES, LongType),
      required(OK, LongType),
      required(KO, LongType),
      required(LIKED, LongType),
      required(PERFECT, LongType),
      required(IMPERFECT, LongType),
      required(FAILURE_RATE, DoubleType),
      required(FAILURES_BY_CATEGORY, GoldCategoryStats.LONG_MAP));

  public static final TableSpec SPEC = TableSpec.simple(TABLE, SCHEMA);

  private GoldSessionStats() {}
}

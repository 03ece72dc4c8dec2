package io.genlake.table;

import static io.genlake.table.Fields.optional;
import static io.genlake.table.Fields.required;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import org.apache.spark.sql.types.StructType;

/** {@code gold.feedback_patterns}: Effectiveness per feedback category (seed 004's get_feedback_patterns): uses, success rate, average score of the attempts the feedback was applied to. */
public final class GoldFeedbackPatterns {
  public static final TableId TABLE = TableId.gold("feedback_patterns");

  /** One of seed 004's six categories, or 'other'. */
  public static final String FEEDBACK_CATEGORY = "feedback_category";
  public static final String USES = "uses";
  public static final String SUCCESSES = "successes";
  /** successes / uses, 0..1. */
  public static final String SUCCESS_RATE = "success_rate";
  public static final String AVG_SCORE = "avg_score";
  /** Wilson 95% interval of success_rate. */
  public static final String CI_LOW = "ci_low";
  public static final String CI_HIGH = "ci_high";

  public static final StructType SCHEMA = Fields.schema(
      required(FEEDBACK_CATEGORY, StringType),
      required(USES, LongType),
      required(SUCCESSES, LongType),
      required(SUCCESS_RATE, DoubleType),
      optional(AVG_SCORE, DoubleType),
      required(CI_LOW, DoubleType),
      required(CI_HIGH, DoubleType));

  public static final TableSpec SPEC = TableSpec.simple(TABLE, SCHEMA);

  private GoldFeedbackPatterns() {}
}

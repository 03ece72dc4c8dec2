package io.genlake.table;

import static io.genlake.table.Fields.optional;
import static io.genlake.table.Fields.required;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold.feedback_suggestions}: seed 004's auto-feedback: for each recurring issue of a failed attempt
 * (physics issue, red flag, failure category) and each material category, the feedback texts that were followed by
 * a pass most often. An attempt with feedback answers the attempt before it in its retry chain (same category and
 * material, by time); near-duplicate texts are merged (failure.suggestions.similarity). Ranked by the Wilson lower
 * bound of the success rate, failure.suggestions.per_scope per scope, texts used at least
 * failure.suggestions.min_uses times.
 */
public final class GoldFeedbackSuggestions {
  public static final TableId TABLE = TableId.gold("feedback_suggestions");

  /** physics_issue | red_flag | failure_category (of the attempt answered) | category (material category). */
  public static final String SCOPE_KIND = "scope_kind";
  /** The issue, failure category or material category. */
  public static final String SCOPE = "scope";
  /** 1 = best. */
  public static final String RANK = "rank";
  /** The most used text of the merged group, as written. */
  public static final String FEEDBACK_TEXT = "feedback_text";
  /** The group's most common feedback category. */
  public static final String FEEDBACK_CATEGORY = "feedback_category";
  /** Distinct texts merged into the group. */
  public static final String VARIANTS = "variants";
  public static final String USES = "uses";
  /** Uses followed by a pass (the attempt with the feedback passed). */
  public static final String SUCCESSES = "successes";
  public static final String SUCCESS_RATE = "success_rate";
  /** 95% Wilson interval of success_rate. */
  public static final String CI_LOW = "ci_low";
  public static final String CI_HIGH = "ci_high";
  /** Mean realism score change from the attempt answered to the attempt with the feedback (both in range). */
  public static final String AVG_SCORE_GAIN = "avg_score_gain";

  public static final StructType SCHEMA = Fields.schema(
      required(SCOPE_KIND, StringType),
      required(SCOPE, StringType),
      required(RANK, IntegerType),
      required(FEEDBACK_TEXT, StringType),
      optional(FEEDBACK_CATEGORY, StringType),
      required(VARIANTS, IntegerType),
      required(USES, LongType),
      required(SUCCESSES, LongType),
      required(SUCCESS_RATE, DoubleType),
      required(CI_LOW, DoubleType),
      required(CI_HIGH, DoubleType),
      optional(AVG_SCORE_GAIN, DoubleType));

  public static final TableSpec SPEC = TableSpec.simple(TABLE, SCHEMA);

  private GoldFeedbackSuggestions() {}
}

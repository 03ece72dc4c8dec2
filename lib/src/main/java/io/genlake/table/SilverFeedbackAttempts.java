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

/** {@code silver.feedback_attempts}: seed 004's generation_attempts, every column of its schema. */
public final class SilverFeedbackAttempts {
  public static final TableId TABLE = TableId.silver("feedback_attempts");

  public static final String ATTEMPT_ID = "attempt_id";
  /** Seed 004's {@code timestamp}. */
  public static final String ATTEMPTED_AT = "attempted_at";
  public static final String MATERIAL = "material";
  public static final String CATEGORY = "category";
  public static final String MODEL_NAME = "model_name";
  public static final String GEN_PROMPT_LENGTH = "gen_prompt_length";
  public static final String GUIDANCE_SCALE = "guidance_scale";
  public static final String CONTAMINATION_UNIFORMITY = "contamination_uniformity";
  public static final String VIEW_MODE = "view_mode";
  public static final String PATTERNS_USED = "patterns_used";
  public static final String FEEDBACK_APPLIED = "feedback_applied";
  public static final String FEEDBACK_TEXT = "feedback_text";
  public static final String FEEDBACK_CATEGORY = "feedback_category";
  public static final String FEEDBACK_SOURCE = "feedback_source";
  public static final String VAL_PROMPT_LENGTH = "val_prompt_length";
  public static final String VAL_TRUNCATED = "val_truncated";
  public static final String REALISM_SCORE = "realism_score";
  public static final String PASSED = "passed";
  public static final String PHYSICS_ISSUES = "physics_issues";
  public static final String RED_FLAGS = "red_flags";
  public static final String FAILURE_CATEGORY = "failure_category";
  public static final String RETRY_COUNT = "retry_count";
  public static final String FINAL_SUCCESS = "final_success";
  public static final String IMAGE_PATH = "image_path";
  public static final String IMAGE_SIZE_KB = "image_size_kb";
  public static final String NOTES = "notes";

  public static final List<String> FEEDBACK_CATEGORIES = List.of(
      "physics", "material_behavior", "contamination", "object_realism", "aesthetics", "scale");
  public static final List<String> FEEDBACK_SOURCES = List.of("user", "automated", "system");

  public static final StructType SCHEMA = Fields.schema(List.of(
      required(ATTEMPT_ID, StringType),
      required(ATTEMPTED_AT, TimestampType),
      required(MATERIAL, StringType),
      required(CATEGORY, StringType),
      optional(MODEL_NAME, StringType),
      optional(GEN_PROMPT_LENGTH, IntegerType),
      optional(GUIDANCE_SCALE, DoubleType),
      optional(CONTAMINATION_UNIFORMITY, IntegerType),
      optional(VIEW_MODE, StringType),
      required(PATTERNS_USED, Fields.STRINGS),
      required(FEEDBACK_APPLIED, BooleanType),
      optional(FEEDBACK_TEXT, StringType),
      optional(FEEDBACK_CATEGORY, StringType),
      optional(FEEDBACK_SOURCE, StringType),
      optional(VAL_PROMPT_LENGTH, IntegerType),
      optional(VAL_TRUNCATED, BooleanType),
      optional(REALISM_SCORE, IntegerType),
      required(PASSED, BooleanType),
      required(PHYSICS_ISSUES, Fields.STRINGS),
      required(RED_FLAGS, Fields.STRINGS),
      optional(FAILURE_CATEGORY, StringType),
      optional(RETRY_COUNT, IntegerType),
      optional(FINAL_SUCCESS, BooleanType),
      optional(IMAGE_PATH, StringType),
      optional(IMAGE_SIZE_KB, DoubleType),
      optional(NOTES, StringType)), Lineage.COLUMNS);

  public static final TableSpec SPEC = new TableSpec(TABLE, SCHEMA, List.of(ATTEMPT_ID), List.of(),
      Map.of(
          "realism_score_range", REALISM_SCORE + " IS NULL OR " + REALISM_SCORE + " BETWEEN 0 AND 100",
          "retry_count_non_negative", RETRY_COUNT + " IS NULL OR " + RETRY_COUNT + " >= 0",
          "feedback_category_known", FEEDBACK_CATEGORY + " IS NULL OR " + FEEDBACK_CATEGORY
              + " IN ('physics','material_behavior','contamination','object_realism','aesthetics','scale')",
          "feedback_source_known", FEEDBACK_SOURCE + " IS NULL OR " + FEEDBACK_SOURCE + " IN ('user','automated','system')"),
      true)
      .withStatsColumns(ATTEMPT_ID, Lineage.EVENT_TIME, CATEGORY);

  private SilverFeedbackAttempts() {}
}

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
 * {@code silver.image_ratings}: seed 002's images table, one row per image: ok/ko status, thumbs
 * (technical_quality), like, failure category and notes, soft delete. Fields often needed from the image's
 * JSON metadata (seed, prompt, variations, dimensions, generation parameters) are lifted into columns; {@code metadata}
 * keeps it whole. {@code ml_prediction} carries the images table's ml_predictions (seed 002) typed.
 */
public final class SilverImageRatings {
  public static final TableId TABLE = TableId.silver("image_ratings");

  public static final String IMAGE_ID = "image_id";
  public static final String SESSION_ID = "session_id";
  public static final String FILENAME = "filename";
  public static final String STATUS = "status";
  public static final String TECHNICAL_QUALITY = "technical_quality";
  public static final String IS_LIKED = "is_liked";
  public static final String FAILURE_CATEGORY = "failure_category";
  public static final String FAILURE_NOTES = "failure_notes";
  public static final String METADATA = "metadata";
  public static final String GENERATION_ID = "generation_id";
  public static final String ASSET_ID = "asset_id";
  public static final String MODEL_NAME = "model_name";
  public static final String SEED = "seed";
  public static final String PROMPT = "prompt";
  public static final String NEGATIVE_PROMPT = "negative_prompt";
  public static final String VARIATIONS = "variations";
  public static final String WIDTH = "width";
  public static final String HEIGHT = "height";
  public static final String NOTES = "notes";
  public static final String IS_DELETED = "is_deleted";
  public static final String CREATED_AT = "created_at";
  public static final String UPDATED_AT = "updated_at";
  /** Generation parameters recorded in the image's metadata (PNG metadata, manifest), when present. */
  public static final String CHECKPOINT = "checkpoint";
  public static final String SAMPLER = "sampler";
  public static final String STEPS = "steps";
  public static final String CFG_SCALE = "cfg_scale";
  /** metadata.template (alias template_name). */
  public static final String TEMPLATE = "template";
  /** Seed 002's images.ml_predictions, typed: {@link #ML_PREDICTION_TYPE}; null when the image has none. */
  public static final String ML_PREDICTION = "ml_prediction";
  public static final String PREDICTED_CATEGORY = "predicted_category";
  public static final String CONFIDENCE = "confidence";
  public static final String MODEL_VERSION = "model_version";

  /** {@code struct<predicted_category: string, confidence: double (0..1), model_version: string>}. */
  public static final StructType ML_PREDICTION_TYPE = new StructType()
      .add(PREDICTED_CATEGORY, StringType, true)
      .add(CONFIDENCE, DoubleType, true)
      .add(MODEL_VERSION, StringType, true);

  public static final List<String> STATUSES = List.of("ok", "ko");
  public static final List<String> TECHNICAL_QUALITIES = List.of("perfect", "imperfect");
  public static final List<String> FAILURE_CATEGORIES = List.of("malformed", "noise", "incomplete", "off_prompt");

  public static final StructType SCHEMA = Fields.schema(List.of(
      required(IMAGE_ID, StringType),
      required(SESSION_ID, StringType),
      required(FILENAME, StringType),
      required(STATUS, StringType),
      optional(TECHNICAL_QUALITY, StringType),
      required(IS_LIKED, BooleanType),
      optional(FAILURE_CATEGORY, StringType),
      optional(FAILURE_NOTES, StringType),
      optional(METADATA, StringType),
      optional(GENERATION_ID, StringType),
      optional(ASSET_ID, StringType),
      optional(MODEL_NAME, StringType),
      optional(SEED, LongType),
      optional(PROMPT, StringType),
      optional(NEGATIVE_PROMPT, StringType),
      required(VARIATIONS, Fields.STRING_MAP),
      optional(WIDTH, IntegerType),
      optional(HEIGHT, IntegerType),
      optional(NOTES, StringType),
      required(IS_DELETED, BooleanType),
      required(CREATED_AT, TimestampType),
      optional(UPDATED_AT, TimestampType),
      optional(CHECKPOINT, StringType),
      optional(SAMPLER, StringType),
      optional(STEPS, IntegerType),
      optional(CFG_SCALE, DoubleType),
      optional(TEMPLATE, StringType),
      optional(ML_PREDICTION, ML_PREDICTION_TYPE)), Lineage.COLUMNS);

  public static final TableSpec SPEC = new TableSpec(TABLE, SCHEMA, List.of(IMAGE_ID), List.of(),
      Map.of(
          "status_known", STATUS + " IN ('ok','ko')",
          "technical_quality_known", TECHNICAL_QUALITY + " IS NULL OR " + TECHNICAL_QUALITY + " IN ('perfect','imperfect')",
          "failure_category_known", FAILURE_CATEGORY + " IS NULL OR " + FAILURE_CATEGORY
              + " IN ('malformed','noise','incomplete','off_prompt')"),
      true)
      .withStatsColumns(IMAGE_ID, Lineage.EVENT_TIME, SESSION_ID);

  private SilverImageRatings() {}
}

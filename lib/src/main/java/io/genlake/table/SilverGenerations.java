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
 * {@code silver.generations}: one row per generation (seed 001's unified Generation), latest event wins.
 * The enrichment columns at the end are filled by the enrich step, null until it has run.
 */
public final class SilverGenerations {
  public static final TableId TABLE = TableId.silver("generations");

  public static final String GENERATION_ID = "generation_id";
  public static final String CREATED_AT = "created_at";
  public static final String COMPLETED_AT = "completed_at";
  public static final String UPDATED_AT = "updated_at";
  public static final String STATUS = "status";
  public static final String OPERATION_TYPE = "operation_type";
  public static final String PROVIDER = "provider";
  public static final String MODEL_FAMILY = "model_family";
  public static final String MODEL_NAME = "model_name";
  public static final String CHECKPOINT = "checkpoint";
  public static final String LORAS = "loras";
  public static final String FINAL_PROMPT = "final_prompt";
  public static final String NEGATIVE_PROMPT = "negative_prompt";
  public static final String PROMPT_VERSION_ID = "prompt_version_id";
  /** The prompt_config object as JSON text, exactly as received. */
  public static final String PROMPT_CONFIG = "prompt_config";
  public static final String CFG_SCALE = "cfg_scale";
  public static final String STEPS = "steps";
  public static final String SAMPLER = "sampler";
  public static final String SCHEDULER = "scheduler";
  public static final String SEED = "seed";
  public static final String WIDTH = "width";
  public static final String HEIGHT = "height";
  /** The whole parameters object as JSON text, including keys without a column of their own. */
  public static final String PARAMETERS = "parameters";
  public static final String VARIATIONS = "variations";
  public static final String SESSION_ID = "session_id";
  public static final String TEMPLATE = "template";
  public static final String USER_ID = "user_id";
  public static final String COST_USD = "cost_usd";
  public static final String LATENCY_MS = "latency_ms";
  public static final String ERROR_MESSAGE = "error_message";
  public static final String ASSET_IDS = "asset_ids";
  /** selected | rejected | null: the user's pick among candidates, when the app recorded one. */
  public static final String SELECTION = "selection";
  /** The social context object as JSON text (seed 001 phase 4), when present. */
  public static final String SOCIAL_CONTEXT = "social_context";
  public static final String IS_DELETED = "is_deleted";

  // enrichment (filled by the enrich step)
  public static final String CANONICAL_HASH = "canonical_hash";
  public static final String RESOLVED_PROMPT = "resolved_prompt";
  public static final String RESOLVED_PROMPT_VERSION_ID = "resolved_prompt_version_id";
  public static final String PROMPT_SOURCE_TYPE = "prompt_source_type";
  public static final String PROMPT_RESOLUTION_STATUS = "prompt_resolution_status";
  public static final String UNRESOLVED_PLACEHOLDERS = "unresolved_placeholders";
  public static final String REQUESTED_CONTENT_RATING = "requested_content_rating";
  public static final String CONTENT_RATING = "content_rating";
  public static final String ENRICHED_AT = "enriched_at";

  public static final List<String> STATUSES = List.of("pending", "processing", "completed", "failed", "cancelled");
  public static final List<String> OPERATION_TYPES = List.of(
      "text_to_image", "image_to_image", "text_to_video", "image_to_video", "video_extend", "upscale", "inpaint");
  public static final List<String> SELECTIONS = List.of("selected", "rejected");

  public static final StructType SCHEMA = Fields.schema(List.of(
      required(GENERATION_ID, StringType),
      required(CREATED_AT, TimestampType),
      optional(COMPLETED_AT, TimestampType),
      optional(UPDATED_AT, TimestampType),
      required(STATUS, StringType),
      required(OPERATION_TYPE, StringType),
      required(PROVIDER, StringType),
      optional(MODEL_FAMILY, StringType),
      optional(MODEL_NAME, StringType),
      optional(CHECKPOINT, StringType),
      required(LORAS, Fields.LORAS),
      optional(FINAL_PROMPT, StringType),
      optional(NEGATIVE_PROMPT, StringType),
      optional(PROMPT_VERSION_ID, StringType),
      optional(PROMPT_CONFIG, StringType),
      optional(CFG_SCALE, DoubleType),
      optional(STEPS, IntegerType),
      optional(SAMPLER, StringType),
      optional(SCHEDULER, StringType),
      optional(SEED, LongType),
      optional(WIDTH, IntegerType),
      optional(HEIGHT, IntegerType),
      optional(PARAMETERS, StringType),
      required(VARIATIONS, Fields.STRING_MAP),
      optional(SESSION_ID, StringType),
      optional(TEMPLATE, StringType),
      optional(USER_ID, StringType),
      optional(COST_USD, DoubleType),
      optional(LATENCY_MS, LongType),
      optional(ERROR_MESSAGE, StringType),
      required(ASSET_IDS, Fields.STRINGS),
      optional(SELECTION, StringType),
      optional(SOCIAL_CONTEXT, StringType),
      required(IS_DELETED, BooleanType),
      optional(CANONICAL_HASH, StringType),
      optional(RESOLVED_PROMPT, StringType),
      optional(RESOLVED_PROMPT_VERSION_ID, StringType),
      optional(PROMPT_SOURCE_TYPE, StringType),
      optional(PROMPT_RESOLUTION_STATUS, StringType),
      optional(UNRESOLVED_PLACEHOLDERS, Fields.STRINGS),
      optional(REQUESTED_CONTENT_RATING, StringType),
      optional(CONTENT_RATING, StringType),
      optional(ENRICHED_AT, TimestampType)), Lineage.COLUMNS);

  public static final TableSpec SPEC = new TableSpec(TABLE, SCHEMA, List.of(GENERATION_ID), List.of(),
      Map.of(
          "status_known", STATUS + " IN ('pending','processing','completed','failed','cancelled')",
          "steps_positive", STEPS + " IS NULL OR " + STEPS + " > 0",
          "cost_non_negative", COST_USD + " IS NULL OR " + COST_USD + " >= 0",
          "latency_non_negative", LATENCY_MS + " IS NULL OR " + LATENCY_MS + " >= 0"),
      true)
      .withStatsColumns(GENERATION_ID, Lineage.EVENT_TIME, MODEL_NAME, CHECKPOINT);

  private SilverGenerations() {}
}

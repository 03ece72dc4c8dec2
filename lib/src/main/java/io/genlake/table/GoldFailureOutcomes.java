package io.genlake.table;

import static io.genlake.table.Fields.optional;
import static io.genlake.table.Fields.required;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold.failure_outcomes}: one row per judged outcome that failure analytics count (a rated image, an
 * unrated generation, a seed 004 attempt), with its attributes resolved through the hierarchy image metadata →
 * generation → session metadata, where each attribute came from, and its pattern items. Kept up to date from the
 * silver inputs' change feeds (Change Data Feed on: the failure step's additive aggregates read this table's
 * changes). Key: (kind, outcome_id).
 */
public final class GoldFailureOutcomes {
  public static final TableId TABLE = TableId.gold("failure_outcomes");

  /** attempt | generation: the analytics source (rated images and unrated generations are both generation). */
  public static final String SOURCE = "source";
  /** image | generation | attempt: what the outcome row is (the key's first part). */
  public static final String KIND = "kind";
  /** Image id, generation id or attempt id. */
  public static final String OUTCOME_ID = "outcome_id";
  /** Resolved model; 'unknown' when no source names one. */
  public static final String MODEL = "model";
  /** The generation's provider; 'unknown' for images without a generation and for attempts. */
  public static final String PROVIDER = "provider";
  public static final String OCCURRED_AT = "occurred_at";
  public static final String FAILED = "failed";
  /** Null for a pass. */
  public static final String FAILURE_CATEGORY = "failure_category";
  /** Attempts' in-range realism score (0..100). */
  public static final String SCORE = "score";
  /** Attempts' material category. */
  public static final String MATERIAL_CATEGORY = "material_category";
  public static final String CHECKPOINT = "checkpoint";
  public static final String SAMPLER = "sampler";
  public static final String CFG_SCALE = "cfg_scale";
  public static final String STEPS = "steps";
  public static final String TEMPLATE = "template";
  public static final String SESSION_ID = "session_id";
  /** The generation the outcome belongs to (a rated image's generation_id, an unrated generation's own id). */
  public static final String GENERATION_ID = "generation_id";
  /** Pattern items, {@code Dimension=value}. */
  public static final String ITEMS = "items";
  /** False when a generation outcome had no variations map entries (mined on its parameters only). */
  public static final String HAS_VARIATIONS = "has_variations";
  /** Attribute (model, checkpoint, sampler, steps, cfg_scale, template, variations) to image | generation | session | attempt. */
  public static final String ATTRIBUTE_SOURCES = "attribute_sources";
  /** Rated images: seed 002's is_liked and technical_quality. */
  public static final String LIKED = "liked";
  public static final String TECHNICAL_QUALITY = "technical_quality";

  public static final List<String> KEY = List.of(KIND, OUTCOME_ID);

  public static final StructType SCHEMA = Fields.schema(
      required(SOURCE, StringType),
      required(KIND, StringType),
      required(OUTCOME_ID, StringType),
      required(MODEL, StringType),
      required(PROVIDER, StringType),
      required(OCCURRED_AT, TimestampType),
      required(FAILED, BooleanType),
      optional(FAILURE_CATEGORY, StringType),
      optional(SCORE, DoubleType),
      optional(MATERIAL_CATEGORY, StringType),
      optional(CHECKPOINT, StringType),
      optional(SAMPLER, StringType),
      optional(CFG_SCALE, DoubleType),
      optional(STEPS, IntegerType),
      optional(TEMPLATE, StringType),
      optional(SESSION_ID, StringType),
      optional(GENERATION_ID, StringType),
      required(ITEMS, Fields.STRINGS),
      required(HAS_VARIATIONS, BooleanType),
      required(ATTRIBUTE_SOURCES, Fields.STRING_MAP),
      optional(LIKED, BooleanType),
      optional(TECHNICAL_QUALITY, StringType));

  public static final TableSpec SPEC = new TableSpec(TABLE, SCHEMA, KEY, List.of(), Map.of(), true)
      .withStatsColumns(KIND, OUTCOME_ID, OCCURRED_AT);

  private GoldFailureOutcomes() {}
}

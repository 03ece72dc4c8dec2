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
 * {@code silver.sessions}: seed 002's generation sessions (one output folder each) with their flags.
 * {@code metadata} is the session's JSON metadata as received; often-used fields are lifted into columns (model,
 * hash, template and the generation_params object's checkpoint, sampler, scheduler, steps, cfg_scale).
 */
public final class SilverSessions {
  public static final TableId TABLE = TableId.silver("sessions");

  public static final String SESSION_ID = "session_id";
  public static final String FOLDER_NAME = "folder_name";
  public static final String CREATED_AT = "created_at";
  public static final String IS_TEST = "is_test";
  public static final String IS_FAILED = "is_failed";
  public static final String IS_ARCHIVED = "is_archived";
  public static final String IS_DELETED = "is_deleted";
  public static final String METADATA = "metadata";
  public static final String MODEL_NAME = "model_name";
  public static final String TEMPLATE_NAME = "template_name";
  /** metadata.model_hash: the checkpoint file's hash. */
  public static final String MODEL_HASH = "model_hash";
  /**
   * The session's generation parameters (seed 002: metadata.generation_params; a key at the top level of metadata
   * is read too). Failure analytics resolve an image's attributes from these when neither the image nor its
   * generation has them.
   */
  public static final String CHECKPOINT = "checkpoint";
  public static final String SAMPLER = "sampler";
  public static final String SCHEDULER = "scheduler";
  public static final String STEPS = "steps";
  public static final String CFG_SCALE = "cfg_scale";
  public static final String DISPLAY_NAME = "display_name";
  public static final String NOTES = "notes";
  public static final String UPDATED_AT = "updated_at";

  public static final StructType SCHEMA = Fields.schema(List.of(
      required(SESSION_ID, StringType),
      required(FOLDER_NAME, StringType),
      required(CREATED_AT, TimestampType),
      required(IS_TEST, BooleanType),
      required(IS_FAILED, BooleanType),
      required(IS_ARCHIVED, BooleanType),
      required(IS_DELETED, BooleanType),
      optional(METADATA, StringType),
      optional(MODEL_NAME, StringType),
      optional(TEMPLATE_NAME, StringType),
      optional(DISPLAY_NAME, StringType),
      optional(NOTES, StringType),
      optional(UPDATED_AT, TimestampType),
      optional(MODEL_HASH, StringType),
      optional(CHECKPOINT, StringType),
      optional(SAMPLER, StringType),
      optional(SCHEDULER, StringType),
      optional(STEPS, IntegerType),
      optional(CFG_SCALE, DoubleType)), Lineage.COLUMNS);

  public static final TableSpec SPEC = new TableSpec(TABLE, SCHEMA, List.of(SESSION_ID), List.of(), Map.of(), true)
      .withStatsColumns(SESSION_ID, Lineage.EVENT_TIME);

  private SilverSessions() {}
}

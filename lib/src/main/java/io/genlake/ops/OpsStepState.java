package io.genlake.ops;

import static io.genlake.table.Fields.optional;
import static io.genlake.table.Fields.required;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import io.genlake.table.Fields;
import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import org.apache.spark.sql.types.StructType;

/**
 * {@code ops.step_state}: for each pipeline step, the Delta version of every input table it last processed
 * successfully, and the configuration it ran with. Incremental steps read changes after these versions; the
 * nightly run skips a step whose inputs and configuration are unchanged; VACUUM keeps these versions.
 */
public final class OpsStepState {
  public static final TableId TABLE = TableId.ops("step_state");

  public static final String STEP = "step";
  public static final String INPUT_TABLE = "input_table";
  public static final String VERSION = "version";
  public static final String CONFIG_HASH = "config_hash";
  public static final String RUN_ID = "run_id";
  public static final String RECORDED_AT = "recorded_at";

  public static final StructType SCHEMA = Fields.schema(
      required(STEP, StringType),
      required(INPUT_TABLE, StringType),
      required(VERSION, LongType),
      optional(CONFIG_HASH, StringType),
      required(RUN_ID, StringType),
      required(RECORDED_AT, TimestampType));

  public static final TableSpec SPEC = TableSpec.simple(TABLE, SCHEMA);

  private OpsStepState() {}
}

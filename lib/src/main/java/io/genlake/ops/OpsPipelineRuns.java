package io.genlake.ops;

import static io.genlake.table.Fields.optional;
import static io.genlake.table.Fields.required;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import io.genlake.table.Fields;
import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructType;

/** {@code ops.pipeline_runs}: one row per job run (and per step of a nightly run). */
public final class OpsPipelineRuns {
  public static final TableId TABLE = TableId.ops("pipeline_runs");

  public static final String RUN_ID = "run_id";
  public static final String PARENT_RUN_ID = "parent_run_id";
  public static final String JOB = "job";
  public static final String ARGUMENTS = "arguments";
  public static final String RUN_DATE = "run_date";
  public static final String STARTED_AT = "started_at";
  public static final String ENDED_AT = "ended_at";
  /** succeeded | partial | failed | skipped. */
  public static final String STATUS = "status";
  public static final String COUNTS = "counts";
  public static final String TABLES = "tables";
  public static final String NOTES = "notes";
  public static final String ERROR = "error";

  public static final StructType TABLE_WRITE = Fields.schema(
      optional("table", StringType),
      optional("rows_in", LongType),
      optional("rows_out", LongType),
      optional("delta_version", LongType));
  static final MapType COUNTS_TYPE = DataTypes.createMapType(StringType, LongType, true);
  static final ArrayType TABLES_TYPE = DataTypes.createArrayType(TABLE_WRITE, true);

  public static final StructType SCHEMA = Fields.schema(
      required(RUN_ID, StringType),
      optional(PARENT_RUN_ID, StringType),
      required(JOB, StringType),
      required(ARGUMENTS, StringType),
      optional(RUN_DATE, StringType),
      required(STARTED_AT, TimestampType),
      required(ENDED_AT, TimestampType),
      required(STATUS, StringType),
      required(COUNTS, COUNTS_TYPE),
      required(TABLES, TABLES_TYPE),
      required(NOTES, Fields.STRINGS),
      optional(ERROR, StringType));

  public static final TableSpec SPEC = TableSpec.simple(TABLE, SCHEMA);

  private OpsPipelineRuns() {}
}

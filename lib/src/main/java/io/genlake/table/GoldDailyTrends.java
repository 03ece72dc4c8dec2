package io.genlake.table;

import static io.genlake.table.Fields.optional;
import static io.genlake.table.Fields.required;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import org.apache.spark.sql.types.StructType;

/** {@code gold.daily_trends}: Pass and failure rates per day and per ISO week (Monday start), per source and model. Days without outcomes inside a model's date range are present with outcomes 0 and null rates. */
public final class GoldDailyTrends {
  public static final TableId TABLE = TableId.gold("daily_trends");

  /** day | week. */
  public static final String PERIOD = "period";
  /** The day, or the Monday that starts the week (UTC). */
  public static final String PERIOD_START = "period_start";
  /** attempt | generation. */
  public static final String SOURCE = "source";
  /** 'unknown' when the outcome named none. */
  public static final String MODEL = "model";
  public static final String OUTCOMES = "outcomes";
  public static final String FAILURES = "failures";
  /** Null on an empty day. */
  public static final String FAILURE_RATE = "failure_rate";
  /** Null on an empty day. */
  public static final String PASS_RATE = "pass_rate";

  public static final StructType SCHEMA = Fields.schema(
      required(PERIOD, StringType),
      required(PERIOD_START, DateType),
      required(SOURCE, StringType),
      required(MODEL, StringType),
      required(OUTCOMES, LongType),
      required(FAILURES, LongType),
      optional(FAILURE_RATE, DoubleType),
      optional(PASS_RATE, DoubleType));

  public static final TableSpec SPEC = TableSpec.simple(TABLE, SCHEMA);

  private GoldDailyTrends() {}
}

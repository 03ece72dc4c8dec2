package io.genlake.table;

import static io.genlake.table.Fields.optional;
import static io.genlake.table.Fields.required;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold.daily_trends}: failure and pass rates per day and per trend period (failure.trends.period_days,
 * default 7: ISO weeks starting Monday, UTC) for each series: a source's all / model / provider (generations) and
 * all / material_category / model (attempts). Rates carry their 95% Wilson interval; periods with fewer than
 * failure.trends.min_outcomes outcomes are marked unreliable; each reliable period is compared with the one before
 * (Newcombe's interval of the difference): the change feeds the alerts. Empty periods inside a series' range are
 * present with outcomes 0 and null rates.
 */
public final class GoldDailyTrends {
  public static final TableId TABLE = TableId.gold("daily_trends");

  /** day | week | {@code <n>d} (the configured period of n days). */
  public static final String PERIOD = "period";
  /** The day, or the first day of the period (Monday for weeks, UTC). */
  public static final String PERIOD_START = "period_start";
  /** attempt | generation. */
  public static final String SOURCE = "source";
  /** all | model | provider | material_category. */
  public static final String DIMENSION = "dimension";
  /** The series' value ('unknown' when the outcomes named none; 'all' for the source's whole series). */
  public static final String VALUE = "value";
  public static final String OUTCOMES = "outcomes";
  public static final String FAILURES = "failures";
  /** Null on an empty period. */
  public static final String FAILURE_RATE = "failure_rate";
  /** Null on an empty period. */
  public static final String PASS_RATE = "pass_rate";
  /** 95% Wilson interval of failure_rate; null on an empty period. */
  public static final String CI_LOW = "ci_low";
  public static final String CI_HIGH = "ci_high";
  /** outcomes >= failure.trends.min_outcomes. */
  public static final String RELIABLE = "reliable";
  /** Against the previous period, both reliable: up | down (failure rate moved beyond the difference's interval) | none; else null. */
  public static final String CHANGE = "change";
  /** Newcombe 95% interval of failure_rate minus the previous period's; null when change is null. */
  public static final String CHANGE_LOW = "change_low";
  public static final String CHANGE_HIGH = "change_high";

  public static final StructType SCHEMA = Fields.schema(
      required(PERIOD, StringType),
      required(PERIOD_START, DateType),
      required(SOURCE, StringType),
      required(DIMENSION, StringType),
      required(VALUE, StringType),
      required(OUTCOMES, LongType),
      required(FAILURES, LongType),
      optional(FAILURE_RATE, DoubleType),
      optional(PASS_RATE, DoubleType),
      optional(CI_LOW, DoubleType),
      optional(CI_HIGH, DoubleType),
      required(RELIABLE, BooleanType),
      optional(CHANGE, StringType),
      optional(CHANGE_LOW, DoubleType),
      optional(CHANGE_HIGH, DoubleType));

  public static final TableSpec SPEC = TableSpec.simple(TABLE, SCHEMA);

  private GoldDailyTrends() {}
}

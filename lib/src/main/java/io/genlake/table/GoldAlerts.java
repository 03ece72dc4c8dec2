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

/**
 * {@code gold.alerts}: the alerts the failure step's rules (failure.alerts) raise on the current data, most severe
 * first: a pass rate below its threshold over the last days, a new significant failure pattern, a failure rate that
 * at least doubled against the days before, a trend period whose failure rate moved up beyond its interval. Windows
 * end at the latest outcome's day, so the same data always raise the same alerts.
 */
public final class GoldAlerts {
  public static final TableId TABLE = TableId.gold("alerts");

  /** pass_rate_below | new_pattern | failure_rate_increase | trend_change. */
  public static final String RULE = "rule";
  /** info | warning | critical. */
  public static final String SEVERITY = "severity";
  /** attempt | generation. */
  public static final String SOURCE = "source";
  /** What the alert is about, e.g. {@code material_category=wood_hardwood} or {@code sd-v1.5: Expression=angry & Pose=profile}. */
  public static final String SUBJECT = "subject";
  /** One sentence for people: what happened, with the numbers. */
  public static final String MESSAGE = "message";
  /** pass_rate | failure_rate. */
  public static final String METRIC = "metric";
  public static final String VALUE = "value";
  /** The rule's threshold, or the comparison window's rate. */
  public static final String REFERENCE = "reference";
  /** 95% interval of value (Wilson), or of the difference (Newcombe) for increases and changes. */
  public static final String CI_LOW = "ci_low";
  public static final String CI_HIGH = "ci_high";
  /** Outcomes behind value. */
  public static final String OUTCOMES = "outcomes";
  public static final String WINDOW_START = "window_start";
  public static final String WINDOW_END = "window_end";
  /** Further numbers, named (counts, the previous window, q-value, ...). */
  public static final String EVIDENCE = "evidence";

  public static final StructType SCHEMA = Fields.schema(
      required(RULE, StringType),
      required(SEVERITY, StringType),
      required(SOURCE, StringType),
      required(SUBJECT, StringType),
      required(MESSAGE, StringType),
      required(METRIC, StringType),
      required(VALUE, DoubleType),
      optional(REFERENCE, DoubleType),
      optional(CI_LOW, DoubleType),
      optional(CI_HIGH, DoubleType),
      required(OUTCOMES, LongType),
      required(WINDOW_START, DateType),
      required(WINDOW_END, DateType),
      required(EVIDENCE, Fields.STRING_MAP));

  public static final TableSpec SPEC = TableSpec.simple(TABLE, SCHEMA);

  private GoldAlerts() {}
}

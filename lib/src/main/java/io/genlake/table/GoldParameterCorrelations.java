package io.genlake.table;

import static io.genlake.table.Fields.optional;
import static io.genlake.table.Fields.required;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold.parameter_correlations}: seed 004's correlation matrix: each parameter (numeric, or a 0/1 indicator
 * such as {@code view_mode=macro}) against each outcome (pass as 0/1, realism score) with Pearson's r (point-biserial
 * for pass) as the effect size, its 95% interval (Fisher z), a two-sided t-test p-value and Benjamini-Hochberg
 * q-values over the whole matrix. Attempts' parameters against pass and score; generations' cfg_scale and steps
 * against pass.
 */
public final class GoldParameterCorrelations {
  public static final TableId TABLE = TableId.gold("parameter_correlations");

  /** attempt | generation. */
  public static final String SOURCE = "source";
  public static final String PARAMETER = "parameter";
  /** pass | realism_score. */
  public static final String OUTCOME = "outcome";
  /** Rows with both values. */
  public static final String N = "n";
  /** Pearson's r; null when either side is constant. */
  public static final String R = "r";
  public static final String CI_LOW = "ci_low";
  public static final String CI_HIGH = "ci_high";
  public static final String P_VALUE = "p_value";
  public static final String Q_VALUE = "q_value";
  /** q_value <= failure.alpha. */
  public static final String SIGNIFICANT = "significant";

  public static final StructType SCHEMA = Fields.schema(
      required(SOURCE, StringType),
      required(PARAMETER, StringType),
      required(OUTCOME, StringType),
      required(N, LongType),
      optional(R, DoubleType),
      optional(CI_LOW, DoubleType),
      optional(CI_HIGH, DoubleType),
      optional(P_VALUE, DoubleType),
      optional(Q_VALUE, DoubleType),
      required(SIGNIFICANT, BooleanType));

  public static final TableSpec SPEC = TableSpec.simple(TABLE, SCHEMA);

  private GoldParameterCorrelations() {}
}

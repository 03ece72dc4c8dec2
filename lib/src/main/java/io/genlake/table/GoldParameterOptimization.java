package io.genlake.table;

import static io.genlake.table.Fields.optional;
import static io.genlake.table.Fields.required;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold.parameter_optimization}: seed 004's parameter optimization. Per material category and model ('all'
 * for every one), each generation parameter of the attempts (guidance_scale, contamination_uniformity,
 * gen_prompt_length, view_mode, pattern) by range or value: attempts, pass rate with its Wilson interval, average
 * score. In each (category, model, parameter), the range with the highest Wilson lower bound among those with at
 * least failure.optimization.min_attempts attempts is the suggested setting; its difference with the other ranges
 * carries Newcombe's 95% interval.
 */
public final class GoldParameterOptimization {
  public static final TableId TABLE = TableId.gold("parameter_optimization");

  /** A material category, or 'all'. */
  public static final String CATEGORY = "category";
  /** A model, or 'all'. */
  public static final String MODEL = "model";
  /** guidance_scale | contamination_uniformity | gen_prompt_length | view_mode | pattern. */
  public static final String PARAMETER = "parameter";
  /** A range such as {@code 0.3-0.4} (lower bound inclusive), or a value. */
  public static final String VALUE_RANGE = "value_range";
  /** Sort order of the ranges of a parameter (numeric ranges low to high). */
  public static final String RANGE_ORDER = "range_order";
  public static final String ATTEMPTS = "attempts";
  public static final String PASSED = "passed";
  public static final String PASS_RATE = "pass_rate";
  public static final String CI_LOW = "ci_low";
  public static final String CI_HIGH = "ci_high";
  /** Mean in-range realism score; null when none. */
  public static final String AVG_SCORE = "avg_score";
  /** The suggested setting of this (category, model, parameter). */
  public static final String SUGGESTED = "suggested";
  /** Pass rate of the same scope's attempts outside this range (for a pattern: without it). */
  public static final String OTHERS_PASS_RATE = "others_pass_rate";
  /** Newcombe 95% interval of pass_rate minus others_pass_rate. */
  public static final String DIFFERENCE_LOW = "difference_low";
  public static final String DIFFERENCE_HIGH = "difference_high";

  public static final StructType SCHEMA = Fields.schema(
      required(CATEGORY, StringType),
      required(MODEL, StringType),
      required(PARAMETER, StringType),
      required(VALUE_RANGE, StringType),
      required(RANGE_ORDER, IntegerType),
      required(ATTEMPTS, LongType),
      required(PASSED, LongType),
      required(PASS_RATE, DoubleType),
      required(CI_LOW, DoubleType),
      required(CI_HIGH, DoubleType),
      optional(AVG_SCORE, DoubleType),
      required(SUGGESTED, BooleanType),
      optional(OTHERS_PASS_RATE, DoubleType),
      optional(DIFFERENCE_LOW, DoubleType),
      optional(DIFFERENCE_HIGH, DoubleType));

  public static final TableSpec SPEC = TableSpec.simple(TABLE, SCHEMA);

  private GoldParameterOptimization() {}
}

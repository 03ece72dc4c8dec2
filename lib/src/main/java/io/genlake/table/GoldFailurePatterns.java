package io.genlake.table;

import static io.genlake.table.Fields.optional;
import static io.genlake.table.Fields.required;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold.failure_patterns}: Seed 002's analyze_failure_patterns: item combinations (up to failure.max_items)
 * whose failure rate is at least failure.failure_threshold and significantly above the model's baseline
 * (Benjamini-Hochberg q <= failure.alpha); redundant supersets are kept with status redundant and the pattern that
 * explains them; per model, the closest combinations that are not patterns (highest Wilson lower bound of the
 * failure rate) with status near_miss and the thresholds they missed.
 */
public final class GoldFailurePatterns {
  public static final TableId TABLE = TableId.gold("failure_patterns");

  public static final String MODEL = "model";
  /** Dimension to value, e.g. {Expression: angry, Pose: profile}; parameters as checkpoint, sampler, cfg, steps. */
  public static final String PATTERN = "pattern";
  /** The canonical text of the pattern: sorted items joined with ' & '. */
  public static final String PATTERN_KEY = "pattern_key";
  /** Number of items. */
  public static final String SIZE = "size";
  public static final String SAMPLE_COUNT = "sample_count";
  public static final String FAILURES = "failures";
  public static final String FAILURE_RATE = "failure_rate";
  /** The model's failure rate over all its outcomes. */
  public static final String BASELINE_RATE = "baseline_rate";
  /** failure_rate / baseline_rate. */
  public static final String LIFT = "lift";
  /** Wilson 95% interval of failure_rate. */
  public static final String CI_LOW = "ci_low";
  public static final String CI_HIGH = "ci_high";
  /** One-sided exact binomial P(X >= failures | sample_count, baseline_rate). */
  public static final String P_VALUE = "p_value";
  /** Benjamini-Hochberg adjusted over every pattern tested in the run; null for a near miss that was not tested. */
  public static final String Q_VALUE = "q_value";
  /** Most common failure category among the pattern's failures. */
  public static final String COMMON_CATEGORY = "common_category";
  /** reported | redundant | near_miss. */
  public static final String STATUS = "status";
  /** For redundant rows: the pattern_key of the smaller pattern that explains it. */
  public static final String EXPLAINED_BY = "explained_by";
  /** For near misses: the thresholds missed (min_occurrences, failure_threshold, alpha); empty otherwise. */
  public static final String MISSED = "missed";

  public static final StructType SCHEMA = Fields.schema(
      required(MODEL, StringType),
      required(PATTERN, Fields.STRING_MAP),
      required(PATTERN_KEY, StringType),
      required(SIZE, IntegerType),
      required(SAMPLE_COUNT, LongType),
      required(FAILURES, LongType),
      required(FAILURE_RATE, DoubleType),
      required(BASELINE_RATE, DoubleType),
      required(LIFT, DoubleType),
      required(CI_LOW, DoubleType),
      required(CI_HIGH, DoubleType),
      required(P_VALUE, DoubleType),
      optional(Q_VALUE, DoubleType),
      optional(COMMON_CATEGORY, StringType),
      required(STATUS, StringType),
      optional(EXPLAINED_BY, StringType),
      required(MISSED, Fields.STRINGS));

  public static final TableSpec SPEC = TableSpec.simple(TABLE, SCHEMA);

  private GoldFailurePatterns() {}
}

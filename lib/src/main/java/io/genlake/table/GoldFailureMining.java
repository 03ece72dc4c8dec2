package io.genlake.table;

import static io.genlake.table.Fields.required;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold.failure_mining}: what the last pattern mining looked at, per model and in total (model 'all'): outcomes,
 * baseline failure rate, combinations counted and tested (support at least min_occurrences), significant, reported
 * and redundant, with the thresholds used. Says how much was tested when nothing is reported.
 */
public final class GoldFailureMining {
  public static final TableId TABLE = TableId.gold("failure_mining");

  /** A model, or 'all'. */
  public static final String MODEL = "model";
  public static final String OUTCOMES = "outcomes";
  public static final String BASELINE_RATE = "baseline_rate";
  public static final String COUNTED = "combinations_counted";
  public static final String TESTED = "combinations_tested";
  /** Failure rate at least the threshold and q at most alpha (before redundancy pruning). */
  public static final String SIGNIFICANT = "significant";
  public static final String REPORTED = "reported";
  public static final String REDUNDANT = "redundant";
  public static final String MIN_OCCURRENCES = "min_occurrences";
  public static final String FAILURE_THRESHOLD = "failure_threshold";
  public static final String ALPHA = "alpha";
  public static final String MAX_ITEMS = "max_items";

  public static final StructType SCHEMA = Fields.schema(
      required(MODEL, StringType),
      required(OUTCOMES, LongType),
      required(BASELINE_RATE, DoubleType),
      required(COUNTED, LongType),
      required(TESTED, LongType),
      required(SIGNIFICANT, LongType),
      required(REPORTED, LongType),
      required(REDUNDANT, LongType),
      required(MIN_OCCURRENCES, IntegerType),
      required(FAILURE_THRESHOLD, DoubleType),
      required(ALPHA, DoubleType),
      required(MAX_ITEMS, IntegerType));

  public static final TableSpec SPEC = TableSpec.simple(TABLE, SCHEMA);

  private GoldFailureMining() {}
}

package io.genlake.table;

import static io.genlake.table.Fields.optional;
import static io.genlake.table.Fields.required;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructType;

/** {@code gold.category_stats}: Pass and failure rates per category: seed 004's material category for feedback attempts, and model / checkpoint / sampler for generations and rated images. Written by the failure step. */
public final class GoldCategoryStats {
  public static final TableId TABLE = TableId.gold("category_stats");

  /** attempt | generation: which outcomes the row counts. */
  public static final String SOURCE = "source";
  /** all (one row per source, value all) | material_category | model | checkpoint | sampler. */
  public static final String DIMENSION = "dimension";
  /** The category value; 'unknown' when the column was null. */
  public static final String VALUE = "value";
  public static final String ATTEMPTS = "attempts";
  public static final String PASSED = "passed";
  public static final String FAILURES = "failures";
  /** passed / attempts, 0..1. */
  public static final String PASS_RATE = "pass_rate";
  /** failures / attempts, 0..1. */
  public static final String FAILURE_RATE = "failure_rate";
  /** Mean realism score (0..100) of the rows with an in-range score; null for generations. */
  public static final String AVG_SCORE = "avg_score";
  /** Failure category to number of failures. */
  public static final String FAILURES_BY_CATEGORY = "failures_by_category";

  /** {@code map<string, bigint>}. */
  public static final MapType LONG_MAP = DataTypes.createMapType(StringType, LongType, true);

  public static final StructType SCHEMA = Fields.schema(
      required(SOURCE, StringType),
      required(DIMENSION, StringType),
      required(VALUE, StringType),
      required(ATTEMPTS, LongType),
      required(PASSED, LongType),
      required(FAILURES, LongType),
      required(PASS_RATE, DoubleType),
      required(FAILURE_RATE, DoubleType),
      optional(AVG_SCORE, DoubleType),
      required(FAILURES_BY_CATEGORY, LONG_MAP));

  public static final TableSpec SPEC = TableSpec.simple(TABLE, SCHEMA);

  private GoldCategoryStats() {}
}

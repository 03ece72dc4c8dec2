package io.genlake.table;

import static io.genlake.table.Fields.optional;
import static io.genlake.table.Fields.required;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import org.apache.spark.sql.types.StructType;

/** {@code gold.feedback_effectiveness}: Pass rate before vs after feedback: overall (attempts without vs with feedback applied), pooled along retry chains (same material and category, ordered by time: attempts before the chain's first feedback vs from it on), and per chain; with the difference and Newcombe's 95% interval. */
public final class GoldFeedbackEffectiveness {
  public static final TableId TABLE = TableId.gold("feedback_effectiveness");

  /** overall | retry_chains | chain. */
  public static final String SCOPE = "scope";
  /** category/material for scope chain; null otherwise. */
  public static final String CHAIN_KEY = "chain_key";
  /** Chains pooled into the row (0 for overall, 1 for a chain). */
  public static final String CHAINS = "chains";
  public static final String BEFORE_ATTEMPTS = "before_attempts";
  public static final String BEFORE_PASSED = "before_passed";
  /** Null when before_attempts is 0. */
  public static final String BEFORE_PASS_RATE = "before_pass_rate";
  public static final String AFTER_ATTEMPTS = "after_attempts";
  public static final String AFTER_PASSED = "after_passed";
  /** Null when after_attempts is 0. */
  public static final String AFTER_PASS_RATE = "after_pass_rate";
  /** after_pass_rate - before_pass_rate. */
  public static final String DIFFERENCE = "difference";
  /** Newcombe hybrid score 95% interval of the difference. */
  public static final String DIFFERENCE_CI_LOW = "difference_ci_low";
  public static final String DIFFERENCE_CI_HIGH = "difference_ci_high";

  public static final StructType SCHEMA = Fields.schema(
      required(SCOPE, StringType),
      optional(CHAIN_KEY, StringType),
      required(CHAINS, LongType),
      required(BEFORE_ATTEMPTS, LongType),
      required(BEFORE_PASSED, LongType),
      optional(BEFORE_PASS_RATE, DoubleType),
      required(AFTER_ATTEMPTS, LongType),
      required(AFTER_PASSED, LongType),
      optional(AFTER_PASS_RATE, DoubleType),
      optional(DIFFERENCE, DoubleType),
      optional(DIFFERENCE_CI_LOW, DoubleType),
      optional(DIFFERENCE_CI_HIGH, DoubleType));

  public static final TableSpec SPEC = TableSpec.simple(TABLE, SCHEMA);

  private GoldFeedbackEffectiveness() {}
}

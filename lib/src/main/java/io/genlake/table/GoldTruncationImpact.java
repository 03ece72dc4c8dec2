package io.genlake.table;

import static io.genlake.table.Fields.optional;
import static io.genlake.table.Fields.required;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import org.apache.spark.sql.types.StructType;

/** {@code gold.truncation_impact}: Pass rate and score by validated prompt length bucket and truncation flag (seed 004's get_prompt_truncation_impact). */
public final class GoldTruncationImpact {
  public static final TableId TABLE = TableId.gold("truncation_impact");

  /** e.g. 3000-3999, 4000+, or unknown. */
  public static final String PROMPT_LENGTH_BUCKET = "prompt_length_bucket";
  /** true | false | unknown. */
  public static final String TRUNCATED = "truncated";
  public static final String ATTEMPTS = "attempts";
  public static final String PASSED = "passed";
  public static final String PASS_RATE = "pass_rate";
  public static final String AVG_SCORE = "avg_score";

  public static final StructType SCHEMA = Fields.schema(
      required(PROMPT_LENGTH_BUCKET, StringType),
      required(TRUNCATED, StringType),
      required(ATTEMPTS, LongType),
      required(PASSED, LongType),
      required(PASS_RATE, DoubleType),
      optional(AVG_SCORE, DoubleType));

  public static final TableSpec SPEC = TableSpec.simple(TABLE, SCHEMA);

  private GoldTruncationImpact() {}
}

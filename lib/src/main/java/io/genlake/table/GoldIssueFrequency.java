package io.genlake.table;

import static io.genlake.table.Fields.optional;
import static io.genlake.table.Fields.required;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import org.apache.spark.sql.types.StructType;

/** {@code gold.issue_frequency}: How often each issue occurs: seed 004's physics issues and red flags, and failure categories of both seeds (seed 002: malformed, noise, incomplete, off_prompt). */
public final class GoldIssueFrequency {
  public static final TableId TABLE = TableId.gold("issue_frequency");

  /** attempt | generation. */
  public static final String SOURCE = "source";
  /** physics_issue | red_flag | failure_category. */
  public static final String KIND = "kind";
  public static final String ISSUE = "issue";
  /** Outcomes carrying the issue (an issue listed twice on one outcome counts once). */
  public static final String OCCURRENCES = "occurrences";
  /** All outcomes of the source: the denominator of share. */
  public static final String OUTCOMES = "outcomes";
  /** occurrences / outcomes, 0..1 (seed 004 prints it as a percentage). */
  public static final String SHARE = "share";

  public static final StructType SCHEMA = Fields.schema(
      required(SOURCE, StringType),
      required(KIND, StringType),
      required(ISSUE, StringType),
      required(OCCURRENCES, LongType),
      required(OUTCOMES, LongType),
      required(SHARE, DoubleType));

  public static final TableSpec SPEC = TableSpec.simple(TABLE, SCHEMA);

  private GoldIssueFrequency() {}
}

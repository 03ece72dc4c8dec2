package io.genlake.table;

import static io.genlake.table.Fields.optional;
import static io.genlake.table.Fields.required;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold.failure_counts}: the failure step's additive outcome counts per source, dimension value, UTC day and
 * failure category, from which category statistics, failure-category frequencies, trends, session statistics and
 * alert windows are summed. Dimensions: {@code all}, {@code model}, {@code provider}, {@code checkpoint},
 * {@code sampler}, {@code template}, {@code session} for generation outcomes; {@code all},
 * {@code material_category}, {@code model} for attempts. Updated by adding the signed counts of changed outcomes.
 */
public final class GoldFailureCounts {
  public static final TableId TABLE = TableId.gold("failure_counts");

  public static final String SOURCE = "source";
  public static final String DIMENSION = "dimension";
  /** 'unknown' when the outcome had none. */
  public static final String VALUE = "value";
  public static final String DAY = "day";
  /** Null for passes. */
  public static final String FAILURE_CATEGORY = "failure_category";
  public static final String OUTCOMES = "outcomes";
  public static final String FAILURES = "failures";
  /** Outcomes with an in-range score, and the sum of those scores (attempts). */
  public static final String SCORE_N = "score_n";
  public static final String SCORE_SUM = "score_sum";
  /** Rated images liked, thumbs up (perfect), thumbs down (imperfect): seed 002's session statistics. */
  public static final String LIKED = "liked";
  public static final String PERFECT = "perfect";
  public static final String IMPERFECT = "imperfect";

  /** The key columns (failure_category may be null: compared null-safely). */
  public static final List<String> KEY = List.of(SOURCE, DIMENSION, VALUE, DAY, FAILURE_CATEGORY);
  /** The additive columns. */
  public static final List<String> MEASURES = List.of(OUTCOMES, FAILURES, SCORE_N, SCORE_SUM, LIKED, PERFECT, IMPERFECT);

  public static final StructType SCHEMA = Fields.schema(
      required(SOURCE, StringType),
      required(DIMENSION, StringType),
      required(VALUE, StringType),
      required(DAY, DateType),
      optional(FAILURE_CATEGORY, StringType),
      required(OUTCOMES, LongType),
      required(FAILURES, LongType),
      required(SCORE_N, LongType),
      required(SCORE_SUM, DoubleType),
      required(LIKED, LongType),
      required(PERFECT, LongType),
      required(IMPERFECT, LongType));

  public static final TableSpec SPEC = new TableSpec(TABLE, SCHEMA, KEY, List.of(), Map.of(), false);

  private GoldFailureCounts() {}
}

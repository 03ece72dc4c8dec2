package io.genlake.table;

import static io.genlake.table.Fields.required;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold.failure_combinations}: the failure step's additive counts behind pattern mining: for every model and
 * every combination of 1 to failure.max_items pattern items seen in its outcomes, how many outcomes have it, how
 * many failed, and failures per failure category; size 0 (empty key) holds the model's totals (its baseline).
 * Updated by adding the signed counts of the outcomes that changed; gold.failure_patterns is selected from it.
 */
public final class GoldFailureCombinations {
  public static final TableId TABLE = TableId.gold("failure_combinations");

  public static final String MODEL = "model";
  /** Items sorted and joined with ' & '; empty for the model's totals. */
  public static final String PATTERN_KEY = "pattern_key";
  /** Number of items (0 for the totals row). */
  public static final String SIZE = "size";
  public static final String OUTCOMES = "outcomes";
  public static final String FAILURES = "failures";
  /** Failure category to failures (categories with none are absent). */
  public static final String FAILURES_BY_CATEGORY = "failures_by_category";

  public static final StructType SCHEMA = Fields.schema(
      required(MODEL, StringType),
      required(PATTERN_KEY, StringType),
      required(SIZE, IntegerType),
      required(OUTCOMES, LongType),
      required(FAILURES, LongType),
      required(FAILURES_BY_CATEGORY, GoldCategoryStats.LONG_MAP));

  public static final TableSpec SPEC = new TableSpec(TABLE, SCHEMA, List.of(MODEL, PATTERN_KEY), List.of(), Map.of(),
      false);

  private GoldFailureCombinations() {}
}

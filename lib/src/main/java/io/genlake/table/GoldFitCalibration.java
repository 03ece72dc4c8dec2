package io.genlake.table;

import static io.genlake.table.Fields.optional;
import static io.genlake.table.Fields.required;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold.fit_calibration}: how well the heuristic agrees with people, over all scored ratings
 * ({@code grouping = all}), per {@code role_in_sequence}, and per ontology category (ratings whose block
 * carries an ID of that category). Correlations are NaN-free: null when undefined (fewer than 3 pairs or a
 * constant side).
 */
public final class GoldFitCalibration {
  public static final TableId TABLE = TableId.gold("fit_calibration");

  /** all, role_in_sequence, category. */
  public static final String GROUPING = "grouping";
  public static final String GROUP_VALUE = "group_value";
  /** Scored ratings in the group. */
  public static final String N = "n";
  public static final String SPEARMAN = "spearman";
  public static final String SPEARMAN_LOW = "spearman_ci_low";
  public static final String SPEARMAN_HIGH = "spearman_ci_high";
  public static final String PEARSON = "pearson";
  public static final String PEARSON_LOW = "pearson_ci_low";
  public static final String PEARSON_HIGH = "pearson_ci_high";
  /** Ten entries: mean rating of pairs scoring in [0, 0.1), ..., [0.9, 1.0]; null where empty. */
  public static final String MEAN_RATING_BY_DECILE = "mean_rating_by_decile";
  public static final String PAIRS_BY_DECILE = "pairs_by_decile";
  /**
   * The most frequent required misses among pairs rated 1 or 2 (required block IDs the asset lacks or
   * contradicts), at most five: {ontology_id, pairs}.
   */
  public static final String TOP_MISSES_LOW_RATED = "top_misses_low_rated";
  /** Krippendorff's alpha (ordinal) over pairs rated by two or more users; null when there are none. */
  public static final String KRIPPENDORFF_ALPHA = "krippendorff_alpha";
  /** Pairs (block, asset, role) rated by two or more users. */
  public static final String MULTI_RATED_PAIRS = "multi_rated_pairs";

  public static final String ALL = "all";
  public static final String BY_ROLE = "role_in_sequence";
  public static final String BY_CATEGORY = "category";

  public static final StructType MISS = Fields.schema(
      optional("ontology_id", StringType), optional("pairs", LongType));
  public static final ArrayType MISSES = DataTypes.createArrayType(MISS, true);

  public static final StructType SCHEMA = Fields.schema(
      required(GROUPING, StringType),
      required(GROUP_VALUE, StringType),
      required(N, LongType),
      optional(SPEARMAN, DoubleType),
      optional(SPEARMAN_LOW, DoubleType),
      optional(SPEARMAN_HIGH, DoubleType),
      optional(PEARSON, DoubleType),
      optional(PEARSON_LOW, DoubleType),
      optional(PEARSON_HIGH, DoubleType),
      required(MEAN_RATING_BY_DECILE, DataTypes.createArrayType(DoubleType, true)),
      required(PAIRS_BY_DECILE, DataTypes.createArrayType(LongType, true)),
      required(TOP_MISSES_LOW_RATED, MISSES),
      optional(KRIPPENDORFF_ALPHA, DoubleType),
      required(MULTI_RATED_PAIRS, LongType));

  public static final TableSpec SPEC = TableSpec.simple(TABLE, SCHEMA);

  private GoldFitCalibration() {}
}

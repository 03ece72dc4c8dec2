package io.genlake.table;

import static io.genlake.table.Fields.required;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold.parameter_stats}: seed 003 "parameter learning": for each (keyword, numeric parameter), the mean
 * and population variance of the parameter among selected generations whose prompt has the keyword.
 */
public final class GoldParameterStats {
  public static final TableId TABLE = TableId.gold("parameter_stats");

  public static final String KEYWORD = "keyword";
  /** One of {@link #PARAMETERS}. */
  public static final String PARAMETER = "parameter";
  /** Selected generations with the keyword and a value for the parameter. */
  public static final String N = "n";
  public static final String MEAN = "mean";
  public static final String VARIANCE = "variance";
  public static final String MIN = "min";
  public static final String MAX = "max";

  /** The numeric generation columns summarized (silver.generations names). */
  public static final List<String> PARAMETERS = List.of(
      SilverGenerations.STEPS, SilverGenerations.CFG_SCALE, SilverGenerations.WIDTH, SilverGenerations.HEIGHT);

  public static final StructType SCHEMA = Fields.schema(
      required(KEYWORD, StringType),
      required(PARAMETER, StringType),
      required(N, LongType),
      required(MEAN, DoubleType),
      required(VARIANCE, DoubleType),
      required(MIN, DoubleType),
      required(MAX, DoubleType));

  public static final TableSpec SPEC = new TableSpec(TABLE, SCHEMA, List.of(KEYWORD, PARAMETER), List.of(),
      java.util.Map.of(), false);

  private GoldParameterStats() {}
}

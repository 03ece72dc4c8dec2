package io.genlake.table;

import static io.genlake.table.Fields.optional;
import static io.genlake.table.Fields.required;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold.parameter_stats}: seed 003 "parameter learning" and "strength recommendations": for each context (a
 * prompt keyword, or a checkpoint) and parameter, what the selected and the rejected generations of the shared pool
 * used. Numeric generation parameters ({@link #NUMERIC}) have one row each (value empty) with mean and variance of
 * selected and of rejected generations; the sampler has one row per sampler (value = its name; counts only); the LoRA
 * strength has one row per LoRA (value = its name) with the strengths' mean and variance. Counts are raw (not
 * decayed).
 */
public final class GoldParameterStats {
  public static final TableId TABLE = TableId.gold("parameter_stats");

  /** {@link #KEYWORD} or {@link #CHECKPOINT}. */
  public static final String CONTEXT_KIND = "context_kind";
  /** The keyword or checkpoint. */
  public static final String CONTEXT = "context";
  /** A numeric generation parameter ({@link #NUMERIC}), {@link #SAMPLER} or {@link #LORA_STRENGTH}. */
  public static final String PARAMETER = "parameter";
  /** Empty for numeric parameters; the sampler's name; the LoRA's name for {@link #LORA_STRENGTH}. */
  public static final String VALUE = "value";
  /** Selected generations with this context and a value for the parameter (for the sampler: with this sampler). */
  public static final String SELECTED = "selected";
  /** Rejected generations, likewise. */
  public static final String REJECTED = "rejected";
  public static final String SELECTED_MEAN = "selected_mean";
  /** Population variance among the selected generations. */
  public static final String SELECTED_VARIANCE = "selected_variance";
  public static final String SELECTED_MIN = "selected_min";
  public static final String SELECTED_MAX = "selected_max";
  public static final String REJECTED_MEAN = "rejected_mean";
  public static final String REJECTED_VARIANCE = "rejected_variance";

  public static final String KEYWORD = "keyword";
  public static final String CHECKPOINT = "checkpoint";
  public static final String SAMPLER = "sampler";
  public static final String LORA_STRENGTH = "lora_strength";
  /** The numeric generation columns summarized (silver.generations names). */
  public static final List<String> NUMERIC = List.of(
      SilverGenerations.STEPS, SilverGenerations.CFG_SCALE, SilverGenerations.WIDTH, SilverGenerations.HEIGHT);

  public static final StructType SCHEMA = Fields.schema(
      required(CONTEXT_KIND, StringType),
      required(CONTEXT, StringType),
      required(PARAMETER, StringType),
      required(VALUE, StringType),
      required(SELECTED, LongType),
      required(REJECTED, LongType),
      optional(SELECTED_MEAN, DoubleType),
      optional(SELECTED_VARIANCE, DoubleType),
      optional(SELECTED_MIN, DoubleType),
      optional(SELECTED_MAX, DoubleType),
      optional(REJECTED_MEAN, DoubleType),
      optional(REJECTED_VARIANCE, DoubleType));

  public static final TableSpec SPEC = new TableSpec(TABLE, SCHEMA, List.of(CONTEXT_KIND, CONTEXT, PARAMETER, VALUE),
      List.of(), java.util.Map.of(), false);

  private GoldParameterStats() {}
}

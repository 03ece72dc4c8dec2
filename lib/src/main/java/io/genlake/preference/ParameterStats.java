package io.genlake.preference;

import static io.genlake.table.GoldParameterStats.CONTEXT;
import static io.genlake.table.GoldParameterStats.CONTEXT_KIND;
import static io.genlake.table.GoldParameterStats.PARAMETER;
import static io.genlake.table.GoldParameterStats.VALUE;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.genlake.table.Fields;
import io.genlake.table.GoldParameterStats;
import io.genlake.table.SilverGenerations;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold.parameter_stats} from prepared events of the shared pool: per context (each prompt keyword, and the
 * checkpoint), the generation's numeric parameters and sampler (read from {@code silver.generations} by the
 * event's generation id) and each LoRA's strength (the event's own), split by selected and rejected. Kept as
 * additive partial sums (count, sum, sum of squares, min, max), so a night's observations are added to the stored
 * table without reading any event again. Cost: one join of the events with the generations' parameters (the events
 * broadcast when few), a per-row Java explode and one small aggregation (keys: contexts x parameters).
 */
final class ParameterStats {
  /** Up to this many events, the join with the generations broadcasts the events instead of shuffling both sides. */
  static final long BROADCAST_EVENTS = 50_000;

  private static final String GID = "gid";
  private static final String SEL_N = "sel_n";
  private static final String SEL_SUM = "sel_sum";
  private static final String SEL_SQ = "sel_sq";
  private static final String SEL_MIN = "sel_min";
  private static final String SEL_MAX = "sel_max";
  private static final String REJ_N = "rej_n";
  private static final String REJ_SUM = "rej_sum";
  private static final String REJ_SQ = "rej_sq";

  /** Partial sums of one key; one observation is a partial of count 1. */
  static final StructType PARTIALS = Fields.schema(
      Fields.required(CONTEXT_KIND, DataTypes.StringType),
      Fields.required(CONTEXT, DataTypes.StringType),
      Fields.required(PARAMETER, DataTypes.StringType),
      Fields.required(VALUE, DataTypes.StringType),
      Fields.required(SEL_N, DataTypes.LongType),
      Fields.required(SEL_SUM, DataTypes.DoubleType),
      Fields.required(SEL_SQ, DataTypes.DoubleType),
      Fields.optional(SEL_MIN, DataTypes.DoubleType),
      Fields.optional(SEL_MAX, DataTypes.DoubleType),
      Fields.required(REJ_N, DataTypes.LongType),
      Fields.required(REJ_SUM, DataTypes.DoubleType),
      Fields.required(REJ_SQ, DataTypes.DoubleType));

  private ParameterStats() {}

  /**
   * The parameter observations (as {@link #PARTIALS}) of the prepared events of users who share: LoRA strengths from
   * the events, numeric parameters and sampler from their generations.
   */
  static Dataset<Row> observations(Dataset<Row> prepared, Dataset<Row> generations, boolean fewEvents) {
    Dataset<Row> shared = prepared.where(col(PairStats.SHARE));
    FlatMapFunction<Row, Row> loras = r -> {
      List<Row> out = new ArrayList<>();
      boolean selected = r.getBoolean(0);
      List<String> keywords = r.getList(2);
      List<String> names = r.getList(3);
      List<Double> strengths = r.getList(4);
      for (int i = 0; i < names.size(); i++) {
        Double s = strengths.get(i);
        if (s == null) {
          continue;
        }
        for (String k : keywords) {
          out.add(observation(GoldParameterStats.KEYWORD, k, GoldParameterStats.LORA_STRENGTH, names.get(i), selected, s));
        }
        out.add(observation(GoldParameterStats.CHECKPOINT, r.getString(1), GoldParameterStats.LORA_STRENGTH,
            names.get(i), selected, s));
      }
      return out.iterator();
    };
    Dataset<Row> fromLoras = shared.select(col(PairStats.SELECTED), col(PairStats.CHECKPOINT_COLUMN),
        col(PairStats.KEYWORDS), col(PairStats.LORAS), col(PairStats.LORA_STRENGTHS)).flatMap(loras,
            Encoders.row(PARTIALS));

    List<Column> params = new ArrayList<>();
    params.add(col(SilverGenerations.GENERATION_ID).as(GID));
    for (String p : GoldParameterStats.NUMERIC) {
      params.add(col(p).cast(DataTypes.DoubleType).as(p));
    }
    params.add(col(SilverGenerations.SAMPLER));
    Dataset<Row> values = generations.where(not(col(SilverGenerations.IS_DELETED))).select(params.toArray(Column[]::new));
    Dataset<Row> withGeneration = shared.where(col(PairStats.GENERATION_ID).isNotNull())
        .select(col(PairStats.SELECTED), col(PairStats.CHECKPOINT_COLUMN), col(PairStats.KEYWORDS),
            col(PairStats.GENERATION_ID));
    Dataset<Row> joined = (fewEvents ? broadcast(withGeneration) : withGeneration)
        .join(values, col(PairStats.GENERATION_ID).equalTo(col(GID)));
    int numeric = GoldParameterStats.NUMERIC.size();
    FlatMapFunction<Row, Row> generation = r -> {
      List<Row> out = new ArrayList<>();
      boolean selected = r.getBoolean(0);
      List<String> contexts = new ArrayList<>();
      List<String> kinds = new ArrayList<>();
      for (String k : r.<String>getList(2)) {
        kinds.add(GoldParameterStats.KEYWORD);
        contexts.add(k);
      }
      kinds.add(GoldParameterStats.CHECKPOINT);
      contexts.add(r.getString(1));
      for (int c = 0; c < contexts.size(); c++) {
        for (int i = 0; i < numeric; i++) {
          if (!r.isNullAt(5 + i)) {
            out.add(observation(kinds.get(c), contexts.get(c), GoldParameterStats.NUMERIC.get(i), "", selected,
                r.getDouble(5 + i)));
          }
        }
        if (!r.isNullAt(5 + numeric) && !r.getString(5 + numeric).isBlank()) {
          out.add(observation(kinds.get(c), contexts.get(c), GoldParameterStats.SAMPLER, r.getString(5 + numeric),
              selected, Double.NaN));
        }
      }
      return out.iterator();
    };
    return fromLoras.unionByName(joined.flatMap(generation, Encoders.row(PARTIALS)));
  }

  /** One observation as a partial of count 1; a categorical one ({@code x} NaN) carries no value. */
  private static Row observation(String kind, String context, String parameter, String value, boolean selected,
      double x) {
    double v = Double.isNaN(x) ? 0.0 : x;
    Double m = Double.isNaN(x) ? null : x;
    return selected
        ? RowFactory.create(kind, context, parameter, value, 1L, v, v * v, m, m, 0L, 0.0, 0.0)
        : RowFactory.create(kind, context, parameter, value, 0L, 0.0, 0.0, null, null, 1L, v, v * v);
  }

  /** Stored rows back as partial sums (sum = n x mean, sum of squares = n x (variance + mean^2)), to add to. */
  static Dataset<Row> asObservations(Dataset<Row> stored) {
    Column sn = col(GoldParameterStats.SELECTED);
    Column rn = col(GoldParameterStats.REJECTED);
    Column sm = org.apache.spark.sql.functions.coalesce(col(GoldParameterStats.SELECTED_MEAN), lit(0.0));
    Column rm = org.apache.spark.sql.functions.coalesce(col(GoldParameterStats.REJECTED_MEAN), lit(0.0));
    Column sv = org.apache.spark.sql.functions.coalesce(col(GoldParameterStats.SELECTED_VARIANCE), lit(0.0));
    Column rv = org.apache.spark.sql.functions.coalesce(col(GoldParameterStats.REJECTED_VARIANCE), lit(0.0));
    return stored.select(col(CONTEXT_KIND), col(CONTEXT), col(PARAMETER), col(VALUE), sn.as(SEL_N),
        sn.multiply(sm).as(SEL_SUM), sn.multiply(sv.plus(sm.multiply(sm))).as(SEL_SQ),
        col(GoldParameterStats.SELECTED_MIN).as(SEL_MIN), col(GoldParameterStats.SELECTED_MAX).as(SEL_MAX),
        rn.as(REJ_N), rn.multiply(rm).as(REJ_SUM), rn.multiply(rv.plus(rm.multiply(rm))).as(REJ_SQ));
  }

  /**
   * Sums partials per key into {@code gold.parameter_stats} rows: mean = sum / n, population variance =
   * sum of squares / n - mean^2 (never below 0); no mean for categorical parameters. One small aggregation.
   */
  static Dataset<Row> summarize(Dataset<Row> partials) {
    Dataset<Row> g = partials.groupBy(col(CONTEXT_KIND), col(CONTEXT), col(PARAMETER), col(VALUE)).agg(
        sum(SEL_N).as(SEL_N), sum(SEL_SUM).as(SEL_SUM), sum(SEL_SQ).as(SEL_SQ), min(SEL_MIN).as(SEL_MIN),
        max(SEL_MAX).as(SEL_MAX), sum(REJ_N).as(REJ_N), sum(REJ_SUM).as(REJ_SUM), sum(REJ_SQ).as(REJ_SQ));
    Column numeric = not(col(PARAMETER).equalTo(lit(GoldParameterStats.SAMPLER)));
    Column selMean = col(SEL_SUM).divide(col(SEL_N));
    Column rejMean = col(REJ_SUM).divide(col(REJ_N));
    Column hasSel = numeric.and(col(SEL_N).gt(0));
    Column hasRej = numeric.and(col(REJ_N).gt(0));
    return g.select(col(CONTEXT_KIND), col(CONTEXT), col(PARAMETER), col(VALUE),
        col(SEL_N).as(GoldParameterStats.SELECTED), col(REJ_N).as(GoldParameterStats.REJECTED),
        when(hasSel, selMean).as(GoldParameterStats.SELECTED_MEAN),
        when(hasSel, org.apache.spark.sql.functions.greatest(lit(0.0),
            col(SEL_SQ).divide(col(SEL_N)).minus(selMean.multiply(selMean)))).as(GoldParameterStats.SELECTED_VARIANCE),
        when(hasSel, col(SEL_MIN)).as(GoldParameterStats.SELECTED_MIN),
        when(hasSel, col(SEL_MAX)).as(GoldParameterStats.SELECTED_MAX),
        when(hasRej, rejMean).as(GoldParameterStats.REJECTED_MEAN),
        when(hasRej, org.apache.spark.sql.functions.greatest(lit(0.0),
            col(REJ_SQ).divide(col(REJ_N)).minus(rejMean.multiply(rejMean)))).as(GoldParameterStats.REJECTED_VARIANCE));
  }
}

package io.genlake.preference;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.var_pop;

import io.genlake.table.Fields;
import io.genlake.table.GoldParameterStats;
import io.genlake.table.SilverGenerations;
import io.genlake.table.SilverPreferenceEvents;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold.parameter_stats}: among selected generations (selection = selected, or a preference event
 * selecting the generation), the mean and population variance of each numeric parameter per prompt keyword.
 * A per-row Java keyword extraction emitting (keyword, parameter, value), then one shuffle on (keyword, parameter).
 */
final class ParameterStats {
  private static final StructType VALUES = Fields.schema(
      Fields.required(GoldParameterStats.KEYWORD, DataTypes.StringType),
      Fields.required(GoldParameterStats.PARAMETER, DataTypes.StringType),
      Fields.required("value", DataTypes.DoubleType));

  private ParameterStats() {}

  static Dataset<Row> compute(Dataset<Row> generations, Dataset<Row> preferenceEvents, KeywordExtractor extractor) {
    Dataset<Row> pickedByEvent = preferenceEvents
        .where(col(SilverPreferenceEvents.ACTION).equalTo(lit("selected"))
            .and(col(SilverPreferenceEvents.GENERATION_ID).isNotNull()))
        .select(col(SilverPreferenceEvents.GENERATION_ID).as("picked_id")).distinct();
    Dataset<Row> gens = generations.where(not(col(SilverGenerations.IS_DELETED)));
    Dataset<Row> selected = gens.join(pickedByEvent,
            gens.col(SilverGenerations.GENERATION_ID).equalTo(pickedByEvent.col("picked_id")), "left")
        .where(col(SilverGenerations.SELECTION).equalTo(lit("selected")).or(col("picked_id").isNotNull()));
    List<String> params = GoldParameterStats.PARAMETERS;
    List<org.apache.spark.sql.Column> cols = new ArrayList<>();
    cols.add(coalesce(col(SilverGenerations.RESOLVED_PROMPT), col(SilverGenerations.FINAL_PROMPT)));
    for (String p : params) {
      cols.add(col(p).cast(DataTypes.DoubleType));
    }
    FlatMapFunction<Row, Row> explode = r -> {
      List<Row> out = new ArrayList<>();
      if (r.isNullAt(0)) {
        return out.iterator();
      }
      for (String k : extractor.keywords(r.getString(0))) {
        for (int i = 0; i < params.size(); i++) {
          if (!r.isNullAt(i + 1)) {
            out.add(RowFactory.create(k, params.get(i), r.getDouble(i + 1)));
          }
        }
      }
      Iterator<Row> it = out.iterator();
      return it;
    };
    return selected.select(cols.toArray(new org.apache.spark.sql.Column[0]))
        .flatMap(explode, Encoders.row(VALUES))
        .groupBy(col(GoldParameterStats.KEYWORD), col(GoldParameterStats.PARAMETER))
        .agg(count(lit(1)).as(GoldParameterStats.N), avg("value").as(GoldParameterStats.MEAN),
            var_pop("value").as(GoldParameterStats.VARIANCE), min("value").as(GoldParameterStats.MIN),
            max("value").as(GoldParameterStats.MAX));
  }
}

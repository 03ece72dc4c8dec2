package io.genlake.failure;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import io.genlake.table.Fields;
import io.genlake.table.GoldParameterCorrelations;
import io.genlake.table.SilverFeedbackAttempts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * Seed 004's correlation matrix ({@code gold.parameter_correlations}): Pearson's r of each parameter with each
 * outcome, from additive sums (n, Σx, Σy, Σx², Σy², Σxy). Numeric parameters pair with the outcomes of the rows that
 * have both, summed in one global aggregation; an indicator ({@code view_mode=macro}, {@code pattern=dust}: 1 when
 * present, else 0) pairs with every row that has the outcome, so only its 1s need summing: one aggregation on the
 * indicator values. Fisher-z intervals, t-test p-values and BH q-values over the matrix on the driver.
 */
final class Correlations {
  static final String PASS = "pass";
  static final String REALISM_SCORE = "realism_score";

  private Correlations() {}

  /** {@code gold.parameter_correlations} of the attempts and the generation outcomes of {@code outcomes}. */
  static Dataset<Row> of(SparkSession spark, Dataset<Row> attempts, Dataset<Row> outcomes, double alpha) {
    Map<String, Column> numeric = new LinkedHashMap<>();
    for (String c : List.of(SilverFeedbackAttempts.GUIDANCE_SCALE, SilverFeedbackAttempts.CONTAMINATION_UNIFORMITY,
        SilverFeedbackAttempts.GEN_PROMPT_LENGTH, SilverFeedbackAttempts.VAL_PROMPT_LENGTH,
        SilverFeedbackAttempts.VAL_TRUNCATED, SilverFeedbackAttempts.FEEDBACK_APPLIED, SilverFeedbackAttempts.RETRY_COUNT)) {
      numeric.put(c, col(c).cast(DataTypes.DoubleType));
    }
    Map<String, Column> attemptOutcomes = new LinkedHashMap<>();
    attemptOutcomes.put(PASS, col(SilverFeedbackAttempts.PASSED).cast(DataTypes.DoubleType));
    attemptOutcomes.put(REALISM_SCORE, AttemptAnalytics.validScore());
    Column indicators = concat(
        array(when(col(SilverFeedbackAttempts.VIEW_MODE).isNotNull(),
            concat(lit(SilverFeedbackAttempts.VIEW_MODE + "="), col(SilverFeedbackAttempts.VIEW_MODE)))),
        transform(array_distinct(coalesce(col(SilverFeedbackAttempts.PATTERNS_USED), array().cast(Fields.STRINGS))),
            p -> concat(lit("pattern="), p)));
    Map<String, Column> generationNumeric = new LinkedHashMap<>();
    generationNumeric.put(Outcomes.CFG_SCALE, col(Outcomes.CFG_SCALE));
    generationNumeric.put(Outcomes.STEPS_COLUMN, col(Outcomes.STEPS_COLUMN).cast(DataTypes.DoubleType));
    Map<String, Column> generationOutcomes = Map.of(PASS, col(Outcomes.FAILED).equalTo(false).cast(DataTypes.DoubleType));
    List<Row> rows = new ArrayList<>();
    List<Double> pValues = new ArrayList<>();
    rows.addAll(matrix(Outcomes.ATTEMPT, attempts, numeric, attemptOutcomes, indicators, pValues));
    rows.addAll(matrix(Outcomes.GENERATION, outcomes.filter(col(Outcomes.SOURCE).equalTo(Outcomes.GENERATION)),
        generationNumeric, generationOutcomes, null, pValues));
    double[] q = Stats.benjaminiHochberg(pValues.stream().mapToDouble(Double::doubleValue).toArray());
    List<Row> out = new ArrayList<>();
    int k = 0;
    for (Row r : rows) {
      Double qv = r.isNullAt(7) ? null : q[k++];
      out.add(RowFactory.create(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6), r.get(7), qv,
          qv != null && qv <= alpha));
    }
    return spark.createDataFrame(out, GoldParameterCorrelations.SCHEMA);
  }

  /**
   * The rows of one source (p-value null when r is undefined), numeric parameters first, then indicators by name;
   * appends the defined p-values to {@code pValues} in row order.
   */
  private static List<Row> matrix(String source, Dataset<Row> data, Map<String, Column> numeric,
      Map<String, Column> outcomes, Column indicators, List<Double> pValues) {
    List<Column> sums = new ArrayList<>();
    for (Column y : outcomes.values()) {
      Column has = y.isNotNull();
      sums.add(sum(when(has, 1L).otherwise(0L)));
      sums.add(sum(y));
      sums.add(sum(y.multiply(y)));
      for (Column x : numeric.values()) {
        Column both = has.and(x.isNotNull());
        sums.add(sum(when(both, 1L).otherwise(0L)));
        sums.add(sum(when(both, x)));
        sums.add(sum(when(both, y)));
        sums.add(sum(when(both, x.multiply(x))));
        sums.add(sum(when(both, y.multiply(y))));
        sums.add(sum(when(both, x.multiply(y))));
      }
    }
    Row g = data.agg(sums.get(0), sums.subList(1, sums.size()).toArray(new Column[0])).first();
    List<Row> out = new ArrayList<>();
    int at = 0;
    List<String> outcomeNames = new ArrayList<>(outcomes.keySet());
    double[][] totals = new double[outcomeNames.size()][3];
    List<Row> numericRows = new ArrayList<>();
    for (int o = 0; o < outcomeNames.size(); o++) {
      totals[o] = new double[] {num(g, at), num(g, at + 1), num(g, at + 2)};
      at += 3;
      for (String name : numeric.keySet()) {
        numericRows.add(cell(source, name, outcomeNames.get(o), (long) num(g, at), num(g, at + 1), num(g, at + 2),
            num(g, at + 3), num(g, at + 4), num(g, at + 5)));
        at += 6;
      }
    }
    numericRows.sort(java.util.Comparator.comparing((Row r) -> r.getString(1)).thenComparing(r -> r.getString(2)));
    out.addAll(numericRows);
    if (indicators != null) {
      List<Column> ySums = new ArrayList<>();
      for (Column y : outcomes.values()) {
        ySums.add(sum(when(y.isNotNull(), 1L).otherwise(0L)));
        ySums.add(sum(y));
      }
      for (Row r : data.withColumn("_indicator", explode(indicators)).filter(col("_indicator").isNotNull())
          .groupBy(col("_indicator"))
          .agg(ySums.get(0), ySums.subList(1, ySums.size()).toArray(new Column[0]))
          .orderBy("_indicator").collectAsList()) {
        for (int o = 0; o < outcomeNames.size(); o++) {
          double present = r.getLong(1 + 2 * o);
          // an indicator is 1 on the rows counted here and 0 elsewhere: Σx = Σx² = present, Σxy = Σy over them
          out.add(cell(source, r.getString(0), outcomeNames.get(o), (long) totals[o][0], present, totals[o][1], present,
              totals[o][2], num(r, 2 + 2 * o)));
        }
      }
    }
    for (Row r : out) {
      if (!r.isNullAt(7)) {
        pValues.add(r.getDouble(7));
      }
    }
    return out;
  }

  private static Row cell(String source, String parameter, String outcome, long n, double sx, double sy, double sxx,
      double syy, double sxy) {
    double r = Stats.pearson(n, sx, sy, sxx, syy, sxy);
    if (Double.isNaN(r)) {
      return RowFactory.create(source, parameter, outcome, n, null, null, null, null);
    }
    Stats.Interval ci = Stats.correlationInterval(r, n, Stats.Z95);
    return RowFactory.create(source, parameter, outcome, n, r, ci.low(), ci.high(), Stats.correlationPValue(r, n));
  }

  /** A sum's value; Spark's sum over no rows is null, which here means 0. */
  private static double num(Row r, int i) {
    return r.isNullAt(i) ? 0.0 : ((Number) r.get(i)).doubleValue();
  }
}

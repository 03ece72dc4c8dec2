package io.genlake.failure;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import io.genlake.table.Fields;
import io.genlake.table.GoldParameterCorrelations;
import io.genlake.table.SilverFeedbackAttempts;
import java.util.ArrayList;
import java.util.HashMap;
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
 * outcome, from additive sums (n, Σx, Σy, Σx², Σy², Σxy) gathered in one aggregation per source. A numeric
 * parameter pairs with the outcomes of the rows that have it; an indicator ({@code view_mode=macro},
 * {@code pattern=dust}: 1 when present, else 0) pairs with every row that has the outcome, so only its 1s need
 * summing. Fisher-z intervals, t-test p-values and BH q-values over the matrix on the driver.
 */
final class Correlations {
  static final String PASS = "pass";
  static final String REALISM_SCORE = "realism_score";
  /** Marks the per-outcome totals row. */
  private static final String TOTAL = "\u0000total";

  private Correlations() {}

  /** {@code gold.parameter_correlations} of the attempts and the generation outcomes of {@code outcomes}. */
  static Dataset<Row> of(SparkSession spark, Dataset<Row> attempts, Dataset<Row> outcomes, double alpha) {
    Column passed = col(SilverFeedbackAttempts.PASSED).cast(DataTypes.DoubleType);
    Dataset<Row> a = attempts.select(
        concat(array(
                numeric(SilverFeedbackAttempts.GUIDANCE_SCALE, col(SilverFeedbackAttempts.GUIDANCE_SCALE)),
                numeric(SilverFeedbackAttempts.CONTAMINATION_UNIFORMITY, col(SilverFeedbackAttempts.CONTAMINATION_UNIFORMITY)),
                numeric(SilverFeedbackAttempts.GEN_PROMPT_LENGTH, col(SilverFeedbackAttempts.GEN_PROMPT_LENGTH)),
                numeric(SilverFeedbackAttempts.VAL_PROMPT_LENGTH, col(SilverFeedbackAttempts.VAL_PROMPT_LENGTH)),
                numeric(SilverFeedbackAttempts.VAL_TRUNCATED, col(SilverFeedbackAttempts.VAL_TRUNCATED)),
                numeric(SilverFeedbackAttempts.FEEDBACK_APPLIED, col(SilverFeedbackAttempts.FEEDBACK_APPLIED)),
                numeric(SilverFeedbackAttempts.RETRY_COUNT, col(SilverFeedbackAttempts.RETRY_COUNT)),
                indicator(SilverFeedbackAttempts.VIEW_MODE, col(SilverFeedbackAttempts.VIEW_MODE)),
                struct(lit(TOTAL).as("name"), lit(0.0).as("x"))),
            transform(org.apache.spark.sql.functions.array_distinct(
                    coalesce(col(SilverFeedbackAttempts.PATTERNS_USED), array().cast(Fields.STRINGS))),
                p -> struct(concat(lit("pattern="), p).as("name"), lit(1.0).as("x")))).as("features"),
        array(outcome(PASS, passed), outcome(REALISM_SCORE, AttemptAnalytics.validScore())).as("outcomes"));
    Dataset<Row> g = outcomes.filter(col(Outcomes.SOURCE).equalTo(Outcomes.GENERATION)).select(
        array(numeric(Outcomes.CFG_SCALE, col(Outcomes.CFG_SCALE)), numeric(Outcomes.STEPS_COLUMN,
            col(Outcomes.STEPS_COLUMN)), struct(lit(TOTAL).as("name"), lit(0.0).as("x"))).as("features"),
        array(outcome(PASS, col(Outcomes.FAILED).equalTo(false).cast(DataTypes.DoubleType))).as("outcomes"));
    List<Row> rows = new ArrayList<>();
    List<Double> pValues = new ArrayList<>();
    rows.addAll(matrix(Outcomes.ATTEMPT, a, pValues));
    rows.addAll(matrix(Outcomes.GENERATION, g, pValues));
    double[] q = Stats.benjaminiHochberg(pValues.stream().mapToDouble(Double::doubleValue).toArray());
    List<Row> out = new ArrayList<>();
    int k = 0;
    for (Row r : rows) {
      if (r.isNullAt(7)) {
        out.add(RowFactory.create(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6), null, null,
            false));
      } else {
        double qv = q[k++];
        out.add(RowFactory.create(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6), r.get(7), qv,
            qv <= alpha));
      }
    }
    return spark.createDataFrame(out, GoldParameterCorrelations.SCHEMA);
  }

  private static Column numeric(String name, Column value) {
    return when(value.isNotNull(), struct(lit(name).as("name"), value.cast(DataTypes.DoubleType).as("x")));
  }

  private static Column indicator(String name, Column value) {
    return when(value.isNotNull(), struct(concat(lit(name + "="), value).as("name"), lit(1.0).as("x")));
  }

  private static Column outcome(String name, Column value) {
    return when(value.isNotNull(), struct(lit(name).as("outcome"), value.cast(DataTypes.DoubleType).as("y")));
  }

  /** The rows of one source (p-value null when r is undefined); appends defined p-values to {@code pValues}. */
  private static List<Row> matrix(String source, Dataset<Row> features, List<Double> pValues) {
    List<Row> sums = features.withColumn("f", explode(col("features"))).filter(col("f").isNotNull())
        .withColumn("o", explode(col("outcomes"))).filter(col("o").isNotNull())
        .groupBy(col("f.name"), col("o.outcome"))
        .agg(count(lit(1)), sum(col("f.x")), sum(col("o.y")), sum(col("f.x").multiply(col("f.x"))),
            sum(col("o.y").multiply(col("o.y"))), sum(col("f.x").multiply(col("o.y"))))
        .orderBy(col("name"), col("outcome"))
        .collectAsList();
    Map<String, Row> totals = new HashMap<>();
    for (Row r : sums) {
      if (r.getString(0).equals(TOTAL)) {
        totals.put(r.getString(1), r);
      }
    }
    List<Row> out = new ArrayList<>();
    for (Row r : sums) {
      String name = r.getString(0);
      if (name.equals(TOTAL)) {
        continue;
      }
      boolean isIndicator = name.contains("=");
      Row t = totals.get(r.getString(1));
      long n = isIndicator ? t.getLong(2) : r.getLong(2);
      double sy = isIndicator ? t.getDouble(4) : r.getDouble(4);
      double syy = isIndicator ? t.getDouble(6) : r.getDouble(6);
      double rr = Stats.pearson(n, r.getDouble(3), sy, r.getDouble(5), syy, r.getDouble(7));
      if (Double.isNaN(rr)) {
        out.add(RowFactory.create(source, name, r.getString(1), n, null, null, null, null));
        continue;
      }
      Stats.Interval ci = Stats.correlationInterval(rr, n, Stats.Z95);
      double p = Stats.correlationPValue(rr, n);
      pValues.add(p);
      out.add(RowFactory.create(source, name, r.getString(1), n, rr, ci.low(), ci.high(), p));
    }
    return out;
  }
}

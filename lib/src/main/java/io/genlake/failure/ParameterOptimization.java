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
import io.genlake.table.GoldParameterOptimization;
import io.genlake.table.SilverFeedbackAttempts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * Seed 004's parameter optimization ({@code gold.parameter_optimization}): pass rates of attempts by range of each
 * generation parameter, per material category and model (each also as 'all'), with Wilson intervals, and the
 * suggested setting: the range with the highest Wilson lower bound among those with at least min_attempts attempts,
 * when at least two ranges qualify. Its difference with the other attempts of the scope carries Newcombe's interval.
 * One aggregation of the attempts (each counted once per parameter and scope); statistics on the driver.
 */
final class ParameterOptimization {
  static final String ALL = "all";
  /** Marks a scope's total of attempts that know the parameter. */
  private static final String KNOWN = "\u0000known";
  static final Buckets GUIDANCE = new Buckets(List.of(0.2, 0.3, 0.4, 0.5, 0.75, 1.0));
  static final Buckets PROMPT_LENGTH = new Buckets(List.of(1000.0, 2000.0, 2500.0, 3000.0, 3500.0, 4000.0));

  private ParameterOptimization() {}

  /** (parameter, range, order) structs of one attempt, plus a KNOWN entry per parameter it has. */
  private static Column parameters() {
    Column guidance = col(SilverFeedbackAttempts.GUIDANCE_SCALE);
    Column uniformity = col(SilverFeedbackAttempts.CONTAMINATION_UNIFORMITY);
    Column length = col(SilverFeedbackAttempts.GEN_PROMPT_LENGTH).cast(DataTypes.DoubleType);
    Column view = col(SilverFeedbackAttempts.VIEW_MODE);
    Column patterns = coalesce(col(SilverFeedbackAttempts.PATTERNS_USED), array().cast(Fields.STRINGS));
    return concat(
        array(
            entry(SilverFeedbackAttempts.GUIDANCE_SCALE, GUIDANCE.label(guidance), GUIDANCE.index(guidance)),
            entry(SilverFeedbackAttempts.CONTAMINATION_UNIFORMITY, uniformity.cast(DataTypes.StringType), uniformity),
            entry(SilverFeedbackAttempts.GEN_PROMPT_LENGTH, PROMPT_LENGTH.label(length), PROMPT_LENGTH.index(length)),
            entry(SilverFeedbackAttempts.VIEW_MODE, view, lit(0)),
            known(SilverFeedbackAttempts.GUIDANCE_SCALE, guidance),
            known(SilverFeedbackAttempts.CONTAMINATION_UNIFORMITY, uniformity),
            known(SilverFeedbackAttempts.GEN_PROMPT_LENGTH, length),
            known(SilverFeedbackAttempts.VIEW_MODE, view),
            known("pattern", lit(true))),
        transform(org.apache.spark.sql.functions.array_distinct(patterns), p -> entry("pattern", p, lit(0))));
  }

  private static Column entry(String parameter, Column range, Column order) {
    return when(range.isNotNull(), struct(lit(parameter).as("parameter"), range.as("range"),
        order.cast(DataTypes.IntegerType).as("ord")));
  }

  private static Column known(String parameter, Column value) {
    return when(value.isNotNull(), struct(lit(parameter).as("parameter"), lit(KNOWN).as("range"),
        lit(-1).as("ord")));
  }

  /**
   * {@code gold.parameter_optimization} from every attempt: one aggregation on (category, model, parameter, range);
   * the 'all' scopes are summed from its rows on the driver.
   */
  static Dataset<Row> of(SparkSession spark, Dataset<Row> attempts, int minAttempts) {
    Column model = coalesce(col(SilverFeedbackAttempts.MODEL_NAME), lit(Outcomes.UNKNOWN));
    Column score = AttemptAnalytics.validScore();
    // (category, model, parameter, range, ord) -> {attempts, passed, score count} and score sum
    Map<List<Object>, long[]> counts = new TreeMap<>(KEY_ORDER);
    Map<List<Object>, Double> scores = new TreeMap<>(KEY_ORDER);
    for (Row r : attempts.withColumn("p", explode(parameters())).filter(col("p").isNotNull())
        .groupBy(col(SilverFeedbackAttempts.CATEGORY), model.as("model"), col("p.parameter"), col("p.range"),
            col("p.ord"))
        .agg(count(lit(1)), sum(when(col(SilverFeedbackAttempts.PASSED), 1L).otherwise(0L)), sum(score), count(score))
        .collectAsList()) {
      for (String category : List.of(r.getString(0), ALL)) {
        for (String m : List.of(r.getString(1), ALL)) {
          List<Object> key = List.of(category, m, r.getString(2), r.getString(3), r.getInt(4));
          long[] c = counts.computeIfAbsent(key, k -> new long[3]);
          c[0] += r.getLong(5);
          c[1] += r.getLong(6);
          c[2] += r.getLong(8);
          scores.merge(key, r.isNullAt(7) ? 0.0 : r.getDouble(7), Double::sum);
        }
      }
    }
    Map<String, List<Row>> byScope = new TreeMap<>();
    counts.forEach((k, c) -> byScope.computeIfAbsent(k.get(0) + "\u0000" + k.get(1) + "\u0000" + k.get(2),
        x -> new ArrayList<>()).add(RowFactory.create(k.get(0), k.get(1), k.get(2), k.get(3), k.get(4), c[0], c[1],
            scores.get(k), c[2])));
    List<Row> out = new ArrayList<>();
    for (List<Row> rows : byScope.values()) {
      out.addAll(scope(rows, minAttempts));
    }
    return spark.createDataFrame(out, GoldParameterOptimization.SCHEMA);
  }

  /** Orders keys (category, model, parameter, range, ord) field by field. */
  private static final java.util.Comparator<List<Object>> KEY_ORDER = (a, b) -> {
    for (int i = 0; i < a.size(); i++) {
      @SuppressWarnings("unchecked")
      int c = ((Comparable<Object>) a.get(i)).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  };

  /** The rows of one (category, model, parameter): statistics per range and the suggestion. */
  static List<Row> scope(List<Row> rows, int minAttempts) {
    long knownN = 0;
    long knownOk = 0;
    List<Row> ranges = new ArrayList<>();
    for (Row r : rows) {
      if (KNOWN.equals(r.getString(3))) {
        knownN = r.getLong(5);
        knownOk = r.getLong(6);
      } else {
        ranges.add(r);
      }
    }
    ranges.sort(Comparator.<Row>comparingInt(r -> r.getInt(4)).thenComparing(r -> r.getString(3)));
    int best = -1;
    int qualifying = 0;
    double bestLow = -1;
    for (int i = 0; i < ranges.size(); i++) {
      Row r = ranges.get(i);
      if (r.getLong(5) >= minAttempts) {
        qualifying++;
        double low = Stats.wilson(r.getLong(6), r.getLong(5), Stats.Z95).low();
        if (low > bestLow) {
          bestLow = low;
          best = i;
        }
      }
    }
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < ranges.size(); i++) {
      Row r = ranges.get(i);
      long n = r.getLong(5);
      long ok = r.getLong(6);
      Stats.Interval ci = Stats.wilson(ok, n, Stats.Z95);
      long otherN = knownN - n;
      long otherOk = knownOk - ok;
      Double others = otherN > 0 ? (double) otherOk / otherN : null;
      Stats.Interval d = otherN > 0 ? Stats.differenceInterval(otherOk, otherN, ok, n, Stats.Z95) : null;
      Double avg = r.getLong(8) > 0 ? r.getDouble(7) / r.getLong(8) : null;
      out.add(RowFactory.create(r.getString(0), r.getString(1), r.getString(2), r.getString(3), i, n, ok,
          (double) ok / n, ci.low(), ci.high(), avg, i == best && qualifying >= 2, others,
          d == null ? null : d.low(), d == null ? null : d.high()));
    }
    return out;
  }
}

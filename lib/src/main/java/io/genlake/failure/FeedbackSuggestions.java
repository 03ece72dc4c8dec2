package io.genlake.failure;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.genlake.config.FailureConfig;
import io.genlake.table.GoldFeedbackSuggestions;
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
import org.apache.spark.sql.expressions.Window;

/**
 * Seed 004's auto-feedback suggestions ({@code gold.feedback_suggestions}). In each retry chain (same category and
 * material, by time then id) an attempt with feedback text answers the attempt before it; each use counts for every
 * scope of the answered attempt: its physics issues and red flags, its failure category (when it failed) and the
 * material category. Per scope and normalized text: uses, passes of the answering attempt, realism score gain. On
 * the driver, near-duplicate texts of a scope are merged ({@link TextClusters}), groups used fewer than min_uses times
 * dropped, the rest ranked by the Wilson lower bound of the success rate. One window over the chains (a sort of the
 * attempts) and one aggregation; at most {@link #TEXTS_PER_SCOPE} normalized texts per scope reach the driver.
 */
final class FeedbackSuggestions {
  /** Most-used normalized texts per scope that are clustered (the rest are too rare to suggest). */
  static final int TEXTS_PER_SCOPE = 500;
  static final String PHYSICS_ISSUE = "physics_issue";
  static final String RED_FLAG = "red_flag";
  static final String FAILURE_CATEGORY = "failure_category";
  static final String CATEGORY = "category";

  private FeedbackSuggestions() {}

  /** The normal form of a text column, as {@link TextClusters#normalize}. */
  static Column normalized(Column text) {
    return trim(regexp_replace(lower(text), TextClusters.NON_WORD, " "));
  }

  /** Per scope and normalized text: uses, successes, gain sum and count, a most common original text and category. */
  static Dataset<Row> uses(Dataset<Row> attempts) {
    Column chain = org.apache.spark.sql.functions.concat_ws("/", col(SilverFeedbackAttempts.CATEGORY),
        col(SilverFeedbackAttempts.MATERIAL));
    var byTime = Window.partitionBy(chain).orderBy(col(SilverFeedbackAttempts.ATTEMPTED_AT),
        col(SilverFeedbackAttempts.ATTEMPT_ID));
    Column score = AttemptAnalytics.validScore();
    Dataset<Row> answered = attempts
        .withColumn("prev", lag(struct(col(SilverFeedbackAttempts.PASSED).as("passed"),
            col(SilverFeedbackAttempts.PHYSICS_ISSUES).as("physics"), col(SilverFeedbackAttempts.RED_FLAGS).as("flags"),
            col(SilverFeedbackAttempts.FAILURE_CATEGORY).as("failure"), score.as("score")), 1).over(byTime))
        .filter(col(SilverFeedbackAttempts.FEEDBACK_APPLIED).and(col(SilverFeedbackAttempts.FEEDBACK_TEXT).isNotNull())
            .and(col("prev").isNotNull()))
        .withColumn("norm", normalized(col(SilverFeedbackAttempts.FEEDBACK_TEXT)))
        .filter(col("norm").notEqual(""));
    Column scopes = concat(
        transform(coalesceList(col("prev.physics")), i -> struct(lit(PHYSICS_ISSUE).as("kind"), i.as("scope"))),
        transform(coalesceList(col("prev.flags")), i -> struct(lit(RED_FLAG).as("kind"), i.as("scope"))),
        array(when(col("prev.passed").equalTo(false), struct(lit(FAILURE_CATEGORY).as("kind"),
            org.apache.spark.sql.functions.coalesce(col("prev.failure"), lit(Outcomes.UNSPECIFIED)).as("scope")))),
        array(struct(lit(CATEGORY).as("kind"), col(SilverFeedbackAttempts.CATEGORY).as("scope"))));
    Column gain = score.minus(col("prev.score"));
    Dataset<Row> grouped = answered.withColumn("s", explode(scopes)).filter(col("s").isNotNull())
        .groupBy(col("s.kind").as("kind"), col("s.scope").as("scope"), col("norm"))
        .agg(count(lit(1)).as("uses"), sum(when(col(SilverFeedbackAttempts.PASSED), 1L).otherwise(0L)).as("ok"),
            sum(gain).as("gain_sum"), count(gain).as("gain_n"),
            max_by(col(SilverFeedbackAttempts.FEEDBACK_TEXT), col(SilverFeedbackAttempts.ATTEMPTED_AT)).as("text"),
            max_by(AttemptAnalytics.feedbackCategory(), col(SilverFeedbackAttempts.ATTEMPTED_AT)).as("fc"));
    return grouped.withColumn("r", row_number().over(Window.partitionBy("kind", "scope")
            .orderBy(col("uses").desc(), col("norm"))))
        .filter(col("r").leq(TEXTS_PER_SCOPE)).drop("r");
  }

  private static Column coalesceList(Column c) {
    return org.apache.spark.sql.functions.coalesce(c, array().cast(io.genlake.table.Fields.STRINGS));
  }

  /** One normalized text's counts in a scope. */
  record TextUse(String kind, String scope, String text, String feedbackCategory, long uses, long successes,
      double gainSum, long gainN) {}

  /** The suggestions of {@code uses} rows (see {@link #uses}), ranked per scope. */
  static List<Row> rank(List<TextUse> uses, FailureConfig.Suggestions config) {
    Map<String, List<TextUse>> byScope = new TreeMap<>();
    for (TextUse u : uses) {
      byScope.computeIfAbsent(u.kind() + "\u0000" + u.scope(), k -> new ArrayList<>()).add(u);
    }
    List<Row> out = new ArrayList<>();
    for (List<TextUse> scoped : byScope.values()) {
      List<Row> rows = new ArrayList<>();
      List<double[]> keys = new ArrayList<>();
      for (TextClusters.Cluster<TextUse> c : TextClusters.cluster(scoped, TextUse::text, TextUse::uses,
          config.similarity())) {
        long n = 0;
        long ok = 0;
        double gain = 0;
        long gainN = 0;
        Map<String, Long> categories = new TreeMap<>();
        for (TextUse m : c.members()) {
          n += m.uses();
          ok += m.successes();
          gain += m.gainSum();
          gainN += m.gainN();
          if (m.feedbackCategory() != null) {
            categories.merge(m.feedbackCategory(), m.uses(), Long::sum);
          }
        }
        if (n < config.minUses()) {
          continue;
        }
        Stats.Interval ci = Stats.wilson(ok, n, Stats.Z95);
        String category = categories.entrySet().stream().max(Map.Entry.<String, Long>comparingByValue()
            .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).map(Map.Entry::getKey).orElse(null);
        TextUse rep = c.representative();
        rows.add(RowFactory.create(rep.kind(), rep.scope(), 0, rep.text(), category, c.members().size(), n, ok,
            (double) ok / n, ci.low(), ci.high(), gainN == 0 ? null : gain / gainN));
        keys.add(new double[] {ci.low(), n});
      }
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        order.add(i);
      }
      order.sort(Comparator.<Integer>comparingDouble(i -> -keys.get(i)[0]).thenComparingDouble(i -> -keys.get(i)[1])
          .thenComparing(i -> rows.get(i).getString(3)));
      for (int r = 0; r < Math.min(config.perScope(), order.size()); r++) {
        Row x = rows.get(order.get(r));
        out.add(RowFactory.create(x.get(0), x.get(1), r + 1, x.get(3), x.get(4), x.get(5), x.get(6), x.get(7), x.get(8),
            x.get(9), x.get(10), x.get(11)));
      }
    }
    return out;
  }

  /** {@code gold.feedback_suggestions} of every attempt. */
  static Dataset<Row> of(SparkSession spark, Dataset<Row> attempts, FailureConfig.Suggestions config) {
    List<TextUse> uses = new ArrayList<>();
    for (Row r : uses(attempts).collectAsList()) {
      uses.add(new TextUse(r.getAs("kind"), r.getAs("scope"), r.getAs("text"), r.getAs("fc"), r.<Long>getAs("uses"),
          r.<Long>getAs("ok"), r.isNullAt(r.fieldIndex("gain_sum")) ? 0.0 : ((Number) r.getAs("gain_sum")).doubleValue(),
          r.<Long>getAs("gain_n")));
    }
    return spark.createDataFrame(rank(uses, config), GoldFeedbackSuggestions.SCHEMA);
  }
}

package io.genlake.failure;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc_nulls_last;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.genlake.table.GoldFeedbackEffectiveness;
import io.genlake.table.GoldFeedbackExamples;
import io.genlake.table.GoldFeedbackPatterns;
import io.genlake.table.GoldTruncationImpact;
import io.genlake.table.SilverFeedbackAttempts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * Seed 004's analytics over {@code silver.feedback_attempts}: feedback effectiveness (overall and along retry
 * chains), effectiveness per feedback category, best feedback examples, prompt truncation impact. Each is one
 * small aggregation; the per-group statistics (Wilson, Newcombe) are computed on the driver over the few
 * aggregated rows.
 */
final class AttemptAnalytics {
  static final String OVERALL = "overall";
  static final String RETRY_CHAINS = "retry_chains";
  static final String CHAIN = "chain";
  static final Buckets PROMPT_LENGTH = new Buckets(List.of(1000.0, 2000.0, 3000.0, 4000.0));

  private AttemptAnalytics() {}

  /** The realism score when it is within 0..100, else null: out-of-range scores never enter averages. */
  static Column validScore() {
    Column s = col(SilverFeedbackAttempts.REALISM_SCORE);
    return when(s.between(0, 100), s.cast(DataTypes.DoubleType));
  }

  /** The feedback category when it is one of seed 004's six, {@code other} when not, null when absent. */
  static Column feedbackCategory() {
    Column c = col(SilverFeedbackAttempts.FEEDBACK_CATEGORY);
    return when(c.isNull(), lit(null).cast(DataTypes.StringType))
        .when(c.isin(SilverFeedbackAttempts.FEEDBACK_CATEGORIES.toArray()), c)
        .otherwise(lit(Outcomes.OTHER));
  }

  /**
   * Before vs after feedback: overall (attempts without vs with feedback applied); per retry chain (same
   * category and material ordered by time and id: attempts before the chain's first feedback vs from it
   * on); and pooled over the chains that have both phases. Two aggregations.
   */
  static Dataset<Row> feedbackEffectiveness(SparkSession spark, Dataset<Row> attempts) {
    List<Row> rows = new ArrayList<>();
    long[] before = new long[2];
    long[] after = new long[2];
    for (Row r : attempts.groupBy(col(SilverFeedbackAttempts.FEEDBACK_APPLIED))
        .agg(count(lit(1)), sum(when(col(SilverFeedbackAttempts.PASSED), 1).otherwise(0))).collectAsList()) {
      long[] target = r.getBoolean(0) ? after : before;
      target[0] += r.getLong(1);
      target[1] += r.getLong(2);
    }
    rows.add(effectivenessRow(OVERALL, null, 0, before, after));

    Column chain = org.apache.spark.sql.functions.concat_ws("/", col(SilverFeedbackAttempts.CATEGORY),
        col(SilverFeedbackAttempts.MATERIAL));
    var byTime = Window.partitionBy(chain).orderBy(col(SilverFeedbackAttempts.ATTEMPTED_AT), col(SilverFeedbackAttempts.ATTEMPT_ID))
        .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    Dataset<Row> phased = attempts
        .withColumn("chain", chain)
        .withColumn("after", max(when(col(SilverFeedbackAttempts.FEEDBACK_APPLIED), 1).otherwise(0)).over(byTime));
    Map<String, long[][]> chains = new TreeMap<>();
    for (Row r : phased.groupBy(col("chain"), col("after"))
        .agg(count(lit(1)), sum(when(col(SilverFeedbackAttempts.PASSED), 1).otherwise(0))).collectAsList()) {
      long[][] c = chains.computeIfAbsent(r.getString(0), k -> new long[2][2]);
      c[r.getInt(1)][0] = r.getLong(2);
      c[r.getInt(1)][1] = r.getLong(3);
    }
    long[] pooledBefore = new long[2];
    long[] pooledAfter = new long[2];
    long paired = 0;
    List<Row> perChain = new ArrayList<>();
    for (Map.Entry<String, long[][]> e : chains.entrySet()) {
      long[][] c = e.getValue();
      perChain.add(effectivenessRow(CHAIN, e.getKey(), 1, c[0], c[1]));
      if (c[0][0] > 0 && c[1][0] > 0) {
        paired++;
        pooledBefore[0] += c[0][0];
        pooledBefore[1] += c[0][1];
        pooledAfter[0] += c[1][0];
        pooledAfter[1] += c[1][1];
      }
    }
    rows.add(effectivenessRow(RETRY_CHAINS, null, paired, pooledBefore, pooledAfter));
    rows.addAll(perChain);
    return spark.createDataFrame(rows, GoldFeedbackEffectiveness.SCHEMA);
  }

  private static Row effectivenessRow(String scope, String chainKey, long chains, long[] before, long[] after) {
    Double b = before[0] == 0 ? null : (double) before[1] / before[0];
    Double a = after[0] == 0 ? null : (double) after[1] / after[0];
    Double diff = a == null || b == null ? null : a - b;
    Stats.Interval ci = Stats.differenceInterval(before[1], before[0], after[1], after[0], Stats.Z95);
    return RowFactory.create(scope, chainKey, chains, before[0], before[1], b, after[0], after[1], a, diff,
        diff == null ? null : ci.low(), diff == null ? null : ci.high());
  }

  /**
   * Per feedback category (attempts with feedback applied and a category): uses, successes, success rate
   * with Wilson interval, average in-range score; best success rate first, then best score. One aggregation.
   */
  static Dataset<Row> feedbackPatterns(SparkSession spark, Dataset<Row> attempts) {
    List<Row> rows = new ArrayList<>();
    for (Row r : attempts.filter(col(SilverFeedbackAttempts.FEEDBACK_APPLIED))
        .withColumn("fc", feedbackCategory()).filter(col("fc").isNotNull())
        .groupBy("fc")
        .agg(count(lit(1)), sum(when(col(SilverFeedbackAttempts.PASSED), 1).otherwise(0)), avg(validScore()))
        .collectAsList()) {
      long uses = r.getLong(1);
      long ok = r.getLong(2);
      Stats.Interval ci = Stats.wilson(ok, uses, Stats.Z95);
      rows.add(RowFactory.create(r.getString(0), uses, ok, (double) ok / uses, r.isNullAt(3) ? null : r.getDouble(3),
          ci.low(), ci.high()));
    }
    rows.sort((x, y) -> {
      int c = Double.compare(y.getDouble(3), x.getDouble(3));
      if (c != 0) {
        return c;
      }
      double sx = x.isNullAt(4) ? -1 : x.getDouble(4);
      double sy = y.isNullAt(4) ? -1 : y.getDouble(4);
      return sx != sy ? Double.compare(sy, sx) : x.getString(0).compareTo(y.getString(0));
    });
    return spark.createDataFrame(rows, GoldFeedbackPatterns.SCHEMA);
  }

  /**
   * Seed 004's get_best_feedback_examples for every category at once, one example per distinct text: passed attempts
   * with feedback text; per category and normalized text ({@link TextClusters#normalize}) the best attempt (realism
   * score, then newest, then id) stands for the text; texts are ranked by that attempt within their category and
   * the first {@code perCategory} kept. Two windows over the category.
   */
  static Dataset<Row> bestFeedbackExamples(Dataset<Row> attempts, int perCategory) {
    var best = Window.partitionBy(col("fc"), col("norm")).orderBy(desc_nulls_last(SilverFeedbackAttempts.REALISM_SCORE),
        col(SilverFeedbackAttempts.ATTEMPTED_AT).desc(), col(SilverFeedbackAttempts.ATTEMPT_ID));
    var rank = Window.partitionBy(col("fc")).orderBy(desc_nulls_last(SilverFeedbackAttempts.REALISM_SCORE),
        col(SilverFeedbackAttempts.ATTEMPTED_AT).desc(), col(SilverFeedbackAttempts.ATTEMPT_ID));
    return attempts
        .filter(col(SilverFeedbackAttempts.PASSED).and(col(SilverFeedbackAttempts.FEEDBACK_TEXT).isNotNull()))
        .withColumn("fc", feedbackCategory()).filter(col("fc").isNotNull())
        .withColumn("norm", FeedbackSuggestions.normalized(col(SilverFeedbackAttempts.FEEDBACK_TEXT)))
        .withColumn("first", row_number().over(best)).filter(col("first").equalTo(1))
        .withColumn("rnk", row_number().over(rank))
        .filter(col("rnk").leq(perCategory))
        .select(
            col("fc").as(GoldFeedbackExamples.FEEDBACK_CATEGORY),
            col("rnk").as(GoldFeedbackExamples.RANK),
            col(SilverFeedbackAttempts.ATTEMPT_ID).as(GoldFeedbackExamples.ATTEMPT_ID),
            col(SilverFeedbackAttempts.MATERIAL).as(GoldFeedbackExamples.MATERIAL),
            when(col(SilverFeedbackAttempts.REALISM_SCORE).between(0, 100), col(SilverFeedbackAttempts.REALISM_SCORE))
                .as(GoldFeedbackExamples.REALISM_SCORE),
            col(SilverFeedbackAttempts.FEEDBACK_TEXT).as(GoldFeedbackExamples.FEEDBACK_TEXT),
            col(SilverFeedbackAttempts.FEEDBACK_SOURCE).as(GoldFeedbackExamples.FEEDBACK_SOURCE),
            col(SilverFeedbackAttempts.ATTEMPTED_AT).as(GoldFeedbackExamples.ATTEMPTED_AT));
  }

  /** Pass rate and score by validated prompt length bucket and truncation flag. One aggregation. */
  static Dataset<Row> truncationImpact(Dataset<Row> attempts) {
    return attempts
        .withColumn("bucket", coalesce(PROMPT_LENGTH.label(col(SilverFeedbackAttempts.VAL_PROMPT_LENGTH)
            .cast(DataTypes.DoubleType)), lit(Outcomes.UNKNOWN)))
        .withColumn("trunc", coalesce(col(SilverFeedbackAttempts.VAL_TRUNCATED).cast(DataTypes.StringType),
            lit(Outcomes.UNKNOWN)))
        .groupBy("bucket", "trunc")
        .agg(count(lit(1)).as("n"), sum(when(col(SilverFeedbackAttempts.PASSED), 1L).otherwise(0L)).as("ok"),
            avg(validScore()).as("score"))
        .select(
            col("bucket").as(GoldTruncationImpact.PROMPT_LENGTH_BUCKET),
            col("trunc").as(GoldTruncationImpact.TRUNCATED),
            col("n").as(GoldTruncationImpact.ATTEMPTS),
            col("ok").as(GoldTruncationImpact.PASSED),
            col("ok").divide(col("n")).as(GoldTruncationImpact.PASS_RATE),
            col("score").as(GoldTruncationImpact.AVG_SCORE));
  }

  /** Attempts listing each physics issue and red flag (distinct per attempt). One aggregation per list. */
  static Dataset<Row> issueCounts(Dataset<Row> attempts, String listColumn, String kind) {
    return attempts.select(explode(array_distinct(col(listColumn))).as("issue"))
        .groupBy("issue").count()
        .select(lit(Outcomes.ATTEMPT).as("source"), lit(kind).as("kind"), col("issue"), col("count"));
  }
}

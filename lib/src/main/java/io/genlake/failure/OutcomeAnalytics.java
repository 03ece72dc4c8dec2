package io.genlake.failure;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.genlake.table.GoldCategoryStats;
import io.genlake.table.GoldDailyTrends;
import io.genlake.table.GoldFailureCounts;
import io.genlake.table.GoldIssueFrequency;
import io.genlake.table.GoldSessionStats;
import io.genlake.table.SilverSessions;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Gold tables summed from the additive outcome counts ({@code gold.failure_counts}): category statistics,
 * failure-category frequencies, trend series and session statistics. Each is one small aggregation of the counts
 * table (thousands of rows, not outcomes).
 */
final class OutcomeAnalytics {
  /** The dimensions gold.category_stats lists (the session dimension goes to gold.session_stats). */
  static final List<String> CATEGORY_DIMENSIONS = List.of(OutcomeCounts.ALL, OutcomeCounts.MODEL,
      OutcomeCounts.PROVIDER, OutcomeCounts.CHECKPOINT, OutcomeCounts.SAMPLER, OutcomeCounts.TEMPLATE,
      OutcomeCounts.MATERIAL_CATEGORY);
  /** The dimensions of trend series. */
  static final List<String> TREND_DIMENSIONS = List.of(OutcomeCounts.ALL, OutcomeCounts.MODEL, OutcomeCounts.PROVIDER,
      OutcomeCounts.MATERIAL_CATEGORY);
  static final String FAILURE_CATEGORY_KIND = "failure_category";

  private OutcomeAnalytics() {}

  /**
   * Per source, dimension and value: attempts, passed, failures, rates, average in-range score, failures by
   * category. Two aggregations of the counts: (source, dimension, value, category), then (source, dimension, value).
   */
  static Dataset<Row> categoryStats(Dataset<Row> counts) {
    Dataset<Row> fine = counts.filter(col(GoldFailureCounts.DIMENSION).isin(CATEGORY_DIMENSIONS.toArray()))
        .groupBy(col(GoldFailureCounts.SOURCE), col(GoldFailureCounts.DIMENSION), col(GoldFailureCounts.VALUE),
            col(GoldFailureCounts.FAILURE_CATEGORY))
        .agg(sum(GoldFailureCounts.OUTCOMES).as("n"), sum(GoldFailureCounts.FAILURES).as("f"),
            sum(GoldFailureCounts.SCORE_SUM).as("score_sum"), sum(GoldFailureCounts.SCORE_N).as("score_n"));
    return fine.groupBy(GoldFailureCounts.SOURCE, GoldFailureCounts.DIMENSION, GoldFailureCounts.VALUE)
        .agg(sum("n").as("n"), sum("f").as("f"), sum("score_sum").as("score_sum"), sum("score_n").as("score_n"),
            collect_list(when(col("f").gt(0), struct(col(GoldFailureCounts.FAILURE_CATEGORY), col("f")))).as("cats"))
        .select(
            col(GoldFailureCounts.SOURCE).as(GoldCategoryStats.SOURCE),
            col(GoldFailureCounts.DIMENSION).as(GoldCategoryStats.DIMENSION),
            col(GoldFailureCounts.VALUE).as(GoldCategoryStats.VALUE),
            col("n").as(GoldCategoryStats.ATTEMPTS),
            col("n").minus(col("f")).as(GoldCategoryStats.PASSED),
            col("f").as(GoldCategoryStats.FAILURES),
            col("n").minus(col("f")).divide(col("n")).as(GoldCategoryStats.PASS_RATE),
            col("f").divide(col("n")).as(GoldCategoryStats.FAILURE_RATE),
            when(col("score_n").gt(0), col("score_sum").divide(col("score_n"))).as(GoldCategoryStats.AVG_SCORE),
            map_from_entries(filter(col("cats"), c -> c.isNotNull())).as(GoldCategoryStats.FAILURES_BY_CATEGORY));
  }

  /** Failures per failure category and source, as (source, kind, issue, count). */
  static Dataset<Row> failureCategoryCounts(Dataset<Row> counts) {
    return counts.filter(col(GoldFailureCounts.DIMENSION).equalTo(OutcomeCounts.ALL)
            .and(col(GoldFailureCounts.FAILURES).gt(0)))
        .groupBy(col(GoldFailureCounts.SOURCE), col(GoldFailureCounts.FAILURE_CATEGORY))
        .agg(sum(GoldFailureCounts.FAILURES).as("count"))
        .select(col(GoldFailureCounts.SOURCE).as("source"), lit(FAILURE_CATEGORY_KIND).as("kind"),
            col(GoldFailureCounts.FAILURE_CATEGORY).as("issue"), col("count"));
  }

  /** Adds the denominators (outcomes per source) and shares to (source, kind, issue, count) rows. */
  static Dataset<Row> withShares(Dataset<Row> issueCounts, Dataset<Row> counts) {
    Dataset<Row> totals = counts.filter(col(GoldFailureCounts.DIMENSION).equalTo(OutcomeCounts.ALL))
        .groupBy(col(GoldFailureCounts.SOURCE).as("t_source")).agg(sum(GoldFailureCounts.OUTCOMES).as("total"));
    return issueCounts.join(totals, issueCounts.col("source").equalTo(totals.col("t_source")))
        .select(
            col("source").as(GoldIssueFrequency.SOURCE),
            col("kind").as(GoldIssueFrequency.KIND),
            col("issue").as(GoldIssueFrequency.ISSUE),
            col("count").as(GoldIssueFrequency.OCCURRENCES),
            col("total").as(GoldIssueFrequency.OUTCOMES),
            col("count").divide(col("total")).as(GoldIssueFrequency.SHARE));
  }

  /** Daily counts of the trend series, collected (days × series rows). */
  static List<Trends.Day> trendDays(Dataset<Row> counts) {
    List<Trends.Day> out = new ArrayList<>();
    for (Row r : counts.filter(col(GoldFailureCounts.DIMENSION).isin(TREND_DIMENSIONS.toArray()))
        .groupBy(col(GoldFailureCounts.SOURCE), col(GoldFailureCounts.DIMENSION), col(GoldFailureCounts.VALUE),
            col(GoldFailureCounts.DAY))
        .agg(sum(GoldFailureCounts.OUTCOMES), sum(GoldFailureCounts.FAILURES))
        .collectAsList()) {
      out.add(new Trends.Day(new Trends.Series(r.getString(0), r.getString(1), r.getString(2)),
          r.<Date>getAs(3).toLocalDate(), r.getLong(4), r.getLong(5)));
    }
    return out;
  }

  /** Trend rows as {@code gold.daily_trends} rows. */
  static Dataset<Row> trends(SparkSession spark, List<Trends.Row> rows) {
    List<Row> out = new ArrayList<>(rows.size());
    for (Trends.Row t : rows) {
      out.add(RowFactory.create(t.period(), Date.valueOf(t.start()), t.series().source(), t.series().dimension(),
          t.series().value(), t.outcomes(), t.failures(), t.failureRate().orElse(null),
          t.failureRate().map(r -> 1 - r).orElse(null), t.interval().map(Stats.Interval::low).orElse(null),
          t.interval().map(Stats.Interval::high).orElse(null), t.reliable(), t.change().orElse(null),
          t.changeInterval().map(Stats.Interval::low).orElse(null),
          t.changeInterval().map(Stats.Interval::high).orElse(null)));
    }
    return spark.createDataFrame(out, GoldDailyTrends.SCHEMA);
  }

  /**
   * Seed 002's get_session_stats for every session with outcomes, with the session's folder and model from
   * {@code sessions}. Two aggregations of the counts' session rows and one join.
   */
  static Dataset<Row> sessionStats(Dataset<Row> counts, Dataset<Row> sessions) {
    Dataset<Row> fine = counts.filter(col(GoldFailureCounts.DIMENSION).equalTo(OutcomeCounts.SESSION))
        .groupBy(col(GoldFailureCounts.VALUE), col(GoldFailureCounts.FAILURE_CATEGORY))
        .agg(sum(GoldFailureCounts.OUTCOMES).as("n"), sum(GoldFailureCounts.FAILURES).as("f"),
            sum(GoldFailureCounts.LIKED).as("liked"), sum(GoldFailureCounts.PERFECT).as("perfect"),
            sum(GoldFailureCounts.IMPERFECT).as("imperfect"));
    Dataset<Row> bySession = fine.groupBy(col(GoldFailureCounts.VALUE).as("sid"))
        .agg(sum("n").as("n"), sum("f").as("f"), sum("liked").as("liked"), sum("perfect").as("perfect"),
            sum("imperfect").as("imperfect"),
            collect_list(when(col("f").gt(0), struct(col(GoldFailureCounts.FAILURE_CATEGORY), col("f")))).as("cats"));
    Dataset<Row> s = sessions.select(col(SilverSessions.SESSION_ID).as("s_id"), col(SilverSessions.FOLDER_NAME),
        col(SilverSessions.MODEL_NAME));
    Column cats = map_from_entries(filter(col("cats"), c -> c.isNotNull()));
    return bySession.join(s, bySession.col("sid").equalTo(s.col("s_id")), "left").select(
        col("sid").as(GoldSessionStats.SESSION_ID),
        col(SilverSessions.FOLDER_NAME).as(GoldSessionStats.FOLDER_NAME),
        col(SilverSessions.MODEL_NAME).as(GoldSessionStats.MODEL),
        col("n").as(GoldSessionStats.OUTCOMES),
        col("n").minus(col("f")).as(GoldSessionStats.OK),
        col("f").as(GoldSessionStats.KO),
        col("liked").as(GoldSessionStats.LIKED),
        col("perfect").as(GoldSessionStats.PERFECT),
        col("imperfect").as(GoldSessionStats.IMPERFECT),
        col("f").divide(col("n")).as(GoldSessionStats.FAILURE_RATE),
        cats.as(GoldSessionStats.FAILURES_BY_CATEGORY));
  }
}

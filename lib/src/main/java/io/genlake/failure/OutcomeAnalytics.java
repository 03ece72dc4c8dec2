package io.genlake.failure;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.genlake.table.GoldCategoryStats;
import io.genlake.table.GoldDailyTrends;
import io.genlake.table.GoldIssueFrequency;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Analytics over unified outcome rows ({@link Outcomes#SCHEMA}) of both sources: category statistics,
 * failure category frequencies, daily and weekly trends.
 */
final class OutcomeAnalytics {
  /** The dimension (and value) of the whole-source row. */
  static final String ALL = "all";
  static final String MATERIAL_CATEGORY = "material_category";
  static final String MODEL = "model";
  static final String CHECKPOINT = "checkpoint";
  static final String SAMPLER = "sampler";
  static final String FAILURE_CATEGORY_KIND = "failure_category";

  private OutcomeAnalytics() {}

  /**
   * Per source, dimension and value: attempts, passed, failures, rates, average in-range score, failures by
   * category. Each source has an {@code all/all} row; attempts are grouped by material category; generation outcomes by model, checkpoint and
   * sampler. Two aggregations: (source, dimension, value, failure category), then (source, dimension, value).
   */
  static Dataset<Row> categoryStats(Dataset<Row> outcomes) {
    Column dims = when(col(Outcomes.SOURCE).equalTo(Outcomes.ATTEMPT),
        array(dim(ALL, lit(ALL)), dim(MATERIAL_CATEGORY, col(Outcomes.MATERIAL_CATEGORY))))
        .otherwise(array(dim(ALL, lit(ALL)), dim(MODEL, col(Outcomes.MODEL)), dim(CHECKPOINT, col(Outcomes.CHECKPOINT)),
            dim(SAMPLER, col(Outcomes.SAMPLER))));
    Dataset<Row> fine = outcomes.withColumn("d", explode(dims))
        .groupBy(col(Outcomes.SOURCE), col("d.dimension").as("dimension"), col("d.value").as("value"),
            col(Outcomes.FAILURE_CATEGORY))
        .agg(count(lit(1)).as("n"), sum(when(col(Outcomes.FAILED), 1L).otherwise(0L)).as("f"),
            sum(col(Outcomes.SCORE)).as("score_sum"), count(col(Outcomes.SCORE)).as("score_n"));
    return fine.groupBy(Outcomes.SOURCE, "dimension", "value")
        .agg(sum("n").as("n"), sum("f").as("f"), sum("score_sum").as("score_sum"), sum("score_n").as("score_n"),
            collect_list(when(col("f").gt(0), struct(col(Outcomes.FAILURE_CATEGORY), col("f")))).as("cats"))
        .select(
            col(Outcomes.SOURCE).as(GoldCategoryStats.SOURCE),
            col("dimension").as(GoldCategoryStats.DIMENSION),
            col("value").as(GoldCategoryStats.VALUE),
            col("n").as(GoldCategoryStats.ATTEMPTS),
            col("n").minus(col("f")).as(GoldCategoryStats.PASSED),
            col("f").as(GoldCategoryStats.FAILURES),
            col("n").minus(col("f")).divide(col("n")).as(GoldCategoryStats.PASS_RATE),
            col("f").divide(col("n")).as(GoldCategoryStats.FAILURE_RATE),
            when(col("score_n").gt(0), col("score_sum").divide(col("score_n"))).as(GoldCategoryStats.AVG_SCORE),
            map_from_entries(filter(col("cats"), c -> c.isNotNull())).as(GoldCategoryStats.FAILURES_BY_CATEGORY));
  }

  private static Column dim(String name, Column value) {
    return struct(lit(name).as("dimension"), coalesce(value, lit(Outcomes.UNKNOWN)).as("value"));
  }

  /** Failures per failure category and source, as (source, kind, issue, count). One aggregation. */
  static Dataset<Row> failureCategoryCounts(Dataset<Row> outcomes) {
    return outcomes.filter(col(Outcomes.FAILED))
        .groupBy(col(Outcomes.SOURCE), col(Outcomes.FAILURE_CATEGORY)).count()
        .select(col(Outcomes.SOURCE).as("source"), lit(FAILURE_CATEGORY_KIND).as("kind"),
            col(Outcomes.FAILURE_CATEGORY).as("issue"), col("count"));
  }

  /** Adds the denominators (outcomes per source) and shares to (source, kind, issue, count) rows. */
  static Dataset<Row> withShares(Dataset<Row> issueCounts, Dataset<Row> outcomes) {
    Dataset<Row> totals = outcomes.groupBy(col(Outcomes.SOURCE).as("t_source")).agg(count(lit(1)).as("total"));
    return issueCounts.join(totals, issueCounts.col("source").equalTo(totals.col("t_source")))
        .select(
            col("source").as(GoldIssueFrequency.SOURCE),
            col("kind").as(GoldIssueFrequency.KIND),
            col("issue").as(GoldIssueFrequency.ISSUE),
            col("count").as(GoldIssueFrequency.OCCURRENCES),
            col("total").as(GoldIssueFrequency.OUTCOMES),
            col("count").divide(col("total")).as(GoldIssueFrequency.SHARE));
  }

  /**
   * Outcomes and failures per day and ISO week, per source and model. Each (source, model) gets every day
   * from its first to its last outcome: empty days are rows with 0 outcomes and null rates. Aggregations on
   * (source, model, day), the calendar, and (source, model, week).
   */
  static Dataset<Row> dailyTrends(Dataset<Row> outcomes) {
    Dataset<Row> days = outcomes.withColumn("day", to_date(col(Outcomes.OCCURRED_AT)))
        .groupBy(col(Outcomes.SOURCE).as("d_source"), col(Outcomes.MODEL).as("d_model"), col("day").as("d_day"))
        .agg(count(lit(1)).as("n"), sum(when(col(Outcomes.FAILED), 1L).otherwise(0L)).as("f"));
    Dataset<Row> calendar = days.groupBy("d_source", "d_model").agg(min("d_day").as("lo"), max("d_day").as("hi"))
        .select(col("d_source").as("source"), col("d_model").as("model"),
            explode(sequence(col("lo"), col("hi"), expr("INTERVAL 1 DAY"))).as("day"));
    Dataset<Row> filled = calendar.join(days, calendar.col("source").equalTo(days.col("d_source"))
            .and(calendar.col("model").equalTo(days.col("d_model"))).and(calendar.col("day").equalTo(days.col("d_day"))),
            "left")
        .select(col("source"), col("model"), col("day"), coalesce(col("n"), lit(0L)).as("n"),
            coalesce(col("f"), lit(0L)).as("f"));
    Dataset<Row> daily = filled.select(lit("day").as("period"), col("day").as("start"), col("source"), col("model"),
        col("n"), col("f"));
    Dataset<Row> weekly = filled.withColumn("start", to_date(date_trunc("week", col("day"))))
        .groupBy("start", "source", "model").agg(sum("n").as("n"), sum("f").as("f"))
        .select(lit("week").as("period"), col("start"), col("source"), col("model"), col("n"), col("f"));
    return daily.unionByName(weekly).select(
        col("period").as(GoldDailyTrends.PERIOD),
        col("start").cast(DataTypes.DateType).as(GoldDailyTrends.PERIOD_START),
        col("source").as(GoldDailyTrends.SOURCE),
        col("model").as(GoldDailyTrends.MODEL),
        col("n").as(GoldDailyTrends.OUTCOMES),
        col("f").as(GoldDailyTrends.FAILURES),
        when(col("n").gt(0), col("f").divide(col("n"))).as(GoldDailyTrends.FAILURE_RATE),
        when(col("n").gt(0), col("n").minus(col("f")).divide(col("n"))).as(GoldDailyTrends.PASS_RATE));
  }
}

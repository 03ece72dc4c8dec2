package io.genlake.enrich;

import static io.genlake.enrich.Outcomes.finished;
import static io.genlake.enrich.Outcomes.is;
import static io.genlake.enrich.Outcomes.picked;
import static io.genlake.enrich.Outcomes.rows;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;

import io.genlake.table.GoldPromptVersionPerformance;
import io.genlake.table.SilverGenerations;
import io.genlake.table.SilverPromptVersions;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Builds {@code gold.prompt_version_performance}: per prompt version, its generations' pass rate (completed
 * among finished), average block-fit rating (over all ratings of those generations) and selection rate, and
 * the change of each from the family's previous version. Cost: one shuffle on generation_id (ratings join),
 * one on resolved_prompt_version_id, a window over the versions.
 */
final class PromptVersionReport {
  private static final String USED_VERSION = "_used_version_id";
  private static final String FIT_SUM = "_fit_sum_total";

  private PromptVersionReport() {}

  static Dataset<Row> build(Dataset<Row> generations, Dataset<Row> versions, Dataset<Row> ratings) {
    Dataset<Row> used = Outcomes.withFit(
            generations.filter(col(SilverGenerations.RESOLVED_PROMPT_VERSION_ID).isNotNull()), ratings)
        .groupBy(col(SilverGenerations.RESOLVED_PROMPT_VERSION_ID).as(USED_VERSION))
        .agg(
            rows().as(GoldPromptVersionPerformance.GENERATIONS),
            sum(finished()).as(GoldPromptVersionPerformance.FINISHED),
            sum(is("completed")).as(GoldPromptVersionPerformance.COMPLETED),
            coalesce(sum(col(Outcomes.FIT_COUNT)), lit(0L)).as(GoldPromptVersionPerformance.FIT_RATINGS),
            sum(col(Outcomes.FIT_SUM)).as(FIT_SUM),
            sum(picked("selected")).as(GoldPromptVersionPerformance.SELECTED),
            sum(picked("rejected")).as(GoldPromptVersionPerformance.REJECTED),
            min(col(SilverGenerations.CREATED_AT)).as(GoldPromptVersionPerformance.FIRST_USED_AT),
            max(col(SilverGenerations.CREATED_AT)).as(GoldPromptVersionPerformance.LAST_USED_AT));

    Dataset<Row> perVersion = versions
        .select(
            col(SilverPromptVersions.FAMILY_ID).as(GoldPromptVersionPerformance.FAMILY_ID),
            col(SilverPromptVersions.FAMILY_NAME).as(GoldPromptVersionPerformance.FAMILY_NAME),
            col(SilverPromptVersions.VERSION_ID).as(GoldPromptVersionPerformance.VERSION_ID),
            col(SilverPromptVersions.VERSION_NUMBER).as(GoldPromptVersionPerformance.VERSION_NUMBER),
            col(SilverPromptVersions.CREATED_AT).as(GoldPromptVersionPerformance.VERSION_CREATED_AT))
        .join(used, col(GoldPromptVersionPerformance.VERSION_ID).equalTo(col(USED_VERSION)), "left")
        .na().fill(0L, new String[] {GoldPromptVersionPerformance.GENERATIONS, GoldPromptVersionPerformance.FINISHED,
            GoldPromptVersionPerformance.COMPLETED, GoldPromptVersionPerformance.FIT_RATINGS,
            GoldPromptVersionPerformance.SELECTED, GoldPromptVersionPerformance.REJECTED})
        .withColumn(GoldPromptVersionPerformance.PASS_RATE,
            Outcomes.rate(col(GoldPromptVersionPerformance.COMPLETED), col(GoldPromptVersionPerformance.FINISHED)))
        .withColumn(GoldPromptVersionPerformance.AVG_FIT_RATING,
            Outcomes.rate(col(FIT_SUM), col(GoldPromptVersionPerformance.FIT_RATINGS)))
        .withColumn(GoldPromptVersionPerformance.SELECTION_RATE, Outcomes.rate(col(GoldPromptVersionPerformance.SELECTED),
            col(GoldPromptVersionPerformance.SELECTED).plus(col(GoldPromptVersionPerformance.REJECTED))));

    WindowSpec family = Window.partitionBy(col(GoldPromptVersionPerformance.FAMILY_ID))
        .orderBy(col(GoldPromptVersionPerformance.VERSION_NUMBER), col(GoldPromptVersionPerformance.VERSION_ID));
    return perVersion
        .withColumn(GoldPromptVersionPerformance.PREVIOUS_VERSION_ID,
            lag(col(GoldPromptVersionPerformance.VERSION_ID), 1).over(family))
        .withColumn(GoldPromptVersionPerformance.PREVIOUS_VERSION_NUMBER,
            lag(col(GoldPromptVersionPerformance.VERSION_NUMBER), 1).over(family))
        .withColumn(GoldPromptVersionPerformance.PASS_RATE_CHANGE, change(GoldPromptVersionPerformance.PASS_RATE, family))
        .withColumn(GoldPromptVersionPerformance.AVG_FIT_RATING_CHANGE,
            change(GoldPromptVersionPerformance.AVG_FIT_RATING, family))
        .withColumn(GoldPromptVersionPerformance.SELECTION_RATE_CHANGE,
            change(GoldPromptVersionPerformance.SELECTION_RATE, family));
  }

  /** This version's value minus the previous version's; null when either is null. */
  private static Column change(String column, WindowSpec family) {
    return col(column).minus(lag(col(column), 1).over(family));
  }
}

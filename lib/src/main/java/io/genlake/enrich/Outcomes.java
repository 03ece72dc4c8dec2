package io.genlake.enrich;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.genlake.table.SilverBlockFitRatings;
import io.genlake.table.SilverGenerations;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Outcome expressions shared by the gold reports: status counts, rates, per-generation fit ratings. */
final class Outcomes {
  static final String FIT_SUM = "_fit_sum";
  static final String FIT_COUNT = "_fit_count";
  static final String FIT_GENERATION = "_fit_generation_id";

  private Outcomes() {}

  /** 1 when the generation's status is {@code status}, else 0; summed for counts. */
  static Column is(String status) {
    return when(col(SilverGenerations.STATUS).equalTo(status), 1L).otherwise(0L);
  }

  /** 1 when the generation finished (completed, failed or cancelled). */
  static Column finished() {
    return when(col(SilverGenerations.STATUS).isin("completed", "failed", "cancelled"), 1L).otherwise(0L);
  }

  /** 1 when the user's pick was {@code selection} (selected or rejected). */
  static Column picked(String selection) {
    return when(col(SilverGenerations.SELECTION).equalTo(selection), 1L).otherwise(0L);
  }

  /** {@code part / whole} as a double, null when whole is 0. */
  static Column rate(Column part, Column whole) {
    return when(whole.gt(0), part.cast("double").divide(whole));
  }

  /** sum(1) over the rows: a count that is never null. */
  static Column rows() {
    return sum(lit(1L));
  }

  /** Per generation: sum and count of its block-fit ratings. Cost: one shuffle on generation_id of the ratings. */
  static Dataset<Row> fitPerGeneration(Dataset<Row> ratings) {
    return ratings.filter(col(SilverBlockFitRatings.GENERATION_ID).isNotNull())
        .groupBy(col(SilverBlockFitRatings.GENERATION_ID).as(FIT_GENERATION))
        .agg(sum(col(SilverBlockFitRatings.FIT_RATING)).cast("long").as(FIT_SUM),
            count(col(SilverBlockFitRatings.FIT_RATING)).as(FIT_COUNT));
  }

  /** {@code generations} with {@link #FIT_SUM} and {@link #FIT_COUNT} (null when unrated) joined on. */
  static Dataset<Row> withFit(Dataset<Row> generations, Dataset<Row> ratings) {
    Dataset<Row> fit = fitPerGeneration(ratings);
    return generations.join(fit, col(SilverGenerations.GENERATION_ID).equalTo(col(FIT_GENERATION)), "left");
  }

  /** The generation's average fit rating, null when unrated. */
  static Column averageFit() {
    return col(FIT_SUM).cast("double").divide(col(FIT_COUNT));
  }
}

package io.genlake.enrich;

import static io.genlake.enrich.Outcomes.finished;
import static io.genlake.enrich.Outcomes.is;
import static io.genlake.enrich.Outcomes.picked;
import static io.genlake.enrich.Outcomes.rows;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.genlake.table.GoldReproducibility;
import io.genlake.table.SilverGenerations;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Builds {@code gold.reproducibility}: canonical hashes shared by two or more generations, with outcome
 * agreement and the reasons a group is non-deterministic. Cost: one shuffle on generation_id (ratings join),
 * two on canonical_hash (status counts, group totals).
 */
final class ReproducibilityReport {
  private static final String STATUS_COUNT = "_status_count";
  private static final String TOP_STATUS = "_top_status_count";
  private static final String GENERATION_FIT = "_generation_fit";

  private ReproducibilityReport() {}

  static Dataset<Row> build(Dataset<Row> generations, Dataset<Row> ratings, double ratingSpread) {
    Column hash = col(SilverGenerations.CANONICAL_HASH);
    Dataset<Row> g = Outcomes.withFit(generations.filter(hash.isNotNull()), ratings)
        .withColumn(GENERATION_FIT, Outcomes.averageFit());
    Dataset<Row> groups = g.groupBy(hash).agg(
        first(col(SilverGenerations.PROVIDER)).as(GoldReproducibility.PROVIDER),
        first(col(SilverGenerations.OPERATION_TYPE)).as(GoldReproducibility.OPERATION_TYPE),
        first(col(SilverGenerations.MODEL_NAME)).as(GoldReproducibility.MODEL_NAME),
        first(col(SilverGenerations.CHECKPOINT)).as(GoldReproducibility.CHECKPOINT),
        rows().as(GoldReproducibility.GENERATIONS),
        sum(finished()).as(GoldReproducibility.FINISHED),
        sum(is("completed")).as(GoldReproducibility.COMPLETED),
        sum(is("failed")).as(GoldReproducibility.FAILED),
        sort_array(collect_set(when(finished().equalTo(1L), col(SilverGenerations.STATUS))))
            .as(GoldReproducibility.STATUSES),
        sum(picked("selected")).as(GoldReproducibility.SELECTED),
        sum(picked("rejected")).as(GoldReproducibility.REJECTED),
        count(col(GENERATION_FIT)).as(GoldReproducibility.RATED_GENERATIONS),
        min(col(GENERATION_FIT)).as(GoldReproducibility.MIN_FIT_RATING),
        max(col(GENERATION_FIT)).as(GoldReproducibility.MAX_FIT_RATING),
        min(col(SilverGenerations.CREATED_AT)).as(GoldReproducibility.FIRST_CREATED_AT),
        max(col(SilverGenerations.CREATED_AT)).as(GoldReproducibility.LAST_CREATED_AT))
        .filter(col(GoldReproducibility.GENERATIONS).geq(2));

    // the most common final status of each group: its share of the finished generations is the agreement
    Dataset<Row> topStatus = generations.filter(hash.isNotNull().and(finished().equalTo(1L)))
        .groupBy(hash, col(SilverGenerations.STATUS)).agg(count(lit(1)).as(STATUS_COUNT))
        .groupBy(hash).agg(max(col(STATUS_COUNT)).as(TOP_STATUS));

    Column statusSplit = size(col(GoldReproducibility.STATUSES)).gt(1);
    Column selectionSplit = col(GoldReproducibility.SELECTED).gt(0).and(col(GoldReproducibility.REJECTED).gt(0));
    Column ratingSplit = coalesce(col(GoldReproducibility.MAX_FIT_RATING).minus(col(GoldReproducibility.MIN_FIT_RATING))
        .gt(ratingSpread), lit(false));
    return groups.join(topStatus, SilverGenerations.CANONICAL_HASH, "left")
        .withColumn(GoldReproducibility.OUTCOME_AGREEMENT,
            Outcomes.rate(coalesce(col(TOP_STATUS), lit(0L)), col(GoldReproducibility.FINISHED)))
        .withColumn(GoldReproducibility.NON_DETERMINISTIC, statusSplit.or(selectionSplit).or(ratingSplit))
        .withColumn(GoldReproducibility.REASONS, array_compact(array(
            when(statusSplit, lit("status")), when(selectionSplit, lit("selection")), when(ratingSplit, lit("rating")))));
  }
}

package io.genlake.enrich;

import static io.genlake.enrich.Outcomes.finished;
import static io.genlake.enrich.Outcomes.is;
import static io.genlake.enrich.Outcomes.rows;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.genlake.table.GoldProviderHealth;
import io.genlake.table.SilverGenerations;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * Builds {@code gold.provider_health} (seed 001 phase 7): per provider and UTC day, requests, outcomes,
 * success rate, the top failure reasons, latency p50/p95/p99 and cost. A failure reason is the first line of
 * error_message, trimmed, at most 200 characters ({@code (no error message)} when empty). Cost: one shuffle
 * on (provider, day) for the totals, two small ones for the failure reasons.
 */
final class ProviderHealthReport {
  private static final String NEG_COUNT = "_neg_count";
  private static final String RANK = "_rank";
  private static final String REASONS = "_reasons";
  private static final String LATENCIES = "_latencies";
  private static final String FINISHED = "_finished";

  private ProviderHealthReport() {}

  static Dataset<Row> build(Dataset<Row> generations, int topReasons) {
    Column day = to_date(col(SilverGenerations.CREATED_AT)).as(GoldProviderHealth.DAY);
    Dataset<Row> g = generations.withColumn(GoldProviderHealth.DAY, day);
    Column[] keys = {col(SilverGenerations.PROVIDER), col(GoldProviderHealth.DAY)};

    Column cost = coalesce(sum(col(SilverGenerations.COST_USD)), lit(0.0));
    Dataset<Row> totals = g.groupBy(keys).agg(
        rows().as(GoldProviderHealth.REQUESTS),
        sum(is("completed")).as(GoldProviderHealth.COMPLETED),
        sum(is("failed")).as(GoldProviderHealth.FAILED),
        sum(is("cancelled")).as(GoldProviderHealth.CANCELLED),
        sum(finished()).as(FINISHED),
        percentile_approx(col(SilverGenerations.LATENCY_MS), array(lit(0.5), lit(0.95), lit(0.99)), lit(10_000))
            .as(LATENCIES),
        cost.as(GoldProviderHealth.COST_USD_TOTAL));

    Column reason = coalesce(
        when(trim(col(SilverGenerations.ERROR_MESSAGE)).notEqual(""),
            substring(trim(substring_index(col(SilverGenerations.ERROR_MESSAGE), "\n", 1)), 1, 200)),
        lit("(no error message)")).as(GoldProviderHealth.REASON);
    Dataset<Row> reasons = g.filter(col(SilverGenerations.STATUS).equalTo("failed"))
        .groupBy(col(SilverGenerations.PROVIDER), col(GoldProviderHealth.DAY), reason)
        .agg(count(lit(1)).as(GoldProviderHealth.COUNT))
        .withColumn(RANK, row_number().over(Window.partitionBy(keys)
            .orderBy(col(GoldProviderHealth.COUNT).desc(), col(GoldProviderHealth.REASON))))
        .filter(col(RANK).leq(topReasons))
        .groupBy(keys)
        .agg(sort_array(collect_list(struct(col(GoldProviderHealth.COUNT).unary_$minus().as(NEG_COUNT),
            col(GoldProviderHealth.REASON), col(GoldProviderHealth.COUNT)))).as(REASONS));

    Seq<String> joinKeys = JavaConverters.asScalaBuffer(List.of(SilverGenerations.PROVIDER, GoldProviderHealth.DAY)).toSeq();
    return totals.join(reasons, joinKeys, "left")
        .withColumn(GoldProviderHealth.IN_PROGRESS,
            col(GoldProviderHealth.REQUESTS).minus(col(FINISHED)))
        .withColumn(GoldProviderHealth.SUCCESS_RATE, Outcomes.rate(col(GoldProviderHealth.COMPLETED), col(FINISHED)))
        .withColumn(GoldProviderHealth.FAILURE_REASONS, coalesce(
            transform(col(REASONS), r -> struct(r.getField(GoldProviderHealth.REASON).as(GoldProviderHealth.REASON),
                r.getField(GoldProviderHealth.COUNT).as(GoldProviderHealth.COUNT))),
            array().cast(GoldProviderHealth.REASON_COUNTS)))
        .withColumn(GoldProviderHealth.LATENCY_P50_MS, element_at(col(LATENCIES), 1))
        .withColumn(GoldProviderHealth.LATENCY_P95_MS, element_at(col(LATENCIES), 2))
        .withColumn(GoldProviderHealth.LATENCY_P99_MS, element_at(col(LATENCIES), 3))
        .withColumn(GoldProviderHealth.COST_USD_PER_COMPLETED,
            Outcomes.rate(col(GoldProviderHealth.COST_USD_TOTAL), col(GoldProviderHealth.COMPLETED)));
  }
}

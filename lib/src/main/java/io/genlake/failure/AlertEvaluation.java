package io.genlake.failure;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.genlake.config.FailureConfig;
import io.genlake.table.GoldAlerts;
import io.genlake.table.GoldFailureCounts;
import io.genlake.table.GoldFailureOutcomes;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Gathers what the alert rules ({@link Alerts}) judge from the failure step's tables and turns their alerts into
 * {@code gold.alerts} rows. The daily series of each rule's source and dimension come from the outcome counts (one
 * small aggregation each); the new-pattern rule mines the combination counts minus those of the outcomes of its
 * window (the window's outcomes read from {@code gold.failure_outcomes} by time, their combinations counted with
 * weight −1), so "before" is the data before the window.
 */
final class AlertEvaluation {
  private AlertEvaluation() {}

  /** Every rule's alerts, most severe first. */
  static List<Alerts.Alert> evaluate(FailureConfig config, Dataset<Row> counts, Dataset<Row> combinations,
      Dataset<Row> facts, List<Trends.Row> trends, PatternMiner.Result mined, PatternMiner.Params params) {
    FailureConfig.Alerts rules = config.alerts();
    List<Alerts.Alert> out = new ArrayList<>();
    FailureConfig.PassRateBelow low = rules.passRateBelow();
    if (low.enabled()) {
      out.addAll(Alerts.passRateBelow(low, days(counts, low.source(), low.dimension())));
    }
    FailureConfig.RateIncrease up = rules.failureRateIncrease();
    if (up.enabled()) {
      out.addAll(Alerts.rateIncrease(up, days(counts, up.source(), up.dimension())));
    }
    Map<String, LocalDate> anchors = new LinkedHashMap<>();
    for (String source : FailureConfig.SOURCES) {
      Alerts.anchor(days(counts, source, OutcomeCounts.ALL)).ifPresent(d -> anchors.put(source, d));
    }
    out.addAll(Alerts.trendChanges(rules.trendChange(), trends, anchors, config.trends().periodDays()));
    FailureConfig.NewPattern fresh = rules.newPattern();
    Optional<LocalDate> end = anchors.values().stream().max(LocalDate::compareTo);
    if (fresh.enabled() && end.isPresent() && !mined.patterns().isEmpty()) {
      LocalDate start = end.get().minusDays(fresh.days() - 1L);
      Timestamp from = Timestamp.from(start.atStartOfDay(ZoneOffset.UTC).toInstant());
      Dataset<Row> window = facts.filter(col(GoldFailureOutcomes.OCCURRED_AT).geq(lit(from)))
          .withColumn(CombinationCounts.WEIGHT, lit(-1));
      Dataset<Row> before = CombinationCounts.combine(combinations.unionByName(
          CombinationCounts.count(facts.sparkSession(), window, params.maxItems(), 1))).cache();
      PatternMiner.Result was = PatternMiner.select(before, params);
      before.unpersist();
      out.addAll(Alerts.newPatterns(mined.patterns(), was, attemptModels(counts), end.get(), fresh.days()));
    }
    return Alerts.sorted(out);
  }

  /** Daily counts of every value of {@code dimension} in {@code source}. */
  static List<Trends.Day> days(Dataset<Row> counts, String source, String dimension) {
    List<Trends.Day> out = new ArrayList<>();
    for (Row r : counts.filter(col(GoldFailureCounts.SOURCE).equalTo(source)
            .and(col(GoldFailureCounts.DIMENSION).equalTo(dimension)))
        .groupBy(col(GoldFailureCounts.VALUE), col(GoldFailureCounts.DAY))
        .agg(sum(GoldFailureCounts.OUTCOMES), sum(GoldFailureCounts.FAILURES)).collectAsList()) {
      out.add(new Trends.Day(new Trends.Series(source, dimension, r.getString(0)), r.<Date>getAs(1).toLocalDate(),
          r.getLong(2), r.getLong(3)));
    }
    return out;
  }

  private static Set<String> attemptModels(Dataset<Row> counts) {
    Set<String> out = new HashSet<>();
    for (Row r : counts.filter(col(GoldFailureCounts.SOURCE).equalTo(Outcomes.ATTEMPT)
        .and(col(GoldFailureCounts.DIMENSION).equalTo(OutcomeCounts.MODEL))).select(GoldFailureCounts.VALUE).distinct()
        .collectAsList()) {
      out.add(r.getString(0));
    }
    return out;
  }

  /** Alerts as {@code gold.alerts} rows. */
  static Dataset<Row> rows(SparkSession spark, List<Alerts.Alert> alerts) {
    List<Row> out = new ArrayList<>();
    for (Alerts.Alert a : alerts) {
      out.add(RowFactory.create(a.rule(), a.severity().label(), a.source(), a.subject(), a.message(), a.metric(),
          a.value(), a.reference().orElse(null), a.interval().map(Stats.Interval::low).orElse(null),
          a.interval().map(Stats.Interval::high).orElse(null), a.outcomes(), Date.valueOf(a.windowStart()),
          Date.valueOf(a.windowEnd()), a.evidence()));
    }
    return spark.createDataFrame(out, GoldAlerts.SCHEMA);
  }
}

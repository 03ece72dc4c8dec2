package io.genlake.failure;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.genlake.config.FailureConfig;
import io.genlake.table.GoldAlerts;
import io.genlake.table.GoldFailureCounts;
import io.genlake.table.GoldFailureOutcomes;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Gathers what the alert rules ({@link Alerts}) judge from the failure step's tables and turns their alerts into
 * {@code gold.alerts} rows. The daily series of each rule's source and dimension come from the outcome counts (one
 * small aggregation each); the new-pattern rule counts each reported pattern's outcomes in the window (one
 * aggregation of {@code gold.failure_outcomes} filtered by time), so "before" is now minus the window.
 */
final class AlertEvaluation {
  /** Reported patterns checked for newness at most (the most failing first). */
  static final int MAX_NEW_PATTERN_CHECKS = 200;

  private AlertEvaluation() {}

  /** Every rule's alerts, most severe first. */
  static List<Alerts.Alert> evaluate(FailureConfig config, Dataset<Row> counts, Dataset<Row> facts, List<Trends.Row> trends, PatternMiner.Result mined, PatternMiner.Params params) {
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
    List<MinedPattern> reported = mined.patterns().stream()
        .filter(p -> p.status() == MinedPattern.Status.REPORTED).limit(MAX_NEW_PATTERN_CHECKS).toList();
    if (fresh.enabled() && end.isPresent() && !reported.isEmpty()) {
      LocalDate start = end.get().minusDays(fresh.days() - 1L);
      Timestamp from = Timestamp.from(start.atStartOfDay(ZoneOffset.UTC).toInstant());
      Map<String, long[]> window = new HashMap<>();
      Map<String, long[]> windowTotals = new HashMap<>();
      windowCounts(facts.filter(col(GoldFailureOutcomes.OCCURRED_AT).geq(lit(from))), reported, window, windowTotals);
      out.addAll(Alerts.newPatterns(mined.patterns(), mined.baselines(), window, windowTotals, params,
          attemptModels(counts), end.get(), fresh.days()));
    }
    return Alerts.sorted(out);
  }

  /**
   * Counts, in one aggregation of the window's outcomes, each reported pattern's outcomes and failures (an outcome of
   * the pattern's model whose items hold all of the pattern's) and each model's totals.
   */
  private static void windowCounts(Dataset<Row> window, List<MinedPattern> reported, Map<String, long[]> byPattern,
      Map<String, long[]> byModel) {
    List<Column> sums = new ArrayList<>();
    Column failed = col(GoldFailureOutcomes.FAILED);
    for (MinedPattern p : reported) {
      Column has = col(GoldFailureOutcomes.MODEL).equalTo(lit(p.model()));
      for (String item : p.key().split(PatternSelection.KEY_SEPARATOR)) {
        has = has.and(array_contains(col(GoldFailureOutcomes.ITEMS), item));
      }
      sums.add(sum(when(has, 1L).otherwise(0L)));
      sums.add(sum(when(has.and(failed), 1L).otherwise(0L)));
    }
    Row r = window.agg(sums.get(0), sums.subList(1, sums.size()).toArray(new Column[0])).first();
    for (int i = 0; i < reported.size(); i++) {
      MinedPattern p = reported.get(i);
      byPattern.put(PatternSelection.lookupKey(p.model(), p.key()),
          new long[] {r.isNullAt(2 * i) ? 0 : r.getLong(2 * i), r.isNullAt(2 * i + 1) ? 0 : r.getLong(2 * i + 1)});
    }
    for (Row m : window.groupBy(col(GoldFailureOutcomes.MODEL))
        .agg(org.apache.spark.sql.functions.count(lit(1)), sum(when(failed, 1L).otherwise(0L))).collectAsList()) {
      byModel.put(m.getString(0), new long[] {m.getLong(1), m.getLong(2)});
    }
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

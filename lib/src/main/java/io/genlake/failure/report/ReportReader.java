package io.genlake.failure.report;

import static org.apache.spark.sql.functions.col;

import io.genlake.table.GoldCategoryStats;
import io.genlake.table.GoldDailyTrends;
import io.genlake.table.GoldFailurePatterns;
import io.genlake.table.GoldFeedbackEffectiveness;
import io.genlake.table.GoldFeedbackExamples;
import io.genlake.table.GoldFeedbackPatterns;
import io.genlake.table.GoldIssueFrequency;
import io.genlake.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Reads the failure gold tables into {@link ReportData}: a few small collects, no shuffle beyond sorts. */
final class ReportReader {
  static final int TOP_ISSUES = 5;
  static final int TOP_EXAMPLES = 5;
  static final int TOP_PATTERNS = 10;

  private ReportReader() {}

  static ReportData read(Warehouse w) {
    Dataset<Row> stats = w.readOrEmpty(GoldCategoryStats.SPEC);
    Row all = firstOrNull(stats.filter(col(GoldCategoryStats.SOURCE).equalTo("attempt")
        .and(col(GoldCategoryStats.DIMENSION).equalTo("all"))));
    ReportData.Overall overall = all == null ? new ReportData.Overall(0, 0, 0, Optional.empty())
        : new ReportData.Overall(all.getAs(GoldCategoryStats.ATTEMPTS), all.getAs(GoldCategoryStats.PASSED),
            all.getAs(GoldCategoryStats.FAILURES), opt(all, GoldCategoryStats.AVG_SCORE));
    List<ReportData.CategoryLine> byCategory = categories(stats, "attempt", "material_category",
        col(GoldCategoryStats.VALUE).asc());
    List<ReportData.CategoryLine> models = categories(stats, "generation", "model", col(GoldCategoryStats.FAILURE_RATE).desc());

    Dataset<Row> issues = w.readOrEmpty(GoldIssueFrequency.SPEC);
    List<ReportData.ShareLine> physics = shares(issues, "attempt", "physics_issue");
    List<ReportData.ShareLine> redFlags = shares(issues, "attempt", "red_flag");
    List<ReportData.ShareLine> failureCategories = shares(issues, "generation", "failure_category");

    Dataset<Row> eff = w.readOrEmpty(GoldFeedbackEffectiveness.SPEC);
    Row overallEff = firstOrNull(eff.filter(col(GoldFeedbackEffectiveness.SCOPE).equalTo("overall")));
    Row chains = firstOrNull(eff.filter(col(GoldFeedbackEffectiveness.SCOPE).equalTo("retry_chains")));

    List<ReportData.FeedbackTypeLine> types = new ArrayList<>();
    for (Row r : w.readOrEmpty(GoldFeedbackPatterns.SPEC).orderBy(col(GoldFeedbackPatterns.SUCCESS_RATE).desc(),
        col(GoldFeedbackPatterns.AVG_SCORE).desc_nulls_last(), col(GoldFeedbackPatterns.FEEDBACK_CATEGORY)).collectAsList()) {
      types.add(new ReportData.FeedbackTypeLine(r.getAs(GoldFeedbackPatterns.FEEDBACK_CATEGORY),
          r.getAs(GoldFeedbackPatterns.USES), r.getAs(GoldFeedbackPatterns.SUCCESS_RATE), opt(r, GoldFeedbackPatterns.AVG_SCORE)));
    }
    List<ReportData.Example> examples = new ArrayList<>();
    for (Row r : w.readOrEmpty(GoldFeedbackExamples.SPEC).filter(col(GoldFeedbackExamples.RANK).equalTo(1))
        .orderBy(col(GoldFeedbackExamples.REALISM_SCORE).desc_nulls_last(), col(GoldFeedbackExamples.FEEDBACK_CATEGORY))
        .limit(TOP_EXAMPLES).collectAsList()) {
      examples.add(new ReportData.Example(r.getAs(GoldFeedbackExamples.MATERIAL), opt(r, GoldFeedbackExamples.REALISM_SCORE),
          r.getAs(GoldFeedbackExamples.FEEDBACK_CATEGORY), r.getAs(GoldFeedbackExamples.FEEDBACK_TEXT)));
    }
    List<ReportData.PatternLine> patterns = new ArrayList<>();
    for (Row r : w.readOrEmpty(GoldFailurePatterns.SPEC).filter(col(GoldFailurePatterns.STATUS).equalTo("reported"))
        .orderBy(col(GoldFailurePatterns.FAILURE_RATE).desc(), col(GoldFailurePatterns.SAMPLE_COUNT).desc(),
            col(GoldFailurePatterns.PATTERN_KEY))
        .limit(TOP_PATTERNS).collectAsList()) {
      patterns.add(new ReportData.PatternLine(r.getAs(GoldFailurePatterns.MODEL), r.getAs(GoldFailurePatterns.PATTERN_KEY),
          r.getAs(GoldFailurePatterns.FAILURES), r.getAs(GoldFailurePatterns.SAMPLE_COUNT),
          r.getAs(GoldFailurePatterns.FAILURE_RATE), r.getAs(GoldFailurePatterns.CI_LOW), r.getAs(GoldFailurePatterns.CI_HIGH),
          r.getAs(GoldFailurePatterns.BASELINE_RATE),
          r.getAs(GoldFailurePatterns.LIFT), r.getAs(GoldFailurePatterns.Q_VALUE), opt(r, GoldFailurePatterns.COMMON_CATEGORY)));
    }
    List<ReportData.DayPoint> days = new ArrayList<>();
    for (Row r : w.readOrEmpty(GoldDailyTrends.SPEC).filter(col(GoldDailyTrends.PERIOD).equalTo("day"))
        .orderBy(GoldDailyTrends.SOURCE, GoldDailyTrends.MODEL, GoldDailyTrends.PERIOD_START).collectAsList()) {
      days.add(new ReportData.DayPoint(r.<java.sql.Date>getAs(GoldDailyTrends.PERIOD_START).toLocalDate(),
          r.getAs(GoldDailyTrends.SOURCE), r.getAs(GoldDailyTrends.MODEL), r.getAs(GoldDailyTrends.OUTCOMES),
          opt(r, GoldDailyTrends.FAILURE_RATE)));
    }
    return new ReportData(overall, byCategory, physics, redFlags, effectiveness(overallEff),
        Optional.ofNullable(chains).map(ReportReader::effectiveness), types, examples, models, failureCategories,
        patterns, days);
  }

  private static List<ReportData.CategoryLine> categories(Dataset<Row> stats, String source, String dimension,
      org.apache.spark.sql.Column order) {
    List<ReportData.CategoryLine> out = new ArrayList<>();
    for (Row r : stats.filter(col(GoldCategoryStats.SOURCE).equalTo(source)
        .and(col(GoldCategoryStats.DIMENSION).equalTo(dimension))).orderBy(order, col(GoldCategoryStats.VALUE)).collectAsList()) {
      out.add(new ReportData.CategoryLine(r.getAs(GoldCategoryStats.VALUE), r.getAs(GoldCategoryStats.ATTEMPTS),
          r.getAs(GoldCategoryStats.PASSED), r.getAs(GoldCategoryStats.PASS_RATE), opt(r, GoldCategoryStats.AVG_SCORE)));
    }
    return out;
  }

  private static List<ReportData.ShareLine> shares(Dataset<Row> issues, String source, String kind) {
    List<ReportData.ShareLine> out = new ArrayList<>();
    for (Row r : issues.filter(col(GoldIssueFrequency.SOURCE).equalTo(source).and(col(GoldIssueFrequency.KIND).equalTo(kind)))
        .orderBy(col(GoldIssueFrequency.OCCURRENCES).desc(), col(GoldIssueFrequency.ISSUE)).limit(TOP_ISSUES).collectAsList()) {
      out.add(new ReportData.ShareLine(r.getAs(GoldIssueFrequency.ISSUE), r.getAs(GoldIssueFrequency.OCCURRENCES),
          r.getAs(GoldIssueFrequency.SHARE)));
    }
    return out;
  }

  private static ReportData.Effectiveness effectiveness(Row r) {
    if (r == null) {
      return new ReportData.Effectiveness(0, 0, Optional.empty(), 0, 0, Optional.empty(), Optional.empty(), Optional.empty(),
          Optional.empty(), 0);
    }
    return new ReportData.Effectiveness(r.getAs(GoldFeedbackEffectiveness.BEFORE_ATTEMPTS),
        r.getAs(GoldFeedbackEffectiveness.BEFORE_PASSED), opt(r, GoldFeedbackEffectiveness.BEFORE_PASS_RATE),
        r.getAs(GoldFeedbackEffectiveness.AFTER_ATTEMPTS), r.getAs(GoldFeedbackEffectiveness.AFTER_PASSED),
        opt(r, GoldFeedbackEffectiveness.AFTER_PASS_RATE), opt(r, GoldFeedbackEffectiveness.DIFFERENCE),
        opt(r, GoldFeedbackEffectiveness.DIFFERENCE_CI_LOW), opt(r, GoldFeedbackEffectiveness.DIFFERENCE_CI_HIGH),
        r.getAs(GoldFeedbackEffectiveness.CHAINS));
  }

  private static Row firstOrNull(Dataset<Row> d) {
    List<Row> rows = d.limit(1).collectAsList();
    return rows.isEmpty() ? null : rows.get(0);
  }

  private static <T> Optional<T> opt(Row r, String column) {
    return r.isNullAt(r.fieldIndex(column)) ? Optional.empty() : Optional.of(r.getAs(column));
  }
}

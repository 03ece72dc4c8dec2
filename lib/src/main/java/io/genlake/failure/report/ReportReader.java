package io.genlake.failure.report;

import static org.apache.spark.sql.functions.col;

import io.genlake.table.GoldAlerts;
import io.genlake.table.GoldCategoryStats;
import io.genlake.table.GoldDailyTrends;
import io.genlake.table.GoldFailureMining;
import io.genlake.table.GoldFailurePatterns;
import io.genlake.table.GoldFeedbackEffectiveness;
import io.genlake.table.GoldFeedbackExamples;
import io.genlake.table.GoldFeedbackPatterns;
import io.genlake.table.GoldFeedbackSuggestions;
import io.genlake.table.GoldIssueFrequency;
import io.genlake.table.GoldParameterCorrelations;
import io.genlake.table.GoldParameterOptimization;
import io.genlake.table.GoldPredictionConfusion;
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
  static final int TOP_SUGGESTIONS = 8;
  static final int TOP_PARAMETERS = 10;
  static final String ALL = "all";

  private ReportReader() {}

  static ReportData read(Warehouse w, int minOutcomes) {
    Dataset<Row> stats = w.readOrEmpty(GoldCategoryStats.SPEC);
    Row all = firstOrNull(stats.filter(col(GoldCategoryStats.SOURCE).equalTo("attempt")
        .and(col(GoldCategoryStats.DIMENSION).equalTo(ALL))));
    ReportData.Overall overall = all == null ? new ReportData.Overall(0, 0, 0, Optional.empty())
        : new ReportData.Overall(all.getAs(GoldCategoryStats.ATTEMPTS), all.getAs(GoldCategoryStats.PASSED),
            all.getAs(GoldCategoryStats.FAILURES), opt(all, GoldCategoryStats.AVG_SCORE));
    Dataset<Row> issues = w.readOrEmpty(GoldIssueFrequency.SPEC);
    Dataset<Row> eff = w.readOrEmpty(GoldFeedbackEffectiveness.SPEC);
    Row overallEff = firstOrNull(eff.filter(col(GoldFeedbackEffectiveness.SCOPE).equalTo("overall")));
    Row chains = firstOrNull(eff.filter(col(GoldFeedbackEffectiveness.SCOPE).equalTo("retry_chains")));
    return new ReportData(alerts(w), overall,
        categories(stats, "attempt", "material_category", col(GoldCategoryStats.VALUE).asc()),
        categories(stats, "attempt", "model", col(GoldCategoryStats.ATTEMPTS).desc()),
        shares(issues, "attempt", "physics_issue"), shares(issues, "attempt", "red_flag"),
        effectiveness(overallEff), Optional.ofNullable(chains).map(ReportReader::effectiveness), feedbackTypes(w),
        examples(w), suggestions(w), parameters(w), correlations(w),
        categories(stats, "generation", "model", col(GoldCategoryStats.FAILURE_RATE).desc()),
        shares(issues, "generation", "failure_category"), mining(w), patterns(w, "reported", TOP_PATTERNS),
        patterns(w, "near_miss", TOP_PATTERNS), trends(w), minOutcomes, predictions(w));
  }

  private static List<ReportData.AlertLine> alerts(Warehouse w) {
    List<ReportData.AlertLine> out = new ArrayList<>();
    for (Row r : w.readOrEmpty(GoldAlerts.SPEC).collectAsList()) {
      out.add(new ReportData.AlertLine(r.getAs(GoldAlerts.SEVERITY), r.getAs(GoldAlerts.RULE), r.getAs(GoldAlerts.SUBJECT),
          r.getAs(GoldAlerts.MESSAGE)));
    }
    List<String> order = List.of("critical", "warning", "info");
    out.sort(java.util.Comparator.comparingInt((ReportData.AlertLine a) -> order.indexOf(a.severity()))
        .thenComparing(ReportData.AlertLine::rule).thenComparing(ReportData.AlertLine::subject));
    return out;
  }

  private static List<ReportData.FeedbackTypeLine> feedbackTypes(Warehouse w) {
    List<ReportData.FeedbackTypeLine> types = new ArrayList<>();
    for (Row r : w.readOrEmpty(GoldFeedbackPatterns.SPEC).orderBy(col(GoldFeedbackPatterns.SUCCESS_RATE).desc(),
        col(GoldFeedbackPatterns.AVG_SCORE).desc_nulls_last(), col(GoldFeedbackPatterns.FEEDBACK_CATEGORY)).collectAsList()) {
      types.add(new ReportData.FeedbackTypeLine(r.getAs(GoldFeedbackPatterns.FEEDBACK_CATEGORY),
          r.getAs(GoldFeedbackPatterns.USES), r.getAs(GoldFeedbackPatterns.SUCCESS_RATE), opt(r, GoldFeedbackPatterns.AVG_SCORE)));
    }
    return types;
  }

  private static List<ReportData.Example> examples(Warehouse w) {
    List<ReportData.Example> examples = new ArrayList<>();
    for (Row r : w.readOrEmpty(GoldFeedbackExamples.SPEC).filter(col(GoldFeedbackExamples.RANK).equalTo(1))
        .orderBy(col(GoldFeedbackExamples.REALISM_SCORE).desc_nulls_last(), col(GoldFeedbackExamples.FEEDBACK_CATEGORY))
        .limit(TOP_EXAMPLES).collectAsList()) {
      examples.add(new ReportData.Example(r.getAs(GoldFeedbackExamples.MATERIAL), opt(r, GoldFeedbackExamples.REALISM_SCORE),
          r.getAs(GoldFeedbackExamples.FEEDBACK_CATEGORY), r.getAs(GoldFeedbackExamples.FEEDBACK_TEXT)));
    }
    return examples;
  }

  private static List<ReportData.SuggestionLine> suggestions(Warehouse w) {
    List<ReportData.SuggestionLine> out = new ArrayList<>();
    for (Row r : w.readOrEmpty(GoldFeedbackSuggestions.SPEC).filter(col(GoldFeedbackSuggestions.RANK).equalTo(1))
        .orderBy(col(GoldFeedbackSuggestions.CI_LOW).desc(), col(GoldFeedbackSuggestions.USES).desc(),
            col(GoldFeedbackSuggestions.SCOPE_KIND), col(GoldFeedbackSuggestions.SCOPE))
        .limit(TOP_SUGGESTIONS).collectAsList()) {
      out.add(new ReportData.SuggestionLine(r.getAs(GoldFeedbackSuggestions.SCOPE_KIND), r.getAs(GoldFeedbackSuggestions.SCOPE),
          r.getAs(GoldFeedbackSuggestions.FEEDBACK_TEXT), r.getAs(GoldFeedbackSuggestions.VARIANTS),
          r.getAs(GoldFeedbackSuggestions.USES), r.getAs(GoldFeedbackSuggestions.SUCCESSES),
          r.getAs(GoldFeedbackSuggestions.SUCCESS_RATE), r.getAs(GoldFeedbackSuggestions.CI_LOW),
          r.getAs(GoldFeedbackSuggestions.CI_HIGH), opt(r, GoldFeedbackSuggestions.AVG_SCORE_GAIN)));
    }
    return out;
  }

  /** Suggested settings whose difference with the rest of the scope is significant first, then by lower bound. */
  private static List<ReportData.ParameterLine> parameters(Warehouse w) {
    List<ReportData.ParameterLine> out = new ArrayList<>();
    for (Row r : w.readOrEmpty(GoldParameterOptimization.SPEC).filter(col(GoldParameterOptimization.SUGGESTED))
        .orderBy(col(GoldParameterOptimization.DIFFERENCE_LOW).desc_nulls_last(), col(GoldParameterOptimization.CATEGORY),
            col(GoldParameterOptimization.MODEL), col(GoldParameterOptimization.PARAMETER))
        .limit(TOP_PARAMETERS).collectAsList()) {
      out.add(new ReportData.ParameterLine(r.getAs(GoldParameterOptimization.CATEGORY), r.getAs(GoldParameterOptimization.MODEL),
          r.getAs(GoldParameterOptimization.PARAMETER), r.getAs(GoldParameterOptimization.VALUE_RANGE),
          r.getAs(GoldParameterOptimization.ATTEMPTS), r.getAs(GoldParameterOptimization.PASSED),
          r.getAs(GoldParameterOptimization.PASS_RATE), r.getAs(GoldParameterOptimization.CI_LOW),
          r.getAs(GoldParameterOptimization.CI_HIGH), opt(r, GoldParameterOptimization.OTHERS_PASS_RATE),
          opt(r, GoldParameterOptimization.DIFFERENCE_LOW), opt(r, GoldParameterOptimization.DIFFERENCE_HIGH)));
    }
    return out;
  }

  private static List<ReportData.CorrelationLine> correlations(Warehouse w) {
    List<ReportData.CorrelationLine> out = new ArrayList<>();
    for (Row r : w.readOrEmpty(GoldParameterCorrelations.SPEC).orderBy(col(GoldParameterCorrelations.SOURCE),
        col(GoldParameterCorrelations.PARAMETER), col(GoldParameterCorrelations.OUTCOME)).collectAsList()) {
      out.add(new ReportData.CorrelationLine(r.getAs(GoldParameterCorrelations.SOURCE),
          r.getAs(GoldParameterCorrelations.PARAMETER), r.getAs(GoldParameterCorrelations.OUTCOME),
          r.getAs(GoldParameterCorrelations.N), opt(r, GoldParameterCorrelations.R), opt(r, GoldParameterCorrelations.CI_LOW),
          opt(r, GoldParameterCorrelations.CI_HIGH), opt(r, GoldParameterCorrelations.Q_VALUE),
          r.getAs(GoldParameterCorrelations.SIGNIFICANT)));
    }
    return out;
  }

  private static Optional<ReportData.Mining> mining(Warehouse w) {
    Row r = firstOrNull(w.readOrEmpty(GoldFailureMining.SPEC).filter(col(GoldFailureMining.MODEL).equalTo(ALL)));
    return r == null ? Optional.empty() : Optional.of(new ReportData.Mining(r.getAs(GoldFailureMining.OUTCOMES),
        r.getAs(GoldFailureMining.COUNTED), r.getAs(GoldFailureMining.TESTED), r.getAs(GoldFailureMining.SIGNIFICANT),
        r.getAs(GoldFailureMining.REPORTED), r.getAs(GoldFailureMining.MIN_OCCURRENCES),
        r.getAs(GoldFailureMining.FAILURE_THRESHOLD), r.getAs(GoldFailureMining.ALPHA)));
  }

  private static List<ReportData.PatternLine> patterns(Warehouse w, String status, int limit) {
    List<ReportData.PatternLine> patterns = new ArrayList<>();
    var order = status.equals("reported")
        ? new org.apache.spark.sql.Column[] {col(GoldFailurePatterns.FAILURE_RATE).desc(),
            col(GoldFailurePatterns.SAMPLE_COUNT).desc(), col(GoldFailurePatterns.PATTERN_KEY)}
        : new org.apache.spark.sql.Column[] {col(GoldFailurePatterns.CI_LOW).desc(),
            col(GoldFailurePatterns.SAMPLE_COUNT).desc(), col(GoldFailurePatterns.PATTERN_KEY)};
    for (Row r : w.readOrEmpty(GoldFailurePatterns.SPEC).filter(col(GoldFailurePatterns.STATUS).equalTo(status))
        .orderBy(order).limit(limit).collectAsList()) {
      patterns.add(new ReportData.PatternLine(r.getAs(GoldFailurePatterns.MODEL), r.getAs(GoldFailurePatterns.PATTERN_KEY),
          r.getAs(GoldFailurePatterns.FAILURES), r.getAs(GoldFailurePatterns.SAMPLE_COUNT),
          r.getAs(GoldFailurePatterns.FAILURE_RATE), r.getAs(GoldFailurePatterns.CI_LOW), r.getAs(GoldFailurePatterns.CI_HIGH),
          r.getAs(GoldFailurePatterns.BASELINE_RATE), r.getAs(GoldFailurePatterns.LIFT), opt(r, GoldFailurePatterns.Q_VALUE),
          opt(r, GoldFailurePatterns.COMMON_CATEGORY), r.getList(r.fieldIndex(GoldFailurePatterns.MISSED))));
    }
    return patterns;
  }

  private static List<ReportData.TrendPoint> trends(Warehouse w) {
    List<ReportData.TrendPoint> out = new ArrayList<>();
    for (Row r : w.readOrEmpty(GoldDailyTrends.SPEC).filter(col(GoldDailyTrends.PERIOD).notEqual("day"))
        .orderBy(GoldDailyTrends.SOURCE, GoldDailyTrends.DIMENSION, GoldDailyTrends.VALUE, GoldDailyTrends.PERIOD_START)
        .collectAsList()) {
      out.add(new ReportData.TrendPoint(r.getAs(GoldDailyTrends.PERIOD),
          r.<java.sql.Date>getAs(GoldDailyTrends.PERIOD_START).toLocalDate(), r.getAs(GoldDailyTrends.SOURCE),
          r.getAs(GoldDailyTrends.DIMENSION), r.getAs(GoldDailyTrends.VALUE), r.getAs(GoldDailyTrends.OUTCOMES),
          opt(r, GoldDailyTrends.FAILURE_RATE), opt(r, GoldDailyTrends.CI_LOW), opt(r, GoldDailyTrends.CI_HIGH),
          r.getAs(GoldDailyTrends.RELIABLE), opt(r, GoldDailyTrends.CHANGE)));
    }
    return out;
  }

  private static List<ReportData.ConfusionLine> predictions(Warehouse w) {
    List<ReportData.ConfusionLine> out = new ArrayList<>();
    for (Row r : w.readOrEmpty(GoldPredictionConfusion.SPEC).orderBy(GoldPredictionConfusion.MODEL_VERSION,
        GoldPredictionConfusion.ACTUAL, GoldPredictionConfusion.PREDICTED).collectAsList()) {
      out.add(new ReportData.ConfusionLine(r.getAs(GoldPredictionConfusion.MODEL_VERSION),
          r.getAs(GoldPredictionConfusion.ACTUAL), r.getAs(GoldPredictionConfusion.PREDICTED),
          r.getAs(GoldPredictionConfusion.IMAGES), r.getAs(GoldPredictionConfusion.SHARE_OF_ACTUAL),
          r.getAs(GoldPredictionConfusion.VERSION_ACCURACY), r.getAs(GoldPredictionConfusion.VERSION_IMAGES)));
    }
    return out;
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

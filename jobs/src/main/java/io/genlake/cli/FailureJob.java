package io.genlake.cli;

import io.genlake.failure.FailureAnalytics;
import io.genlake.failure.report.FailureReport;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StepResult;
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
import io.genlake.table.SilverFeedbackAttempts;
import io.genlake.table.SilverGenerations;
import io.genlake.table.SilverImageRatings;
import io.genlake.table.SilverSessions;
import io.genlake.warehouse.TableId;
import java.util.List;

/** The failure area's nightly steps: {@code failure} (gold tables) and {@code report_failures} (report files). */
final class FailureJob {
  /** What the failure step reads: it is up to date when none of these changed. */
  static final List<TableId> INPUTS = List.of(SilverGenerations.TABLE, SilverImageRatings.TABLE, SilverSessions.TABLE,
      SilverFeedbackAttempts.TABLE);
  /** What the failure report reads. */
  static final List<TableId> REPORT_INPUTS = List.of(GoldCategoryStats.TABLE, GoldIssueFrequency.TABLE,
      GoldFeedbackEffectiveness.TABLE, GoldFeedbackPatterns.TABLE, GoldFeedbackExamples.TABLE, GoldDailyTrends.TABLE,
      GoldFailurePatterns.TABLE, GoldAlerts.TABLE, GoldFailureMining.TABLE, GoldFeedbackSuggestions.TABLE,
      GoldParameterOptimization.TABLE, GoldParameterCorrelations.TABLE, GoldPredictionConfusion.TABLE);

  private FailureJob() {}

  /** Recomputes the failure gold tables (test and deleted sessions per failure.include_test_sessions). */
  static StepResult run(RunContext ctx) {
    return FailureAnalytics.run(ctx);
  }

  /** Writes reports/failures/index.html and report.md from the gold tables and prints the summary. */
  static StepResult report(RunContext ctx) {
    return FailureReport.write(ctx.warehouse(), ctx.config().failure(), ctx.reports(), System.out);
  }
}

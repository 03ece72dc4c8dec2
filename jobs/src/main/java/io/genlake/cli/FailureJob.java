package io.genlake.cli;

import io.genlake.failure.FailureAnalytics;
import io.genlake.failure.report.FailureReport;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StepResult;

/** The failure area's nightly steps: {@code failure} (gold tables) and {@code report_failures} (report files). */
final class FailureJob {
  private FailureJob() {}

  /** Recomputes the failure gold tables (test and deleted sessions per failure.include_test_sessions). */
  static StepResult run(RunContext ctx) {
    return FailureAnalytics.run(ctx);
  }

  /** Writes reports/failures/index.html and report.md from the gold tables and prints the summary. */
  static StepResult report(RunContext ctx) {
    return FailureReport.write(ctx.warehouse(), ctx.reports(), System.out);
  }
}

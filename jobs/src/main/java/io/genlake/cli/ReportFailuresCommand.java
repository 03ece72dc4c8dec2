package io.genlake.cli;

import io.genlake.failure.report.FailureReportStep;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code genlake report failures}: the failure and feedback report from the gold tables. */
@Command(name = "failures", mixinStandardHelpOptions = true,
    description = "Write reports/failures/index.html and report.md (run `genlake failures analyze` or nightly first) "
        + "and print seed 004's analytics summary.")
final class ReportFailuresCommand implements Callable<Integer> {
  @Mixin WarehouseOptions warehouse;
  @Mixin RunOptions run;

  @Override
  public Integer call() {
    return Genlake.runStep(Session.openRun("report_failures", warehouse, run), new FailureReportStep(), "");
  }
}

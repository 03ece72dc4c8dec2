package io.genlake.cli;

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
    var ctx = Session.openRun("report_failures", warehouse, run);
    return JobRunner.run(ctx, "report_failures", "", FailureJob::report).exitCode();
  }
}

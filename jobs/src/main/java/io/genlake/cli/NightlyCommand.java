package io.genlake.cli;

import io.genlake.nightly.NightlySteps;
import io.genlake.ops.InterruptedRuns;
import io.genlake.ops.PipelineRuns;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StepReport;
import io.genlake.scheduler.Scheduler;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code genlake nightly}: takes the warehouse lock, opens the session, and runs the nightly steps
 * ({@link NightlySteps}) through the {@link Scheduler}, each recorded in ops.pipeline_runs. Exit status 0, 3 (a step
 * partial) or 1 (a step failed or was skipped).
 */
@Command(name = "nightly", mixinStandardHelpOptions = true,
    description = "Run the nightly pipeline (ingest -> enrich -> fit -> preference -> failure -> export -> report).")
final class NightlyCommand implements Callable<Integer> {
  @Mixin WarehouseOptions warehouse;
  @Mixin RunOptions run;

  @Override
  public Integer call() {
    RunContext ctx = Session.openRunCreating("nightly", warehouse, run);
    // recorded as interrupted by a shutdown hook if the process is stopped before the run ends
    InterruptedRuns.Handle tracked = InterruptedRuns.track(ctx.warehouse(), new PipelineRuns.Run(ctx.runId(),
        Optional.empty(), "nightly", ctx.full() ? "--full" : "", Optional.of(ctx.runDate()), ctx.now(), ctx.now(),
        PipelineRuns.Status.INTERRUPTED, StepReport.EMPTY, Optional.empty()));
    int exit;
    try {
      exit = Genlake.exitCode(Scheduler.run(ctx, "nightly", NightlySteps.pipeline()).status());
      io.genlake.ops.StartupTimings.mark("steps");
    } finally {
      tracked.close();
    }
    return exit != 0 ? exit : Alerting.exitStatus(ctx);
  }
}

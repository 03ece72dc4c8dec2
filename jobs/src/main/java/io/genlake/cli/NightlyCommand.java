package io.genlake.cli;

import io.genlake.nightly.NightlySteps;
import io.genlake.scheduler.Scheduler;
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
    return Genlake.exitCode(Scheduler.run(Session.openRun("nightly", warehouse, run), "nightly",
        NightlySteps.pipeline()).status());
  }
}

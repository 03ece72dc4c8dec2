package io.genlake.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code genlake nightly}: takes the warehouse lock, opens the session, and runs every pipeline step in order
 * ({@link Nightly}), each recorded in ops.pipeline_runs. Exit status 0, 3 (a step partial) or 1 (a step failed).
 */
@Command(name = "nightly", mixinStandardHelpOptions = true,
    description = "Run the nightly pipeline (ingest -> enrich -> fit -> preference -> failure -> export -> report).")
final class NightlyCommand implements Callable<Integer> {
  @Mixin WarehouseOptions warehouse;
  @Mixin RunOptions run;

  @Override
  public Integer call() {
    var ctx = Session.openRun("nightly", warehouse, run);
    int exit = Nightly.run(ctx).exit();
    return exit != 0 ? exit : Alerting.exitStatus(ctx);
  }
}

package io.genlake.cli;

import io.genlake.ops.MaintainStep;
import io.genlake.ops.Maintenance;
import io.genlake.pipeline.RunContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code genlake maintain}: OPTIMIZE (Z-ORDER where it helps) and, when asked, VACUUM with a retention guard. */
@Command(name = "maintain", mixinStandardHelpOptions = true,
    description = {"Compact small files (OPTIMIZE, Z-ORDER on report filters) in every table.",
        "With --vacuum, also delete files no longer referenced within the retention window; versions that an",
        "incremental step still needs are always kept (the retention is raised to cover them)."})
final class MaintainCommand implements Callable<Integer> {
  @Mixin WarehouseOptions warehouse;
  @Mixin RunOptions run;

  @Option(names = "--vacuum", description = "Also VACUUM (deletes unreferenced data files older than the retention).")
  boolean vacuum;

  @Option(names = "--retain-hours", defaultValue = "168",
      description = "History kept by VACUUM, at least 168 (Delta's own minimum). Default: ${DEFAULT-VALUE}.")
  int retainHours;

  @Option(names = "--skip-optimize", description = "Only VACUUM.")
  boolean skipOptimize;

  @Override
  public Integer call() {
    if (retainHours < Maintenance.DEFAULT_RETAIN_HOURS) {
      throw new IllegalArgumentException("--retain-hours " + retainHours + " is below Delta's minimum of "
          + Maintenance.DEFAULT_RETAIN_HOURS + " hours; time travel and incremental reads need that history.");
    }
    RunContext ctx = Session.openRun("maintain", warehouse, run);
    return Genlake.runStep(ctx, new MaintainStep(!skipOptimize, vacuum, retainHours),
        (vacuum ? "--vacuum " : "") + "--retain-hours " + retainHours);
  }
}

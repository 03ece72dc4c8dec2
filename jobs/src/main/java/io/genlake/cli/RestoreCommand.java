package io.genlake.cli;

import io.genlake.ops.Restore;
import io.genlake.pipeline.DeclaredStep;
import io.genlake.pipeline.PinnedInputs;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StepReport;
import io.genlake.scheduler.RunOutcome;
import io.genlake.scheduler.Scheduler;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code genlake restore --table T --version V | --timestamp TS --yes}: Delta RESTORE of one warehouse table, under the
 * writer lock, recorded in ops.pipeline_runs, printing the version it replaced so it can be undone.
 */
@Command(name = "restore",
    description = {"Restore a table to an earlier Delta version or to its state at a time (RESTORE; the history is kept,",
        "so the restore can be undone by restoring the version it replaced). Refuses without --yes."})
final class RestoreCommand implements Callable<Integer> {
  @Mixin WarehouseOptions warehouse;
  @Mixin RunOptions run;

  @Option(names = "--table", required = true, paramLabel = "LAYER.TABLE", description = "e.g. silver.image_ratings.")
  String table;

  // no standard help mixin: its -V/--version (print the version) would take this command's --version
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(names = "--version", paramLabel = "V", description = "The Delta version to restore.")
  Optional<Long> versionOption = Optional.empty();

  @Option(names = "--timestamp", paramLabel = "TS", description = "Restore the state at this time, e.g. 2026-11-20T10:15:00Z.")
  Optional<String> timestamp = Optional.empty();

  @Option(names = "--yes", description = "Do it (without it, nothing is changed).")
  boolean yes;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    OptionalLong version = versionOption.map(OptionalLong::of).orElse(OptionalLong.empty());
    if (version.isPresent() == timestamp.isPresent()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Give exactly one of --version and --timestamp.");
    }
    Restore.Target target = new Restore.Target(version, timestamp.map(Restore::timestamp));
    if (!yes) {
      spec.commandLine().getErr().println("genlake restore: refusing to restore " + table + " to " + target.describe()
          + " without --yes. A restore replaces what readers see (the history is kept); run again with --yes to do it.");
      return 2;
    }
    RunContext ctx = Session.openRun("restore", warehouse, run);
    var id = Restore.table(ctx.warehouse(), table);
    String arguments = "--table " + id + " " + (version.isPresent() ? "--version " + version.getAsLong()
        : "--timestamp " + timestamp.orElseThrow());
    DeclaredStep step = new DeclaredStep("restore", List.of(), List.of(id), List.of()) {
      @Override
      public StepReport run(RunContext c, PinnedInputs inputs) {
        return Restore.restore(c.warehouse(), id, target).counts().report();
      }
    };
    RunOutcome outcome = Scheduler.runOne(ctx, step, arguments);
    outcome.report("restore").notes().forEach(System.out::println);
    return Genlake.exitCode(outcome.status());
  }
}

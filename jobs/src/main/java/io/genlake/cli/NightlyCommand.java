package io.genlake.cli;

import io.genlake.ops.PipelineRuns;
import io.genlake.ops.PipelineRuns.Status;
import io.genlake.pipeline.Progress;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StepResult;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code genlake nightly}: every pipeline step in order, each recorded in ops.pipeline_runs. */
@Command(name = "nightly", mixinStandardHelpOptions = true,
    description = "Run the nightly pipeline (ingest -> enrich -> fit -> preference -> failure -> export -> report).")
final class NightlyCommand implements Callable<Integer> {
  @Mixin WarehouseOptions warehouse;
  @Mixin RunOptions run;

  @Override
  public Integer call() {
    RunContext parent = Session.openRun("nightly", warehouse, run);
    Progress p = parent.progress();
    p.step("nightly", "run " + parent.runId() + " on " + parent.warehouse().root() + ", landing " + parent.landing());
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    Map<String, Status> done = new HashMap<>();
    StepResult summary = new StepResult();
    int exit = 0;
    for (NightlySteps.Step step : NightlySteps.STEPS) {
      RunContext ctx = parent.forStep(step.name());
      Optional<String> blocker = step.dependsOn().stream()
          .filter(d -> done.get(d) != Status.SUCCEEDED && done.get(d) != Status.PARTIAL).findFirst();
      if (blocker.isPresent()) {
        p.step(step.name(), "skipped: step " + blocker.get() + " did not succeed");
        PipelineRuns.record(ctx.warehouse(), new PipelineRuns.Run(ctx.runId(), ctx.parentRunId(), step.name(),
            "", Optional.of(ctx.runDate()), Instant.now(), Instant.now(), Status.SKIPPED,
            new StepResult().note("skipped: step " + blocker.get() + " did not succeed"), Optional.empty()));
        done.put(step.name(), Status.SKIPPED);
        summary.note(step.name() + ": skipped");
        exit = Math.max(exit, 1);
        continue;
      }
      JobRunner.Outcome outcome = JobRunner.run(ctx, step.name(), "nightly", step.run());
      done.put(step.name(), outcome.status());
      summary.note(step.name() + ": " + outcome.status().label());
      exit = outcome.exitCode() == 1 ? 1 : Math.max(exit, outcome.exitCode());
    }
    Status status = exit == 0 ? Status.SUCCEEDED : exit == Genlake.EXIT_PARTIAL ? Status.PARTIAL : Status.FAILED;
    p.step("nightly", "summary: " + String.join(", ", summary.notes()));
    p.step("nightly", status.label() + " in " + Progress.seconds(System.nanoTime() - t0));
    PipelineRuns.record(parent.warehouse(), new PipelineRuns.Run(parent.runId(), Optional.empty(), "nightly",
        "", Optional.of(parent.runDate()), started, Instant.now(), status, summary, Optional.empty()));
    return exit;
  }
}

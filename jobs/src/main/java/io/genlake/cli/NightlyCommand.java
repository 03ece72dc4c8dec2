package io.genlake.cli;

import io.genlake.config.Fingerprint;
import io.genlake.ops.PipelineRuns;
import io.genlake.ops.StepState;
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
    String configHash = configHash(parent);
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
      Map<String, Long> inputVersions = StepState.currentVersions(ctx.warehouse(), step.inputs());
      if (!ctx.full() && !step.inputs().isEmpty()) {
        StepState.Processed last = StepState.last(ctx.warehouse(), step.name());
        if (last.versions().equals(inputVersions) && last.configHash().equals(Optional.of(configHash))) {
          String note = "up to date: inputs unchanged since its last successful run (" + inputVersions + ")";
          p.step(step.name(), note);
          PipelineRuns.record(ctx.warehouse(), new PipelineRuns.Run(ctx.runId(), ctx.parentRunId(), step.name(),
              "nightly", Optional.of(ctx.runDate()), Instant.now(), Instant.now(), Status.SKIPPED,
              new StepResult().note(note), Optional.empty()));
          done.put(step.name(), Status.SUCCEEDED);
          summary.note(step.name() + ": up to date");
          continue;
        }
      }
      JobRunner.Outcome outcome = JobRunner.run(ctx, step.name(), "nightly", step.run());
      done.put(step.name(), outcome.status());
      if (outcome.status() == Status.SUCCEEDED) {
        // versions after the step: what it wrote to its own inputs is processed, not a change to react to
        StepState.record(ctx.warehouse(), step.name(), StepState.currentVersions(ctx.warehouse(), step.inputs()),
            configHash, ctx.runId());
      }
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

  /** A fingerprint of the effective configuration: a step whose configuration changed is never "up to date". */
  static String configHash(RunContext ctx) {
    return Fingerprint.of(ctx.config());
  }

}

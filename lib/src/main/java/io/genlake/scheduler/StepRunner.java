package io.genlake.scheduler;

import io.genlake.ops.InterruptedRuns;
import io.genlake.ops.PipelineRuns;
import io.genlake.ops.PipelineRuns.Status;
import io.genlake.ops.StepState;
import io.genlake.pipeline.Errors;
import io.genlake.pipeline.Progress;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.Step;
import io.genlake.pipeline.StepReport;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.SparkContext;

/**
 * Runs one step on the calling thread: under a Spark job group named for the step's run id (so its jobs, and those
 * of threads it starts, are attributable in the Spark UI and event log), timed; then prints its counts, notes and
 * status, records it in {@code ops.pipeline_runs} whatever the outcome and, after a success, the versions it
 * processed and its state in {@code ops.step_state}.
 */
final class StepRunner {
  /** A finished step: its status and report. */
  record Finished(Status status, StepReport report) {}

  private StepRunner() {}

  /**
   * Runs {@code step} as {@code plan} says under {@code ctx} (the step's own context: its run id and parent).
   * Printing and ops commits happen while holding {@code opsLock}, so blocks of concurrent steps do not interleave.
   */
  static Finished run(RunContext ctx, Step step, Plan plan, String arguments, Object opsLock) {
    if (!plan.note().isEmpty()) {
      ctx.progress().step(step.name(), plan.note());
    }
    RunContext runCtx = plan.full() && !ctx.full() ? ctx.withFull(true) : ctx;
    Instant started = ctx.now();
    long t0 = System.nanoTime();
    StepReport report = StepReport.EMPTY;
    Optional<Throwable> error = Optional.empty();
    Status status;
    SparkContext sc = ctx.spark().sparkContext();
    sc.setJobGroup(jobGroup(ctx), description(ctx, step), false);
    // recorded as interrupted by a shutdown hook if the process is stopped before the step ends
    InterruptedRuns.Handle tracked = InterruptedRuns.track(ctx.warehouse(), new PipelineRuns.Run(ctx.runId(),
        ctx.parentRunId(), step.name(), arguments, Optional.of(ctx.runDate()), started, started, Status.INTERRUPTED,
        report, Optional.empty()));
    try {
      report = step.run(runCtx, plan.inputs());
      status = report.partial() ? Status.PARTIAL : Status.SUCCEEDED;
    } catch (Exception e) { // Spark throws checked AnalysisException from Scala code without declaring it
      error = Optional.of(e);
      status = Status.FAILED;
    } finally {
      tracked.close();
      sc.clearJobGroup();
    }
    long elapsed = System.nanoTime() - t0;
    if (InterruptedRuns.shuttingDown()) {
      return new Finished(Status.INTERRUPTED, report); // the shutdown hook recorded it
    }
    synchronized (opsLock) {
      print(ctx, step.name(), report, status, elapsed, error);
      PipelineRuns.record(ctx.warehouse(), new PipelineRuns.Run(ctx.runId(), ctx.parentRunId(), step.name(), arguments,
          Optional.of(ctx.runDate()), started, ctx.now(), status, report, error.map(Errors::describe)));
      if (status == Status.SUCCEEDED) {
        StepState.record(ctx.warehouse(), step.name(), plan.versionsToRecord(step, report), plan.state().encode(),
            ctx.runId());
      }
    }
    return new Finished(status, report);
  }

  /** The Spark job group of a step's jobs: its run id, {@code <run id>.<step>} within a nightly run. */
  static String jobGroup(RunContext ctx) {
    return ctx.runId();
  }

  private static String description(RunContext ctx, Step step) {
    return "genlake " + step.name() + " (run " + ctx.parentRunId().orElse(ctx.runId()) + ")";
  }

  private static void print(RunContext ctx, String step, StepReport report, Status status, long elapsed,
      Optional<Throwable> error) {
    Progress p = ctx.progress();
    for (Map.Entry<String, Long> c : report.counts().entrySet()) {
      p.step(step, c.getKey() + ": " + Progress.count(c.getValue()));
    }
    for (String note : report.notes()) {
      p.step(step, note);
    }
    String last = status.label() + " in " + Progress.seconds(elapsed) + error.map(e -> ": " + Errors.describe(e))
        .orElse("");
    if (status == Status.FAILED) {
      p.error(step, last);
      if ("1".equals(System.getenv("GENLAKE_DEBUG"))) {
        error.get().printStackTrace(System.err);
      }
    } else if (ctx.parentRunId().isPresent()) {
      p.step(step, last); // one step of a run: the run's own line is the result
    } else {
      p.result(step, last);
    }
  }
}

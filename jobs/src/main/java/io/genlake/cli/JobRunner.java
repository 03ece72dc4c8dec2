package io.genlake.cli;

import io.genlake.ops.InterruptedRuns;
import io.genlake.ops.PipelineRuns;
import io.genlake.ops.PipelineRuns.Status;
import io.genlake.pipeline.Progress;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StepResult;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs one job step: times it, prints its counts, records it in {@code ops.pipeline_runs} whatever the
 * outcome, and turns the outcome into an exit status (0 succeeded, 3 partial, 1 failed).
 */
final class JobRunner {
  /** The outcome of one step. */
  record Outcome(Status status, StepResult result, Optional<Throwable> error) {
    int exitCode() {
      return switch (status) {
        case SUCCEEDED, SKIPPED -> 0;
        case PARTIAL -> Genlake.EXIT_PARTIAL;
        case FAILED, INTERRUPTED -> 1;
      };
    }
  }

  private JobRunner() {}

  static Outcome run(RunContext ctx, String job, String arguments, Function<RunContext, StepResult> step) {
    return run(ctx, job, arguments, step, new Object());
  }

  /**
   * {@link #run(RunContext, String, String, Function)} for a step running next to others: its printed counts and
   * its ops.pipeline_runs commit happen while holding {@code lock}, so blocks do not interleave.
   */
  static Outcome run(RunContext ctx, String job, String arguments, Function<RunContext, StepResult> step, Object lock) {
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    StepResult result = new StepResult();
    Optional<Throwable> error = Optional.empty();
    Status status;
    // recorded as interrupted by a shutdown hook if the process is stopped before the step ends
    InterruptedRuns.Handle tracked = InterruptedRuns.track(ctx.warehouse(), new PipelineRuns.Run(ctx.runId(),
        ctx.parentRunId(), job, arguments, Optional.of(ctx.runDate()), started, started, Status.INTERRUPTED,
        result, Optional.empty()));
    try {
      result = step.apply(ctx);
      status = result.isPartial() ? Status.PARTIAL : Status.SUCCEEDED;
    } catch (Exception e) { // Spark throws checked AnalysisException from Scala code without declaring it
      error = Optional.of(e);
      status = Status.FAILED;
    } finally {
      tracked.close();
    }
    long elapsed = System.nanoTime() - t0;
    if (InterruptedRuns.shuttingDown()) {
      return new Outcome(Status.INTERRUPTED, result, error); // the shutdown hook recorded it
    }
    synchronized (lock) {
      report(ctx, job, arguments, started, elapsed, status, result, error);
    }
    return new Outcome(status, result, error);
  }

  private static void report(RunContext ctx, String job, String arguments, Instant started, long elapsed,
      Status status, StepResult result, Optional<Throwable> error) {
    Progress p = ctx.progress();
    for (Map.Entry<String, Long> c : result.counts().entrySet()) {
      p.step(job, c.getKey() + ": " + Progress.count(c.getValue()));
    }
    for (String note : result.notes()) {
      p.step(job, note);
    }
    String last = status.label() + " in " + Progress.seconds(elapsed) + error.map(e -> ": " + Errors.describe(e))
        .orElse("");
    if (status == Status.FAILED) {
      p.error(job, last);
      if ("1".equals(System.getenv("GENLAKE_DEBUG"))) {
        error.get().printStackTrace(System.err);
      }
    } else if (ctx.parentRunId().isPresent()) {
      p.step(job, last); // one step of a run: the run's own line is the result
    } else {
      p.result(job, last);
    }
    PipelineRuns.record(ctx.warehouse(), new PipelineRuns.Run(
        ctx.runId(), ctx.parentRunId(), job, arguments, Optional.of(ctx.runDate()), started, Instant.now(),
        status, result, error.map(Errors::describe)));
  }
}

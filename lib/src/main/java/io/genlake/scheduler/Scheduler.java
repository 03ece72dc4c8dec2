package io.genlake.scheduler;

import io.genlake.ops.InterruptedRuns;
import io.genlake.ops.PipelineRuns;
import io.genlake.ops.PipelineRuns.Status;
import io.genlake.ops.StepState;
import io.genlake.pipeline.Errors;
import io.genlake.pipeline.Pipeline;
import io.genlake.pipeline.Progress;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.Step;
import io.genlake.pipeline.StepReport;
import io.genlake.warehouse.TableId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs steps. {@link #run} runs a {@link Pipeline} (the nightly): a step starts once every step it waits for has
 * finished ({@link Pipeline#predecessors}), at most {@link #CONCURRENT_STEPS} at a time, in list order among those
 * ready; a step whose input is written by a step that did not succeed is skipped; a step whose inputs, state and
 * output file are as at its last successful run is up to date and not run; every step is a row of
 * {@code ops.pipeline_runs} under the run's own row. {@link #runOne} runs one step named by a command, always,
 * recorded the same way. Either way the scheduler pins the step's input versions right before it starts, hands
 * them to the step, and records them in {@code ops.step_state} after a success.
 */
public final class Scheduler {
  /** Steps running at the same time at most: on 2 cores, one step's planning and commits overlap another's tasks. */
  public static final int CONCURRENT_STEPS = 3;

  /** Guards printing a finished step's block and writes to the ops tables (one at a time). */
  private final Object opsLock = new Object();
  private final RunContext parent;
  private final Pipeline pipeline;
  private final Map<String, Status> done = new ConcurrentHashMap<>();
  private final Map<String, StepReport> reports = new ConcurrentHashMap<>();
  /** Rows of steps not run, recorded in one commit before the next step that runs (or with the run's own row). */
  private final List<PipelineRuns.Run> notRun = new ArrayList<>();

  private Scheduler(RunContext parent, Pipeline pipeline) {
    this.parent = parent;
    this.pipeline = pipeline;
  }

  /**
   * Runs {@code pipeline} under {@code parent} as the job {@code job} (e.g. {@code nightly}): prints progress and a
   * summary, records the run and its steps. Cost: per step one read of ops.step_state's last versions (once for
   * all), a Delta log check per input, two small ops appends per step run, one for the steps not run.
   */
  public static RunOutcome run(RunContext parent, String job, Pipeline pipeline) {
    return new Scheduler(parent, pipeline).runAll(job);
  }

  /**
   * Runs {@code step} alone on this thread (a command naming it), even when up to date, from its baseline; records
   * it in ops.pipeline_runs with {@code arguments} and, after a success, in ops.step_state.
   */
  public static RunOutcome runOne(RunContext ctx, Step step, String arguments) {
    Plan plan = Plan.decide(ctx, step, StepState.last(ctx.warehouse(), step.name()), true);
    StepRunner.Finished f = StepRunner.run(ctx, step, plan, arguments, new Object());
    return new RunOutcome(f.status(), Map.of(step.name(), f.status()), Map.of(step.name(), f.report()));
  }

  private RunOutcome runAll(String job) {
    Progress p = parent.progress();
    p.step(job, "run " + parent.runId() + " on " + parent.warehouse().root() + ", landing " + parent.landing()
        + ", as of " + parent.runDate() + (parent.full() ? " (--full: every step recomputes)" : ""));
    Instant started = parent.now();
    long t0 = System.nanoTime();
    // what each step last processed; a step's own entry changes only when it runs, after it was read here
    Map<String, StepState.Processed> last = parent.full() ? Map.of() : StepState.lastOfEach(parent.warehouse());
    List<Step> pending = new ArrayList<>(pipeline.steps());
    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(CONCURRENT_STEPS, r -> {
      Thread t = new Thread(r, "genlake-step-" + threadNumber.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    CompletionService<String> running = new ExecutorCompletionService<>(threads);
    int inFlight = 0;
    try {
      while (!pending.isEmpty() || inFlight > 0) {
        if (InterruptedRuns.shuttingDown()) {
          // the process is stopping: the shutdown hook recorded the run and its running steps; start nothing more
          return interrupted(job, t0);
        }
        Step next = pending.stream().filter(s -> done.keySet().containsAll(pipeline.predecessors(s.name())))
            .findFirst().orElse(null);
        if (next == null && inFlight == 0) {
          throw new IllegalStateException("steps " + pending.stream().map(Step::name).toList() + " can never start");
        }
        if (next == null || inFlight >= CONCURRENT_STEPS) {
          await(running);
          inFlight--;
          continue;
        }
        pending.remove(next);
        RunContext ctx = parent.forStep(next.name());
        Optional<String> blocked = blocker(next);
        Plan plan;
        try {
          plan = blocked.isPresent() ? null
              : Plan.decide(ctx, next, last.getOrDefault(next.name(), StepState.Processed.NONE), false);
        } catch (RuntimeException e) { // e.g. an input's Delta log that cannot be read
          String error = "cannot decide whether to run: " + Errors.describe(e);
          p.step(next.name(), "failed: " + error);
          notRun.add(new PipelineRuns.Run(ctx.runId(), ctx.parentRunId(), next.name(), job, Optional.of(ctx.runDate()),
              ctx.now(), ctx.now(), Status.FAILED, StepReport.EMPTY, Optional.of(error)));
          done.put(next.name(), Status.FAILED);
          continue;
        }
        if (blocked.isPresent() || plan.upToDate()) {
          String note = blocked.isPresent() ? blocked.get() : plan.note();
          Status status = blocked.isPresent() ? Status.SKIPPED : Status.SUCCEEDED;
          p.step(next.name(), note);
          // recorded as skipped either way; the note says whether it was up to date or blocked
          notRun.add(new PipelineRuns.Run(ctx.runId(), ctx.parentRunId(), next.name(), job, Optional.of(ctx.runDate()),
              ctx.now(), ctx.now(), Status.SKIPPED, StepReport.note(note), Optional.empty()));
          done.put(next.name(), status);
          continue;
        }
        synchronized (opsLock) {
          PipelineRuns.recordAll(ctx.warehouse(), notRun);
          notRun.clear();
        }
        Step step = next;
        running.submit(() -> runStep(ctx, step, plan, job), step.name());
        inFlight++;
      }
    } finally {
      threads.shutdown();
    }
    return InterruptedRuns.shuttingDown() ? interrupted(job, t0) : summarize(job, started, t0);
  }

  /** The outcome of a run stopped by the process's shutdown: nothing more is printed as a step or recorded. */
  private RunOutcome interrupted(String job, long t0) {
    Map<String, Status> steps = new LinkedHashMap<>();
    for (String name : pipeline.names()) {
      steps.put(name, done.getOrDefault(name, Status.INTERRUPTED));
    }
    parent.progress().result(job, "interrupted after " + Progress.seconds(System.nanoTime() - t0)
        + ": recorded in ops.pipeline_runs; run it again to finish");
    return new RunOutcome(Status.INTERRUPTED, steps, reports);
  }

  /** Why {@code step} cannot run: a step writing one of its inputs did not succeed. */
  private Optional<String> blocker(Step step) {
    for (Map.Entry<String, TableId> e : pipeline.producers(step.name()).entrySet()) {
      Status s = done.get(e.getKey());
      if (s != Status.SUCCEEDED && s != Status.PARTIAL) {
        return Optional.of("skipped: step " + e.getKey() + ", which writes " + e.getValue() + ", did not succeed");
      }
    }
    return Optional.empty();
  }

  private void runStep(RunContext ctx, Step step, Plan plan, String job) {
    Status status = Status.FAILED;
    try {
      StepRunner.Finished f = StepRunner.run(ctx, step, plan, job, opsLock);
      reports.put(step.name(), f.report());
      status = f.status();
    } finally {
      done.put(step.name(), status);
    }
  }

  private RunOutcome summarize(String job, Instant started, long t0) {
    Map<String, Status> steps = new LinkedHashMap<>();
    Map<String, StepReport> stepReports = new LinkedHashMap<>();
    List<String> summary = new ArrayList<>();
    for (String name : pipeline.names()) {
      Status s = done.get(name);
      steps.put(name, s);
      stepReports.put(name, reports.getOrDefault(name, StepReport.EMPTY));
      summary.add(name + ": " + (s == Status.SUCCEEDED && !reports.containsKey(name) ? "up to date" : s.label()));
    }
    Status status = RunOutcome.overall(steps.values());
    Progress p = parent.progress();
    p.result(job, "summary: " + String.join(", ", summary));
    p.result(job, status.label() + " in " + Progress.seconds(System.nanoTime() - t0));
    notRun.add(new PipelineRuns.Run(parent.runId(), Optional.empty(), job, parent.full() ? "--full" : "",
        Optional.of(parent.runDate()), started, parent.now(), status,
        new StepReport(Map.of(), List.of(), summary, false), Optional.empty()));
    synchronized (opsLock) {
      PipelineRuns.recordAll(parent.warehouse(), notRun);
    }
    return new RunOutcome(status, steps, stepReports);
  }

  private static void await(CompletionService<String> running) {
    try {
      running.take().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a step", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
  }
}

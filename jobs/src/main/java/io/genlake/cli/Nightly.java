package io.genlake.cli;

import io.genlake.config.Fingerprint;
import io.genlake.ops.PipelineRuns;
import io.genlake.ops.PipelineRuns.Status;
import io.genlake.ops.StepState;
import io.genlake.pipeline.Progress;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StepResult;
import io.genlake.warehouse.TableId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The nightly step loop, given an open run context (the CLI's {@link NightlyCommand}, tests, the benchmark):
 * runs each step whose dependencies succeeded, skips it as up to date when nothing it depends on changed
 * (printing why), falls back to a full run of a step whose recorded versions are gone, records every step in
 * ops.pipeline_runs and, after a success, the input versions it processed in ops.step_state.
 */
final class Nightly {
  /** How a run went: its exit status (0, {@link Genlake#EXIT_PARTIAL}, 1) and each step's status. */
  record Outcome(int exit, Map<String, Status> steps) {}

  private Nightly() {}

  /** Runs {@link NightlySteps#STEPS}. */
  static Outcome run(RunContext parent) {
    return run(parent, NightlySteps.STEPS);
  }

  /**
   * Runs {@code steps} under {@code parent}: a step starts once the steps it depends on or runs after have
   * finished, at most {@link #CONCURRENT_STEPS} at a time, in list order among those ready; returns the exit
   * status and the steps' statuses.
   */
  static Outcome run(RunContext parent, List<NightlySteps.Step> steps) {
    Progress p = parent.progress();
    p.step("nightly", "run " + parent.runId() + " on " + parent.warehouse().root() + ", landing " + parent.landing()
        + (parent.full() ? " (--full: every step recomputes)" : ""));
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    Map<String, Status> done = new ConcurrentHashMap<>();
    String configHash = Fingerprint.of(parent.config());
    // what each step last processed; a step's own entry changes only when it runs, after it was read here
    Map<String, StepState.Processed> last = parent.full() ? Map.of() : StepState.lastOfEach(parent.warehouse());
    Set<String> names = new HashSet<>();
    steps.forEach(s -> names.add(s.name()));
    Set<String> upToDate = new HashSet<>();
    // steps not run are recorded in one commit, before the next step that runs (or with the run's own row)
    List<PipelineRuns.Run> notRun = new ArrayList<>();
    List<NightlySteps.Step> pending = new ArrayList<>(steps);
    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(CONCURRENT_STEPS, r -> {
      Thread t = new Thread(r, "genlake-nightly-" + threadNumber.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    CompletionService<String> running = new ExecutorCompletionService<>(threads);
    int inFlight = 0;
    try {
      while (!pending.isEmpty() || inFlight > 0) {
        NightlySteps.Step next = pending.stream().filter(s -> ready(s, names, done)).findFirst().orElse(null);
        if (next == null || inFlight >= CONCURRENT_STEPS) {
          if (inFlight == 0) {
            throw new IllegalStateException("nightly steps wait for each other: " + pending.stream()
                .map(NightlySteps.Step::name).toList() + "; check their dependsOn and after lists");
          }
          await(running);
          inFlight--;
          continue;
        }
        pending.remove(next);
        RunContext ctx = parent.forStep(next.name());
        Decision d = decide(ctx, next, done, last.getOrDefault(next.name(), StepState.Processed.NONE), configHash);
        if (d.status().isPresent()) {
          p.step(next.name(), d.note());
          notRun.add(notRun(ctx, next, d.note()));
          done.put(next.name(), d.status().get());
          if (d.status().get() == Status.SUCCEEDED) {
            upToDate.add(next.name());
          }
          continue;
        }
        synchronized (OPS) {
          PipelineRuns.recordAll(ctx.warehouse(), notRun);
        }
        notRun.clear();
        NightlySteps.Step step = next;
        running.submit(() -> runStep(ctx, step, d, done), step.name());
        inFlight++;
      }
    } finally {
      threads.shutdown();
    }
    StepResult summary = new StepResult();
    int exit = 0;
    for (NightlySteps.Step step : steps) {
      Status s = done.get(step.name());
      summary.note(step.name() + ": " + (upToDate.contains(step.name()) ? "up to date" : s.label()));
      if (s == Status.FAILED) {
        exit = 1;
      } else if (s == Status.SKIPPED) {
        exit = Math.max(exit, 1);
      } else if (s == Status.PARTIAL) {
        exit = Math.max(exit, Genlake.EXIT_PARTIAL);
      }
    }
    Status status = exit == 0 ? Status.SUCCEEDED : exit == Genlake.EXIT_PARTIAL ? Status.PARTIAL : Status.FAILED;
    p.result("nightly", "summary: " + String.join(", ", summary.notes()));
    p.result("nightly", status.label() + " in " + Progress.seconds(System.nanoTime() - t0));
    notRun.add(new PipelineRuns.Run(parent.runId(), Optional.empty(), "nightly", parent.full() ? "--full" : "",
        Optional.of(parent.runDate()), started, Instant.now(), status, summary, Optional.empty()));
    synchronized (OPS) {
      PipelineRuns.recordAll(parent.warehouse(), notRun);
    }
    return new Outcome(exit, Map.copyOf(done));
  }

  /** Steps running at the same time at most: on 2 cores, one step's planning and commits overlap another's tasks. */
  static final int CONCURRENT_STEPS = 3;
  /** Guards writes to the ops tables and a finished step's printed block (one at a time). */
  private static final Object OPS = new Object();

  /**
   * What to do with a step whose predecessors finished: a status when it does not run (skipped, or up to date as
   * succeeded) with the note saying why; else the plan to run it with and its state hash.
   */
  private record Decision(Optional<Status> status, String note, Plan plan, String stateHash) {}

  /** True when every step {@code s} depends on or runs after (among those of this run) has finished. */
  private static boolean ready(NightlySteps.Step s, Set<String> names, Map<String, Status> done) {
    return java.util.stream.Stream.concat(s.dependsOn().stream(), s.after().stream())
        .filter(names::contains).allMatch(done::containsKey);
  }

  private static Decision decide(RunContext ctx, NightlySteps.Step step, Map<String, Status> done,
      StepState.Processed last, String configHash) {
    Optional<String> blocker = step.dependsOn().stream()
        .filter(d -> done.get(d) != Status.SUCCEEDED && done.get(d) != Status.PARTIAL).findFirst();
    if (blocker.isPresent()) {
      return new Decision(Optional.of(Status.SKIPPED), "skipped: step " + blocker.get() + " did not succeed", null, "");
    }
    Map<String, Long> inputVersions = new LinkedHashMap<>();
    for (TableId t : step.inputs()) {
      ctx.warehouse().version(t).ifPresent(v -> inputVersions.put(t.qualifiedName(), v));
    }
    String stateHash = stateHash(configHash, step.state().apply(ctx));
    Plan plan = plan(ctx, step, last, inputVersions, stateHash);
    return plan.upToDate() ? new Decision(Optional.of(Status.SUCCEEDED), plan.reason(), plan, stateHash)
        : new Decision(Optional.empty(), plan.reason(), plan, stateHash);
  }

  /** Runs one step (on a worker thread) and, after a success, records the input versions it processed. */
  private static void runStep(RunContext ctx, NightlySteps.Step step, Decision d, Map<String, Status> done) {
    Status status = Status.FAILED;
    try {
      if (!d.note().isEmpty()) {
        ctx.progress().step(step.name(), d.note());
      }
      RunContext runCtx = d.plan().full() && !ctx.full() ? asFull(ctx) : ctx;
      JobRunner.Outcome outcome = JobRunner.run(runCtx, step.name(), "nightly", step.run(), OPS);
      if (outcome.status() == Status.SUCCEEDED) {
        // versions after the step: what it wrote to its own inputs is processed, not a change to react to
        synchronized (OPS) {
          StepState.record(ctx.warehouse(), step.name(), StepState.currentVersions(ctx.warehouse(), step.inputs()),
              d.stateHash(), ctx.runId());
        }
      }
      status = outcome.status();
    } finally {
      done.put(step.name(), status);
    }
  }

  private static void await(CompletionService<String> running) {
    try {
      running.take().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a nightly step", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
  }

  /** Whether to run a step, why, and whether in full. */
  record Plan(boolean upToDate, String reason, boolean full) {}

  /**
   * Up to date when the step declares inputs, the run is incremental, the step succeeded before with the same
   * input versions, configuration and state, and its output file exists. Otherwise it runs, and the reason
   * says what changed; a step whose recorded versions are no longer readable runs in full.
   */
  static Plan plan(RunContext ctx, NightlySteps.Step step, StepState.Processed last, Map<String, Long> inputVersions,
      String stateHash) {
    if (ctx.full()) {
      return new Plan(false, "", true);
    }
    if (step.inputs().isEmpty()) {
      return new Plan(false, "", false);
    }
    if (last.versions().isEmpty()) {
      return new Plan(false, "runs: no successful run recorded in ops.step_state", false);
    }
    List<String> why = new ArrayList<>();
    changedInputs(last.versions(), inputVersions).forEach(why::add);
    String lastHash = last.configHash().orElse("");
    if (!configPart(lastHash).equals(configPart(stateHash))) {
      why.add("the configuration changed");
    } else if (!lastHash.equals(stateHash)) {
      why.add(step.state().apply(ctx) + " differs from its last successful run");
    }
    Optional<Path> output = step.output().apply(ctx);
    if (output.isPresent() && !Files.exists(output.get())) {
      why.add("its output " + output.get() + " is missing");
    }
    if (!why.isEmpty()) {
      Optional<String> gone = StepState.unavailable(ctx.warehouse(), last.versions());
      return gone.isPresent()
          ? new Plan(false, gone.get() + "; running a full recompute of this step", true)
          : new Plan(false, "runs: " + String.join("; ", why), false);
    }
    String state = step.state().apply(ctx);
    return new Plan(true, "up to date: inputs unchanged since its last successful run (" + inputVersions + ")"
        + ", same configuration" + (state.isEmpty() ? "" : ", same " + state), false);
  }

  /** {@code <config fingerprint>} or {@code <config fingerprint>/<state fingerprint>} (ops.step_state.config_hash). */
  static String stateHash(String configHash, String state) {
    return state.isEmpty() ? configHash : configHash + "/" + Fingerprint.of(state);
  }

  private static String configPart(String hash) {
    int slash = hash.indexOf('/');
    return slash < 0 ? hash : hash.substring(0, slash);
  }

  private static List<String> changedInputs(Map<String, Long> before, Map<String, Long> now) {
    List<String> out = new ArrayList<>();
    now.forEach((table, v) -> {
      Long was = before.get(table);
      if (was == null) {
        out.add(table + " is new (version " + v + ")");
      } else if (!Objects.equals(was, v)) {
        out.add(table + " changed (version " + was + " -> " + v + ")");
      }
    });
    before.keySet().stream().filter(t -> !now.containsKey(t)).forEach(t -> out.add(t + " no longer exists"));
    return out;
  }

  private static RunContext asFull(RunContext c) {
    return new RunContext(c.spark(), c.warehouse(), c.config(), c.runId(), c.runDate(), c.landing(), c.reports(),
        c.exports(), c.progress(), c.parentRunId(), true);
  }

  private static PipelineRuns.Run notRun(RunContext ctx, NightlySteps.Step step, String note) {
    return new PipelineRuns.Run(ctx.runId(), ctx.parentRunId(), step.name(), "nightly", Optional.of(ctx.runDate()),
        Instant.now(), Instant.now(), Status.SKIPPED, new StepResult().note(note), Optional.empty());
  }
}

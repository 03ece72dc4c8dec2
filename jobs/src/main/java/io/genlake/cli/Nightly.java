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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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

  /** Runs {@code steps} in order under {@code parent}; returns the exit status and the steps' statuses. */
  static Outcome run(RunContext parent, List<NightlySteps.Step> steps) {
    Progress p = parent.progress();
    p.step("nightly", "run " + parent.runId() + " on " + parent.warehouse().root() + ", landing " + parent.landing()
        + (parent.full() ? " (--full: every step recomputes)" : ""));
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    Map<String, Status> done = new HashMap<>();
    String configHash = Fingerprint.of(parent.config());
    // what each step last processed; a step's own entry changes only when it runs, after it was read here
    Map<String, StepState.Processed> last = parent.full() ? Map.of() : StepState.lastOfEach(parent.warehouse());
    StepResult summary = new StepResult();
    // steps not run are recorded in one commit, before the next step that runs (or with the run's own row)
    List<PipelineRuns.Run> notRun = new ArrayList<>();
    // input versions change only when a step runs: read once between runs
    Map<TableId, Long> versions = new HashMap<>();
    int exit = 0;
    for (NightlySteps.Step step : steps) {
      RunContext ctx = parent.forStep(step.name());
      Optional<String> blocker = step.dependsOn().stream()
          .filter(d -> done.get(d) != Status.SUCCEEDED && done.get(d) != Status.PARTIAL).findFirst();
      if (blocker.isPresent()) {
        String note = "skipped: step " + blocker.get() + " did not succeed";
        p.step(step.name(), note);
        notRun.add(notRun(ctx, step, note));
        done.put(step.name(), Status.SKIPPED);
        summary.note(step.name() + ": skipped");
        exit = Math.max(exit, 1);
        continue;
      }
      String stateHash = stateHash(configHash, step.state().apply(ctx));
      Map<String, Long> inputVersions = new LinkedHashMap<>();
      for (TableId t : step.inputs()) {
        versionOf(ctx, t, versions).ifPresent(v -> inputVersions.put(t.qualifiedName(), v));
      }
      Plan plan = plan(ctx, step, last.getOrDefault(step.name(), StepState.Processed.NONE), inputVersions, stateHash);
      if (plan.upToDate()) {
        p.step(step.name(), plan.reason());
        notRun.add(notRun(ctx, step, plan.reason()));
        done.put(step.name(), Status.SUCCEEDED);
        summary.note(step.name() + ": up to date");
        continue;
      }
      if (!plan.reason().isEmpty()) {
        p.step(step.name(), plan.reason());
      }
      PipelineRuns.recordAll(ctx.warehouse(), notRun);
      notRun.clear();
      versions.clear();
      RunContext runCtx = plan.full() && !ctx.full() ? asFull(ctx) : ctx;
      JobRunner.Outcome outcome = JobRunner.run(runCtx, step.name(), "nightly", step.run());
      done.put(step.name(), outcome.status());
      if (outcome.status() == Status.SUCCEEDED) {
        // versions after the step: what it wrote to its own inputs is processed, not a change to react to
        StepState.record(ctx.warehouse(), step.name(), StepState.currentVersions(ctx.warehouse(), step.inputs()),
            stateHash, ctx.runId());
      }
      summary.note(step.name() + ": " + outcome.status().label());
      exit = outcome.exitCode() == 1 ? 1 : Math.max(exit, outcome.exitCode());
    }
    Status status = exit == 0 ? Status.SUCCEEDED : exit == Genlake.EXIT_PARTIAL ? Status.PARTIAL : Status.FAILED;
    p.step("nightly", "summary: " + String.join(", ", summary.notes()));
    p.step("nightly", status.label() + " in " + Progress.seconds(System.nanoTime() - t0));
    notRun.add(new PipelineRuns.Run(parent.runId(), Optional.empty(), "nightly", parent.full() ? "--full" : "",
        Optional.of(parent.runDate()), started, Instant.now(), status, summary, Optional.empty()));
    PipelineRuns.recordAll(parent.warehouse(), notRun);
    return new Outcome(exit, done);
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

  private static Optional<Long> versionOf(RunContext ctx, TableId t, Map<TableId, Long> cache) {
    if (!cache.containsKey(t)) {
      ctx.warehouse().version(t).ifPresent(v -> cache.put(t, v));
    }
    return Optional.ofNullable(cache.get(t));
  }

  private static PipelineRuns.Run notRun(RunContext ctx, NightlySteps.Step step, String note) {
    return new PipelineRuns.Run(ctx.runId(), ctx.parentRunId(), step.name(), "nightly", Optional.of(ctx.runDate()),
        Instant.now(), Instant.now(), Status.SKIPPED, new StepResult().note(note), Optional.empty());
  }
}

package io.genlake.ops;

import io.genlake.ops.PipelineRuns.Run;
import io.genlake.ops.PipelineRuns.Status;
import io.genlake.pipeline.StepReport;
import io.genlake.warehouse.Warehouse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records runs cut short by the process stopping (SIGTERM, Ctrl-C) in {@code ops.pipeline_runs} as
 * {@code interrupted}. A run is tracked from its start to its own record; a JVM shutdown hook that runs before
 * Spark's own (so the session still works) cancels the running Spark jobs and appends one row per tracked run, in
 * one commit. After that, {@link #shuttingDown} tells the runs' own failure handling not to write again. Cost: a
 * map entry per run; one small Delta append on shutdown.
 */
public final class InterruptedRuns {
  /** Above Spark's shutdown hook (Hadoop priority 40): this hook runs first, while the SparkSession still works. */
  static final int HOOK_PRIORITY = 100;
  /** How long the hook may take to record the runs before Hadoop interrupts it. */
  static final long HOOK_TIMEOUT_SECONDS = 120;
  /** The error recorded for an interrupted run. */
  public static final String REASON = "interrupted: the process was stopped (SIGTERM or Ctrl-C) while the run was in "
      + "progress; its writes up to then are committed or absent whole (Delta), so it is safe to run again";

  private static final Map<String, Tracked> RUNS = new LinkedHashMap<>();
  private static boolean hooked;
  private static volatile boolean shuttingDown;

  private InterruptedRuns() {}

  private record Tracked(Warehouse warehouse, Run run) {}

  /** A tracked run; closing it (when the run records its own outcome) stops tracking. */
  public interface Handle extends AutoCloseable {
    @Override
    void close();
  }

  /** Tracks {@code run} (its start; status and end are set if it is interrupted) until the handle is closed. */
  public static synchronized Handle track(Warehouse warehouse, Run run) {
    if (!hooked) {
      // Hadoop runs shutdown hooks one after another by priority, Spark's own (context stop included) at 40; a hook
      // without its own timeout is interrupted after 30 s, too short for a Delta commit on a busy machine
      org.apache.hadoop.util.ShutdownHookManager.get().addShutdownHook(InterruptedRuns::recordInterrupted,
          HOOK_PRIORITY, HOOK_TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
      hooked = true;
    }
    RUNS.put(run.runId(), new Tracked(warehouse, run));
    return () -> untrack(run.runId());
  }

  private static synchronized void untrack(String runId) {
    RUNS.remove(runId);
  }

  /** True once the process has begun stopping: runs must not record their (failed) outcome themselves. */
  public static boolean shuttingDown() {
    return shuttingDown;
  }

  /**
   * The shutdown hook's work: cancels running Spark jobs and records every tracked run as interrupted, one commit
   * per warehouse. Returns the runs recorded. Called by the hook; tests call it directly.
   */
  public static synchronized List<Run> recordInterrupted() {
    shuttingDown = true;
    Map<Warehouse, List<Run>> byWarehouse = new LinkedHashMap<>();
    Instant now = Instant.now();
    for (Tracked t : RUNS.values()) {
      Run r = t.run();
      byWarehouse.computeIfAbsent(t.warehouse(), w -> new ArrayList<>()).add(new Run(r.runId(), r.parentRunId(),
          r.job(), r.arguments(), r.runDate(), r.startedAt(), now, Status.INTERRUPTED,
          StepReport.note("interrupted after " + java.time.Duration.between(r.startedAt(), now).toSeconds()
              + " s"), Optional.of(REASON)));
    }
    RUNS.clear();
    List<Run> recorded = new ArrayList<>();
    for (Map.Entry<Warehouse, List<Run>> e : byWarehouse.entrySet()) {
      try {
        e.getKey().spark().sparkContext().cancelAllJobs();
        PipelineRuns.recordAll(e.getKey(), e.getValue());
        recorded.addAll(e.getValue());
        System.err.println("[genlake] stopped: " + e.getValue().size() + " run(s) recorded as interrupted in "
            + "ops.pipeline_runs (" + String.join(", ", e.getValue().stream().map(Run::runId).toList()) + ")");
      } catch (Exception ex) { // Spark may throw InterruptedException undeclared when the hook's time runs out
        System.err.println("[genlake] stopped, and the interrupted runs could not be recorded in ops.pipeline_runs ("
            + ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage()) + "); they "
            + "stay without an end row: " + String.join(", ", e.getValue().stream().map(Run::runId).toList()));
      }
    }
    return recorded;
  }

  /** Clears the shutdown flag and tracked runs (tests that simulate a stop and then go on). */
  public static synchronized void reset() {
    shuttingDown = false;
    RUNS.clear();
  }
}

package io.genlake.pipeline;

import io.genlake.config.GenlakeConfig;
import io.genlake.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * What a step needs to run: the session, the warehouse, the configuration, the run's identity, its as-of date
 * ({@code runDate}: what date-dependent results such as decay, the day's recommendations and the export directory
 * are computed for), the landing, report and export locations, where to print progress, whether to recompute
 * everything ({@code full}) rather than only what changed since the step's last successful run, and the clock
 * every timestamp a step writes comes from ({@code ingested_at}, {@code enriched_at}, manifests, ops rows).
 *
 * <p>Immutable: derive a changed context with the {@code with…} methods and {@link #forStep}.
 */
public record RunContext(
    SparkSession spark,
    Warehouse warehouse,
    GenlakeConfig config,
    String runId,
    LocalDate runDate,
    Path landing,
    Path reports,
    Path exports,
    Progress progress,
    Optional<String> parentRunId,
    boolean full,
    Clock clock) {

  public RunContext {
    Objects.requireNonNull(spark, "spark");
    Objects.requireNonNull(warehouse, "warehouse");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(runDate, "runDate");
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(parentRunId, "parentRunId");
    Objects.requireNonNull(clock, "clock");
  }

  /** A context on the system clock (UTC). */
  public RunContext(SparkSession spark, Warehouse warehouse, GenlakeConfig config, String runId, LocalDate runDate,
      Path landing, Path reports, Path exports, Progress progress, Optional<String> parentRunId, boolean full) {
    this(spark, warehouse, config, runId, runDate, landing, reports, exports, progress, parentRunId, full,
        Clock.systemUTC());
  }

  /** An incremental context ({@code full = false}) on the system clock. */
  public RunContext(SparkSession spark, Warehouse warehouse, GenlakeConfig config, String runId, LocalDate runDate,
      Path landing, Path reports, Path exports, Progress progress, Optional<String> parentRunId) {
    this(spark, warehouse, config, runId, runDate, landing, reports, exports, progress, parentRunId, false);
  }

  /** The clock's current instant: the timestamp a step stamps on what it writes. */
  public Instant now() {
    return clock.instant();
  }

  /** This context for a step named {@code step} of this run: run id {@code <runId>.<step>}, parent this run. */
  public RunContext forStep(String step) {
    return new RunContext(spark, warehouse, config, runId + "." + step, runDate, landing, reports, exports, progress,
        Optional.of(runId), full, clock);
  }

  /** This context, recomputing everything ({@code true}) or only what changed ({@code false}). */
  public RunContext withFull(boolean full) {
    return new RunContext(spark, warehouse, config, runId, runDate, landing, reports, exports, progress, parentRunId,
        full, clock);
  }

  /** This context with another configuration (e.g. a command-line option overriding a key). */
  public RunContext withConfig(GenlakeConfig config) {
    return new RunContext(spark, warehouse, config, runId, runDate, landing, reports, exports, progress, parentRunId,
        full, clock);
  }

  /** This context as of another date. */
  public RunContext withRunDate(LocalDate runDate) {
    return new RunContext(spark, warehouse, config, runId, runDate, landing, reports, exports, progress, parentRunId,
        full, clock);
  }

  /** This context on another clock (tests: {@link Clock#fixed}). */
  public RunContext withClock(Clock clock) {
    return new RunContext(spark, warehouse, config, runId, runDate, landing, reports, exports, progress, parentRunId,
        full, clock);
  }

  /** This context printing progress to {@code progress}. */
  public RunContext withProgress(Progress progress) {
    return new RunContext(spark, warehouse, config, runId, runDate, landing, reports, exports, progress, parentRunId,
        full, clock);
  }
}

package io.genlake.pipeline;

import io.genlake.config.GenlakeConfig;
import io.genlake.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * What a job step needs to run: the session, the warehouse, the configuration, the run's identity and
 * date, the landing, report and export locations, where to print progress, and whether to recompute
 * everything ({@code full}) rather than only what changed since the step's last successful run.
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
    boolean full) {

  /** An incremental run context ({@code full = false}). */
  public RunContext(SparkSession spark, Warehouse warehouse, GenlakeConfig config, String runId, LocalDate runDate,
      Path landing, Path reports, Path exports, Progress progress, Optional<String> parentRunId) {
    this(spark, warehouse, config, runId, runDate, landing, reports, exports, progress, parentRunId, false);
  }

  /** This context for a sub-step named {@code step} of this run. */
  public RunContext forStep(String step) {
    return new RunContext(spark, warehouse, config, runId + "." + step, runDate, landing, reports, exports, progress,
        Optional.of(runId), full);
  }
}

package io.genlake.pipeline;

import io.genlake.config.GenlakeConfig;
import io.genlake.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * What a job step needs to run: the session, the warehouse, the configuration, the run's identity and
 * date, the landing, report and export locations, and where to print progress.
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
    Optional<String> parentRunId) {}

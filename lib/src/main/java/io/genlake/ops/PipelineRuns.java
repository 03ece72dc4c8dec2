package io.genlake.ops;

import io.genlake.pipeline.StepReport;
import io.genlake.pipeline.StepResult;
import io.genlake.warehouse.Warehouse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** Records job runs in {@code ops.pipeline_runs}; one small Delta append per run. */
public final class PipelineRuns {
  /** The outcome of a run. */
  public enum Status {
    SUCCEEDED,
    PARTIAL,
    FAILED,
    SKIPPED,
    /** The process was stopped (SIGTERM, Ctrl-C) while the run was in progress; see {@link InterruptedRuns}. */
    INTERRUPTED;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** One run to record: a step's (or a whole run's) identity, times, outcome and report. */
  public record Run(
      String runId,
      Optional<String> parentRunId,
      String job,
      String arguments,
      Optional<LocalDate> runDate,
      Instant startedAt,
      Instant endedAt,
      Status status,
      StepReport result,
      Optional<String> error) {}

  private PipelineRuns() {}

  /** Appends {@code run} to {@code ops.pipeline_runs}, creating the table on first use. */
  public static synchronized void record(Warehouse warehouse, Run run) {
    recordAll(warehouse, List.of(run));
  }

  /** Appends {@code runs} in one commit (nothing when empty); the table is created on first use. */
  public static synchronized void recordAll(Warehouse warehouse, List<Run> runs) {
    if (runs.isEmpty()) {
      return;
    }
    if (!warehouse.exists(OpsPipelineRuns.TABLE)) {
      warehouse.ensure(OpsPipelineRuns.SPEC); // created once; an append alone is quicker (shutdown hooks have seconds)
    }
    List<Row> rows = new ArrayList<>();
    for (Run run : runs) {
      rows.add(row(run));
    }
    warehouse.append(OpsPipelineRuns.TABLE,
        warehouse.spark().createDataFrame(rows, OpsPipelineRuns.SCHEMA).coalesce(1));
  }

  private static Row row(Run run) {
    List<Row> tables = new ArrayList<>();
    for (StepResult.TableWrite t : run.result().tables()) {
      tables.add(RowFactory.create(t.table(), t.rowsIn(), t.rowsOut(), t.deltaVersion().orElse(null)));
    }
    return RowFactory.create(
        run.runId(),
        run.parentRunId().orElse(null),
        run.job(),
        run.arguments(),
        run.runDate().map(LocalDate::toString).orElse(null),
        Timestamp.from(run.startedAt()),
        Timestamp.from(run.endedAt()),
        run.status().label(),
        scala.collection.JavaConverters.mapAsScalaMap(new java.util.LinkedHashMap<>(run.result().counts())),
        tables,
        run.result().notes(),
        run.error().orElse(null));
  }
}

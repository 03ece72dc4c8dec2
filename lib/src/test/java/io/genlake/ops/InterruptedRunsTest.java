package io.genlake.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.genlake.ops.PipelineRuns.Run;
import io.genlake.ops.PipelineRuns.Status;
import io.genlake.pipeline.StepReport;
import io.genlake.testing.TestSpark;
import io.genlake.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shutdown hook's work, run in this JVM as the hook would run it on SIGTERM (before Spark's own hook, the
 * session still up): every tracked run is recorded as interrupted, finished runs are not.
 */
class InterruptedRunsTest {
  @AfterEach
  void reset() {
    InterruptedRuns.reset();
  }

  static Run run(String id, Optional<String> parent, String job) {
    return new Run(id, parent, job, "nightly", Optional.of(LocalDate.of(2026, 11, 21)),
        Instant.parse("2026-11-21T02:00:00Z"), Instant.parse("2026-11-21T02:00:00Z"), Status.INTERRUPTED,
        StepReport.EMPTY, Optional.empty());
  }

  @Test
  void runsInProgressAtShutdownAreRecordedAsInterrupted(@TempDir Path dir) {
    Warehouse w = new Warehouse(TestSpark.session(), dir.resolve("wh").toString());
    InterruptedRuns.Handle nightly = InterruptedRuns.track(w, run("n-1", Optional.empty(), "nightly"));
    InterruptedRuns.Handle ingest = InterruptedRuns.track(w, run("n-1.ingest", Optional.of("n-1"), "ingest"));
    ingest.close(); // finished and recorded its own outcome
    InterruptedRuns.track(w, run("n-1.enrich", Optional.of("n-1"), "enrich"));

    List<Run> recorded = InterruptedRuns.recordInterrupted();

    assertEquals(List.of("n-1", "n-1.enrich"), recorded.stream().map(Run::runId).toList());
    assertTrue(InterruptedRuns.shuttingDown());
    List<Row> rows = w.read(OpsPipelineRuns.TABLE).orderBy(OpsPipelineRuns.RUN_ID).collectAsList();
    assertEquals(List.of("n-1 nightly interrupted " + InterruptedRuns.REASON,
        "n-1.enrich enrich interrupted " + InterruptedRuns.REASON), rows.stream()
        .map(r -> r.getAs(OpsPipelineRuns.RUN_ID) + " " + r.getAs(OpsPipelineRuns.JOB) + " "
            + r.getAs(OpsPipelineRuns.STATUS) + " " + r.getAs(OpsPipelineRuns.ERROR)).toList());
    nightly.close();
    assertEquals(List.of(), InterruptedRuns.recordInterrupted(), "nothing is recorded twice");
  }
}

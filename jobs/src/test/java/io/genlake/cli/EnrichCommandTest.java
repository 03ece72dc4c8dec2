package io.genlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.genlake.nightly.NightlySteps;
import io.genlake.ops.OpsPipelineRuns;
import io.genlake.pipeline.Pipeline;
import io.genlake.testing.TestSpark;
import io.genlake.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrichCommandTest {
  @Test
  void enrichOnAWarehouseWithoutGenerationsSucceedsAndIsRecorded(@TempDir Path dir) {
    String wh = dir.resolve("wh").toString();
    assertEquals(0, Genlake.run("enrich", "--quiet", "--full", "--warehouse", wh));
    List<Row> runs = new Warehouse(TestSpark.session(), wh).read(OpsPipelineRuns.TABLE)
        .select(OpsPipelineRuns.JOB, OpsPipelineRuns.STATUS, OpsPipelineRuns.ARGUMENTS).collectAsList();
    assertEquals(1, runs.size());
    assertEquals(List.of("enrich", "succeeded", "--full"),
        List.of(runs.get(0).getString(0), runs.get(0).getString(1), runs.get(0).getString(2)));
  }

  @Test
  void enrichRunsNightlyAfterIngestAndBeforeTheStepsReadingGenerations() {
    Pipeline nightly = NightlySteps.pipeline();
    assertEquals(Set.of("ingest"), nightly.predecessors("enrich"));
    assertEquals(Set.of("ingest", "enrich"), nightly.predecessors("fit"));
    assertEquals(Set.of("ingest", "enrich"), nightly.predecessors("preference"));
    assertEquals(Set.of("ingest", "enrich"), nightly.predecessors("failure"));
    assertEquals(Set.of("ingest", "enrich", "fit", "preference"), nightly.predecessors("export"));
    assertEquals(Set.of("ingest", "fit"), nightly.predecessors("report_fit"));
    assertEquals(Set.of("failure"), nightly.predecessors("report_failures"));
  }
}

package io.genlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.genlake.ops.OpsPipelineRuns;
import io.genlake.testing.TestSpark;
import io.genlake.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestCommandTest {
  @Test
  void ingestRecordsItsCountsInPipelineRuns(@TempDir Path dir) throws Exception {
    Path landing = dir.resolve("landing");
    Files.createDirectories(landing.resolve("reference/prompt_versions"));
    Files.writeString(landing.resolve("reference/prompt_versions/pv.jsonl"),
        "{\"id\":\"v1\",\"family_id\":\"f\",\"version_number\":1,\"prompt_text\":\"a cat\",\"created_at\":\"2026-11-20T10:00:00Z\"}\n"
            + "{\"id\":\"v2\",\"family_id\":\"f\",\"version_number\":\"two\",\"prompt_text\":\"a dog\",\"created_at\":\"2026-11-20T10:00:00Z\"}\n");
    String wh = dir.resolve("wh").toString();
    assertEquals(0, Genlake.run("ingest", "reference", "--quiet", "--warehouse", wh, "--landing", landing.toString()));
    Warehouse w = new Warehouse(TestSpark.session(), wh);
    Row run = w.read(OpsPipelineRuns.TABLE).where("job = 'ingest'").first();
    Map<String, Long> counts = run.getJavaMap(run.fieldIndex(OpsPipelineRuns.COUNTS));
    assertEquals(2L, counts.get("silver.prompt_versions.read"));
    assertEquals(1L, counts.get("silver.prompt_versions.accepted"));
    assertEquals(1L, counts.get("silver.prompt_versions.quarantined.wrong_type"));
    assertEquals("reference", run.getAs(OpsPipelineRuns.ARGUMENTS));
    assertEquals("succeeded", run.getAs(OpsPipelineRuns.STATUS));
  }

  @Test
  void unreadableSourceExitsNonZeroAndWritesNoTable(@TempDir Path dir) throws Exception {
    Path landing = dir.resolve("landing");
    Files.createDirectories(landing.resolve("sqlite"));
    Files.writeString(landing.resolve("sqlite/metadata.db"), "not a database");
    String wh = dir.resolve("wh").toString();
    assertEquals(1, Genlake.run("ingest", "all", "--quiet", "--warehouse", wh, "--landing", landing.toString()));
    Warehouse w = new Warehouse(TestSpark.session(), wh);
    Row run = w.read(OpsPipelineRuns.TABLE).where("job = 'ingest'").first();
    assertEquals("failed", run.getAs(OpsPipelineRuns.STATUS));
    assertEquals("Cannot ingest sqlite/metadata.db: it is not a SQLite database (its first bytes are not the SQLite "
        + "header). Files under sqlite/ must be SQLite 3 databases; move other files away.",
        run.getAs(OpsPipelineRuns.ERROR));
    assertFalse(Files.exists(Path.of(wh, "silver")));
    assertFalse(Files.exists(Path.of(wh, "bronze")));
  }
}

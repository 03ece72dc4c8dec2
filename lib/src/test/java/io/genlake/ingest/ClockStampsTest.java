package io.genlake.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.genlake.enrich.EnrichStep;
import io.genlake.ops.OpsPipelineRuns;
import io.genlake.ops.PipelineRuns.Status;
import io.genlake.pipeline.RunContext;
import io.genlake.scheduler.Scheduler;
import io.genlake.table.BronzeTables;
import io.genlake.table.Lineage;
import io.genlake.table.SilverGenerations;
import io.genlake.testing.TestSpark;
import io.genlake.warehouse.TableId;
import io.genlake.warehouse.Warehouse;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The timestamps steps write come from the run context's clock: ingested_at, enriched_at, the ops rows. */
class ClockStampsTest {
  @Test
  void ingestAndEnrichStampTheClocksTime(@TempDir Path dir) {
    SparkSession spark = TestSpark.session();
    Path landing = dir.resolve("landing");
    IngestionTest.writeLanding(landing);
    Warehouse w = new Warehouse(spark, dir.resolve("wh").toString());
    Instant ingested = Instant.parse("2026-11-21T02:00:00Z");
    Instant enriched = Instant.parse("2026-11-21T02:05:00Z");
    RunContext ctx = IngestionTest.context(spark, w, landing, "clock-1", false);

    assertEquals(Status.SUCCEEDED, Scheduler.runOne(ctx.withClock(Clock.fixed(ingested, ZoneOffset.UTC)),
        IngestStep.all(), "all").status());
    assertEquals(Status.SUCCEEDED, Scheduler.runOne(ctx.withClock(Clock.fixed(enriched, ZoneOffset.UTC)),
        new EnrichStep(), "").status());

    assertEquals(List.of(Timestamp.from(ingested)), distinct(w, BronzeTables.GENERATIONS,
        Lineage.INGESTED_AT));
    assertEquals(List.of(Timestamp.from(ingested)), distinct(w, SilverGenerations.TABLE,
        Lineage.INGESTED_AT));
    assertEquals(List.of(Timestamp.from(enriched)), distinct(w, SilverGenerations.TABLE,
        SilverGenerations.ENRICHED_AT));
    assertEquals(List.of("enrich " + Timestamp.from(enriched) + " " + Timestamp.from(enriched),
            "ingest " + Timestamp.from(ingested) + " " + Timestamp.from(ingested)),
        w.read(OpsPipelineRuns.TABLE).orderBy(OpsPipelineRuns.JOB).collectAsList().stream()
            .map(r -> r.getAs(OpsPipelineRuns.JOB) + " " + r.getAs(OpsPipelineRuns.STARTED_AT) + " "
                + r.getAs(OpsPipelineRuns.ENDED_AT)).toList());
  }

  private static List<Object> distinct(Warehouse w, TableId table, String column) {
    return w.read(table).select(column).distinct().collectAsList().stream().map(r -> r.get(0)).toList();
  }
}

package io.genlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.genlake.generate.LandingGenerator;
import io.genlake.ops.PipelineRuns.Status;
import io.genlake.pipeline.Progress;
import io.genlake.table.SilverGenerations;
import io.genlake.testing.TestSpark;
import io.genlake.warehouse.Layer;
import io.genlake.warehouse.TableId;
import io.genlake.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly run's contract on generated data: incremental runs (a landing, then new files added to it) give
 * the same gold tables as one {@code --full} run on everything; a run with no new data runs nothing but ingest;
 * a run killed midway leaves every table readable and the next run completes it; a step whose recorded versions
 * were vacuumed falls back to a full run of that step.
 */
class NightlyIncrementalTest {
  /** The steps that write gold tables (export and reports write files; the no-new-data run covers them). */
  static final List<NightlySteps.Step> GOLD_STEPS = NightlySteps.STEPS.stream()
      .filter(s -> !s.name().equals("export") && !s.name().startsWith("report_")).toList();
  @TempDir static Path dir;
  static Path landing;
  /** Warehouse "incremental": nightly on the landing, then again after batch 1 was added, then with nothing new. */
  static Warehouse incremental;
  static Map<String, Status> noNewData;
  static String noNewDataOutput;
  /** Warehouse "full": one --full run on the landing with batch 1. */
  static Warehouse full;
  static Map<String, List<String>> fullGold;

  @BeforeAll
  static void runNightlies() {
    SparkSession spark = TestSpark.session();
    landing = dir.resolve("landing");
    LandingGenerator.write(landing, 60, 7, 0.02);
    incremental = new Warehouse(spark, dir.resolve("a").toString());
    assertEquals(0, nightly(incremental, "a", false).exit());
    LandingGenerator.write(landing, 15, 7, 0.02, 1, Progress.silent());
    assertEquals(0, nightly(incremental, "a", false).exit());
    NightlyRuns.Output out = new NightlyRuns.Output();
    noNewData = NightlyRuns.run(incremental, landing, dir.resolve("a"), false, NightlySteps.STEPS, out).steps();
    noNewDataOutput = out.text();
    full = new Warehouse(spark, dir.resolve("b").toString());
    assertEquals(0, NightlyRuns.run(full, landing, dir.resolve("b"), true, GOLD_STEPS, new NightlyRuns.Output()).exit());
    fullGold = NightlyRuns.gold(full);
  }

  @Test
  void incrementalRunsGiveTheGoldTablesOfOneFullRun() {
    assertEquals(fullGold.keySet(), NightlyRuns.gold(incremental).keySet());
    assertTrue(fullGold.size() >= 20, "gold tables: " + fullGold.keySet());
    assertTrue(fullGold.get("gold.block_image_fits").size() > 10, fullGold.get("gold.block_image_fits").toString());
    Map<String, List<String>> gold = NightlyRuns.gold(incremental);
    for (String table : fullGold.keySet()) {
      assertEquals(fullGold.get(table), gold.get(table), table + " differs between incremental and --full");
    }
  }

  @Test
  void aRunWithNoNewDataRunsOnlyIngestAndSaysWhyEachStepIsUpToDate() {
    for (NightlySteps.Step step : NightlySteps.STEPS) {
      assertEquals(Status.SUCCEEDED, noNewData.get(step.name()), step.name());
      if (!step.name().equals("ingest")) {
        assertTrue(noNewDataOutput.contains("[" + step.name() + "] up to date: inputs unchanged since its last "
            + "successful run"), step.name() + " was not up to date:\n" + noNewDataOutput);
      }
    }
    assertTrue(noNewDataOutput.contains("[preference] up to date: inputs unchanged since its last successful run"
        + " ({silver.preference_events="), noNewDataOutput);
    assertTrue(noNewDataOutput.contains("same configuration, same run date 2026-11-21"), noNewDataOutput);
  }

  @Test
  void aRunKilledMidwayLeavesTablesReadableAndTheNextRunCompletesIt() {
    Warehouse w = new Warehouse(TestSpark.session(), dir.resolve("c").toString());
    // killed inside ingest, after its second progress line: some silver tables written, the rest not
    Nightly.Outcome killedIngest = NightlyRuns.run(w, landing, dir.resolve("c"), false, GOLD_STEPS,
        new NightlyRuns.Output("[ingest] ", 2));
    assertEquals(Status.FAILED, killedIngest.steps().get("ingest"));
    assertEquals(Status.SKIPPED, killedIngest.steps().get("fit"));
    allReadable(w);
    // killed inside fit, after it rewrote gold.asset_tags and before the other fit tables
    Nightly.Outcome killedFit = NightlyRuns.run(w, landing, dir.resolve("c"), false, GOLD_STEPS,
        new NightlyRuns.Output("[fit] scoring rated pairs", 1));
    assertEquals(Status.FAILED, killedFit.steps().get("fit"));
    assertEquals(Status.SUCCEEDED, killedFit.steps().get("failure"));
    allReadable(w);
    NightlyRuns.Output out = new NightlyRuns.Output();
    assertEquals(0, NightlyRuns.run(w, landing, dir.resolve("c"), false, GOLD_STEPS, out).exit());
    assertTrue(out.text().contains("[fit] runs: no successful run recorded in ops.step_state"), out.text());
    assertTrue(out.text().contains("[failure] up to date"), out.text());
    Map<String, List<String>> gold = NightlyRuns.gold(w);
    assertEquals(fullGold.keySet(), gold.keySet());
    for (String table : fullGold.keySet()) {
      assertEquals(fullGold.get(table), gold.get(table), table + " differs after a killed run was completed");
    }
  }

  @Test
  void aStepWhoseRecordedVersionWasVacuumedRunsInFull() {
    Warehouse w = full;
    List<NightlySteps.Step> steps = GOLD_STEPS.subList(0, 2); // ingest, enrich
    long recorded = w.version(SilverGenerations.TABLE).orElseThrow();
    // the same rows in new files (every file of the recorded version replaced), then VACUUM them away
    SparkSession spark = w.spark();
    String location = w.location(SilverGenerations.TABLE);
    spark.read().format("delta").load(location).write().format("delta").mode("overwrite").save(location);
    spark.conf().set("spark.databricks.delta.retentionDurationCheck.enabled", "false");
    try {
      spark.sql("VACUUM delta.`" + location + "` RETAIN 0 HOURS");
    } finally {
      spark.conf().unset("spark.databricks.delta.retentionDurationCheck.enabled");
    }
    // a scan of every file (a plain count would be answered from the log's statistics)
    assertThrows(Exception.class, () -> spark.read().format("delta").option("versionAsOf", recorded).load(location)
        .javaRDD().count());

    NightlyRuns.Output out = new NightlyRuns.Output();
    assertEquals(0, NightlyRuns.run(w, landing, dir.resolve("b"), false, steps, out).exit());
    assertTrue(out.text().contains("[enrich] the changes since version " + recorded + " of silver.generations are no "
        + "longer available (vacuumed); running a full recompute of this step\n"), out.text());
    assertTrue(out.text().contains(" generations (full)"), out.text());
  }

  private static Nightly.Outcome nightly(Warehouse w, String name, boolean full) {
    return NightlyRuns.run(w, landing, dir.resolve(name), full, NightlySteps.STEPS, new NightlyRuns.Output());
  }

  /** Every table of every layer reads (a count scans all its files). */
  private static void allReadable(Warehouse w) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Layer layer : Layer.values()) {
      for (TableId id : w.listTables(layer)) {
        counts.put(id.qualifiedName(), w.read(id).count());
      }
    }
    assertTrue(counts.containsKey("silver.generations") || counts.isEmpty(), counts.toString());
  }
}

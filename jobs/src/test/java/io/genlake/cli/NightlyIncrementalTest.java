package io.genlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.genlake.config.ConfigLoader;
import io.genlake.generate.LandingGenerator;
import io.genlake.nightly.NightlySteps;
import io.genlake.ops.PipelineRuns.Status;
import io.genlake.pipeline.Progress;
import io.genlake.pipeline.Step;
import io.genlake.scheduler.RunOutcome;
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
 * the same gold tables as one {@code --full} run on everything, also when runs are killed midway on the way
 * (every table stays readable, the next run completes the work); a run with no new data runs nothing but ingest;
 * a step whose recorded versions were vacuumed falls back to a full run of that step; editing fit.report_blocks
 * re-runs only report_fit. One scenario shared by the tests (about seven nightly runs on 75 generations): each
 * nightly run costs seconds of Spark work.
 */
class NightlyIncrementalTest {
  /** The steps that write gold tables (export and reports write files; the no-new-data run covers them). */
  static final List<Step> GOLD_STEPS = NightlySteps.steps().stream()
      .filter(s -> !s.name().equals("export") && !s.name().startsWith("report_")).toList();
  @TempDir static Path dir;
  static Path landing;
  /** Warehouse "incremental": nightly on the landing; batch 1 added; two killed runs; the run completing them. */
  static Warehouse incremental;
  static RunOutcome killedIngest;
  static Map<String, Long> afterKilledIngest;
  static RunOutcome killedFit;
  static Map<String, Long> afterKilledFit;
  static String completingOutput;
  /** The same warehouse, nightly again with no new data. */
  static Map<String, Status> noNewData;
  static String noNewDataOutput;
  /** The same warehouse, nightly again with fit.report_blocks changed. */
  static RunOutcome reportBlocksEdited;
  static String reportBlocksOutput;
  /** Warehouse "full": one --full run on the landing with batch 1. */
  static Warehouse full;
  static Map<String, List<String>> fullGold;

  @BeforeAll
  static void runNightlies() {
    SparkSession spark = TestSpark.session();
    landing = dir.resolve("landing");
    LandingGenerator.write(landing, 60, 7, 0.02);
    incremental = new Warehouse(spark, dir.resolve("a").toString());
    assertEquals(Status.SUCCEEDED, nightly(new NightlyRuns.Output()).status());
    LandingGenerator.write(landing, 15, 7, 0.02, 1, Progress.silent());
    // killed inside ingest, after its second progress line: some silver tables written, the rest not
    killedIngest = nightly(new NightlyRuns.Output("[ingest] ", 2));
    afterKilledIngest = counts(incremental);
    // killed inside fit, after it rewrote gold.asset_tags and before its other gold tables
    killedFit = nightly(new NightlyRuns.Output("[fit] scoring rated pairs", 1));
    afterKilledFit = counts(incremental);
    NightlyRuns.Output completing = new NightlyRuns.Output();
    assertEquals(Status.SUCCEEDED, nightly(completing).status());
    completingOutput = completing.text();
    NightlyRuns.Output out = new NightlyRuns.Output();
    noNewData = nightly(out).steps();
    noNewDataOutput = out.text();
    NightlyRuns.Output edited = new NightlyRuns.Output();
    reportBlocksEdited = NightlyRuns.run(incremental, landing, dir.resolve("a"), false, NightlySteps.steps(), edited,
        ConfigLoader.loadYaml("fit: {incremental_min_pairs: 0, report_blocks: 7}"));
    reportBlocksOutput = edited.text();
    full = new Warehouse(spark, dir.resolve("b").toString());
    assertEquals(Status.SUCCEEDED,
        NightlyRuns.run(full, landing, dir.resolve("b"), true, GOLD_STEPS, new NightlyRuns.Output()).status());
    fullGold = NightlyRuns.gold(full);
  }

  @Test
  void incrementalRunsGiveTheGoldTablesOfOneFullRun() {
    assertTrue(fullGold.size() >= 20, "gold tables: " + fullGold.keySet());
    assertTrue(fullGold.get("gold.block_image_fits").size() > 10, fullGold.get("gold.block_image_fits").toString());
    Map<String, List<String>> gold = NightlyRuns.gold(incremental);
    assertEquals(fullGold.keySet(), gold.keySet());
    for (String table : fullGold.keySet()) {
      assertEquals(fullGold.get(table), gold.get(table), table + " differs between incremental and --full");
    }
  }

  @Test
  void aRunKilledMidwayLeavesTablesReadableAndTheNextRunCompletesIt() {
    assertEquals(Status.FAILED, killedIngest.steps().get("ingest"));
    assertEquals(Status.SKIPPED, killedIngest.steps().get("fit"));
    assertTrue(afterKilledIngest.get("silver.generations") > 0, afterKilledIngest.toString());
    assertEquals(Status.FAILED, killedFit.steps().get("fit"));
    assertEquals(Status.SUCCEEDED, killedFit.steps().get("failure"));
    assertEquals(Status.SKIPPED, killedFit.steps().get("export"));
    assertTrue(afterKilledFit.get("gold.block_image_fits") > 0, afterKilledFit.toString());
    // fit recorded nothing when killed, so it runs; the steps that finished are up to date
    assertTrue(completingOutput.contains("[fit] runs: silver.") && completingOutput.contains("[fit] succeeded"),
        completingOutput);
    assertTrue(completingOutput.contains("[failure] up to date"), completingOutput);
    assertTrue(completingOutput.contains("[export] runs: "), completingOutput);
  }

  @Test
  void aRunWithNoNewDataRunsOnlyIngestAndSaysWhyEachStepIsUpToDate() {
    for (Step step : NightlySteps.steps()) {
      assertEquals(Status.SUCCEEDED, noNewData.get(step.name()), step.name());
      if (!step.name().equals("ingest")) {
        assertTrue(noNewDataOutput.contains("[" + step.name() + "] up to date: inputs unchanged since its last "
            + "successful run"), step.name() + " was not up to date:\n" + noNewDataOutput);
      }
    }
    assertTrue(noNewDataOutput.contains("[preference] up to date: inputs unchanged since its last successful run"
        + " ({silver.preference_events="), noNewDataOutput);
    assertTrue(noNewDataOutput.contains("), same config.preference, run_date 2026-11-21\n"), noNewDataOutput);
  }

  @Test
  void editingFitReportBlocksRerunsOnlyTheStepThatDeclaresIt() {
    assertEquals(Status.SUCCEEDED, reportBlocksEdited.status());
    assertTrue(reportBlocksOutput.contains("[report_fit] runs: config.fit.report_blocks changed\n"), reportBlocksOutput);
    assertTrue(reportBlocksOutput.contains("[report_fit] succeeded"), reportBlocksOutput);
    for (Step step : NightlySteps.steps()) {
      if (!step.name().equals("ingest") && !step.name().equals("report_fit")) {
        assertTrue(reportBlocksOutput.contains("[" + step.name() + "] up to date: "), step.name() + " ran:\n"
            + reportBlocksOutput);
        assertEquals(io.genlake.pipeline.StepReport.EMPTY, reportBlocksEdited.report(step.name()), step.name());
      }
    }
  }

  @Test
  void aStepWhoseRecordedVersionWasVacuumedRunsInFull() {
    Warehouse w = full;
    List<Step> steps = GOLD_STEPS.subList(0, 2); // ingest, enrich
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
    assertEquals(Status.SUCCEEDED, NightlyRuns.run(w, landing, dir.resolve("b"), false, steps, out).status());
    assertTrue(out.text().contains("[enrich] the changes since version " + recorded + " of silver.generations are no "
        + "longer available (vacuumed); running a full recompute of this step\n"), out.text());
    assertTrue(out.text().contains(" generations (full)"), out.text());
  }

  private static RunOutcome nightly(NightlyRuns.Output out) {
    return NightlyRuns.run(incremental, landing, dir.resolve("a"), false, NightlySteps.steps(), out);
  }

  /** Rows of every table of every layer: each reads (a count of a Delta table needs its log and metadata). */
  private static Map<String, Long> counts(Warehouse w) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Layer layer : Layer.values()) {
      for (TableId id : w.listTables(layer)) {
        counts.put(id.qualifiedName(), w.read(id).javaRDD().count());
      }
    }
    return counts;
  }
}

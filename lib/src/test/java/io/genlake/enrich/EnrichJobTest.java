package io.genlake.enrich;

import static io.genlake.enrich.Rows.generation;
import static io.genlake.enrich.Rows.version;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.genlake.config.ConfigLoader;
import io.genlake.ops.PipelineRuns.Status;
import io.genlake.pipeline.Progress;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StepReport;
import io.genlake.scheduler.RunOutcome;
import io.genlake.scheduler.Scheduler;
import io.genlake.pipeline.StepResult;
import io.genlake.table.GoldCanonicalHashChanges;
import io.genlake.table.SilverGenerations;
import io.genlake.table.SilverPromptVersions;
import io.genlake.testing.TestSpark;
import io.genlake.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalog.Table;
import org.apache.spark.sql.catalyst.TableIdentifier;
import scala.Option;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrichJobTest {
  private final SparkSession spark = TestSpark.session();

  /** Tests share one session catalog: forget tables registered by an earlier test's warehouse. */
  @BeforeEach
  void forgetRegisteredTables() {
    forgetTables(spark);
  }

  static void forgetTables(SparkSession spark) {
    for (String db : List.of("silver", "gold", "ops")) {
      if (spark.catalog().databaseExists(db)) {
        List<Table> tables;
        try {
          tables = spark.catalog().listTables(db).collectAsList();
        } catch (AnalysisException e) {
          throw new IllegalStateException(e);
        }
        for (Table t : tables) {
          spark.sessionState().catalog().dropTable(new TableIdentifier(t.name(), Option.apply(db)), true, false);
        }
      }
    }
  }

  static RunContext context(Warehouse w, Path dir, boolean full) {
    return new RunContext(w.spark(), w, ConfigLoader.defaults(), "enrich-test", LocalDate.of(2026, 11, 20),
        dir, dir, dir, Progress.silent(), Optional.empty(), full);
  }

  /** The enrich step through the scheduler, as `genlake enrich` runs it: from its recorded baseline. */
  private static StepReport enrich(RunContext ctx) {
    RunOutcome outcome = Scheduler.runOne(ctx, new EnrichStep(), "");
    assertEquals(Status.SUCCEEDED, outcome.status());
    return outcome.report("enrich");
  }

  static Map<String, Object> cols(Object... kv) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  static void seed(Warehouse w, List<Row> generations, List<Row> versions) {
    SparkSession spark = w.spark();
    w.ensure(SilverGenerations.SPEC);
    w.append(SilverGenerations.TABLE, spark.createDataFrame(generations, SilverGenerations.SCHEMA));
    w.ensure(SilverPromptVersions.SPEC);
    if (!versions.isEmpty()) {
      w.append(SilverPromptVersions.TABLE, spark.createDataFrame(versions, SilverPromptVersions.SCHEMA));
    }
  }

  private static final List<Row> VERSIONS = List.of(
      version("f1-v1", "f1", 1, "a {{subject}} in the rain", "2026-01-01 00:00:00"),
      version("f1-v2", "f1", 2, "a {{subject}} in the sun", "2026-03-01 00:00:00"),
      version("f2-v1", "f2", 1, "portrait of {{who}}", "2026-02-01 00:00:00"));

  private static final String FOX_LATEST = "{\"familyId\": \"f1\", \"autoSelectLatest\": true,"
      + " \"variables\": {\"subject\": \"fox\"}}";

  static List<Row> generations() {
    String pc = SilverGenerations.PROMPT_CONFIG;
    return List.of(
        generation("g1", "2026-02-01 12:00:00", cols(pc, FOX_LATEST)),
        generation("g2", "2026-04-01 12:00:00", cols(pc, FOX_LATEST)),
        generation("g3", "2026-04-01 12:00:00", cols(pc, "{\"versionId\": \"f2-v1\"}")),
        generation("g4", "2026-04-01 12:00:00", cols(pc, "{not json")),
        generation("g5", "2026-04-01 12:00:00", cols(pc, "{\"versionId\": \"f3-v1\"}")),
        generation("g6", "2026-04-01 12:00:00", cols(pc, "{\"familyId\": \"nofamily\", \"autoSelectLatest\": true}")),
        generation("g7", "2025-12-01 12:00:00", cols(pc, FOX_LATEST)),
        generation("g8", "2026-04-01 12:00:00", cols(pc, "{\"inlinePrompt\": \"a {{subject}}\","
            + " \"variables\": {\"subject\": \"cat\"}}")),
        generation("g9", "2026-04-01 12:00:00", cols(SilverGenerations.FINAL_PROMPT, "plain",
            SilverGenerations.SOCIAL_CONTEXT, "{\"intimacyLevelId\": \"very_intimate\", \"worldMaxRating\": \"romantic\","
                + " \"contentRating\": \"mature_implied\"}")));
  }

  private static Map<String, Row> silver(Warehouse w) {
    return w.read(SilverGenerations.TABLE).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs(SilverGenerations.GENERATION_ID), r -> r));
  }

  @Test
  void resolvesPromptsWithTheVersionValidAtCreationAndCountsEveryStatus(@TempDir Path dir) {
    Warehouse w = new Warehouse(spark, dir.resolve("wh").toString());
    seed(w, generations(), VERSIONS);

    StepReport result = enrich(context(w, dir, false));

    assertEquals(9, result.count(EnrichJob.CANDIDATES));
    assertEquals(9, result.count(EnrichJob.ENRICHED));
    assertEquals(2, result.count("resolution.resolved"));
    assertEquals(1, result.count("resolution.unresolved_placeholders"));
    assertEquals(1, result.count("resolution.invalid_json"));
    assertEquals(1, result.count("resolution.version_not_found"));
    assertEquals(1, result.count("resolution.family_not_found"));
    assertEquals(1, result.count("resolution.no_version_at_time"));
    assertEquals(1, result.count("resolution.inline_deprecated"));
    assertEquals(1, result.count("resolution.no_config"));
    assertEquals(1, result.count("content_rating.rated"));
    assertEquals(8, result.count("content_rating.none"));
    assertEquals(1, result.count(EnrichJob.VIOLATIONS));

    Map<String, Row> rows = silver(w);
    // g1 was made when f1's latest was v1, although v2 is today's latest
    assertEnriched(rows.get("g1"), "a fox in the rain", "f1-v1", "versioned", "resolved", List.of());
    assertEnriched(rows.get("g2"), "a fox in the sun", "f1-v2", "versioned", "resolved", List.of());
    assertEnriched(rows.get("g3"), "portrait of {{who}}", "f2-v1", "versioned", "unresolved_placeholders", List.of("who"));
    assertEnriched(rows.get("g4"), null, null, "unknown", "invalid_json", List.of());
    assertEnriched(rows.get("g5"), null, null, "unknown", "version_not_found", List.of());
    assertEnriched(rows.get("g6"), null, null, "unknown", "family_not_found", List.of());
    assertEnriched(rows.get("g7"), null, null, "unknown", "no_version_at_time", List.of());
    assertEnriched(rows.get("g8"), "a cat", null, "inline", "inline_deprecated", List.of());
    assertEnriched(rows.get("g9"), null, null, "unknown", "no_config", List.of());
    assertEquals("mature_implied", rows.get("g9").getAs(SilverGenerations.REQUESTED_CONTENT_RATING));
    assertEquals("romantic", rows.get("g9").getAs(SilverGenerations.CONTENT_RATING));
    assertNull(rows.get("g1").getAs(SilverGenerations.CONTENT_RATING));
    // same inputs (g1 and g2 differ only by resolved prompt) give different hashes; every row has one
    assertNotEquals(rows.get("g1").<String>getAs(SilverGenerations.CANONICAL_HASH),
        rows.get("g2").getAs(SilverGenerations.CANONICAL_HASH));
    assertEquals(64, rows.get("g4").<String>getAs(SilverGenerations.CANONICAL_HASH).length());
  }

  @Test
  void reRunsTouchOnlyStaleRowsAndFullRecomputesAll(@TempDir Path dir) {
    Warehouse w = new Warehouse(spark, dir.resolve("wh").toString());
    seed(w, generations(), VERSIONS);
    enrich(context(w, dir, false));
    long version = w.version(SilverGenerations.TABLE).orElseThrow();

    StepReport again = enrich(context(w, dir, false));
    assertEquals(0, again.count(EnrichJob.CANDIDATES));
    assertEquals(version, w.version(SilverGenerations.TABLE).orElseThrow());

    // a prompt version arrives later: only the rows waiting for a reference are retried
    w.append(SilverPromptVersions.TABLE, spark.createDataFrame(List.of(
        version("f3-v1", "f3", 1, "late text", "2026-01-01 00:00:00")), SilverPromptVersions.SCHEMA)
        .withColumn(io.genlake.table.Lineage.INGESTED_AT, org.apache.spark.sql.functions.current_timestamp()));
    String g5Before = silver(w).get("g5").getAs(SilverGenerations.CANONICAL_HASH);
    StepReport late = enrich(context(w, dir, false));
    assertEquals(3, late.count(EnrichJob.CANDIDATES));
    assertEquals(1, late.count("resolution.resolved"));
    assertEquals("late text", silver(w).get("g5").getAs(SilverGenerations.RESOLVED_PROMPT));
    // g5's hash changed with its prompt: recorded (old, new, why), not silently overwritten
    assertEquals(1, late.count("canonical_hash.changed"));
    List<Row> changes = w.read(GoldCanonicalHashChanges.TABLE).collectAsList();
    assertEquals(1, changes.size());
    assertEquals("g5", changes.get(0).getAs(GoldCanonicalHashChanges.GENERATION_ID));
    assertEquals(g5Before, changes.get(0).getAs(GoldCanonicalHashChanges.PREVIOUS_HASH));
    assertEquals(silver(w).get("g5").<String>getAs(SilverGenerations.CANONICAL_HASH),
        changes.get(0).getAs(GoldCanonicalHashChanges.CANONICAL_HASH));
    assertEquals(GoldCanonicalHashChanges.PROMPT_RESOLUTION, changes.get(0).getAs(GoldCanonicalHashChanges.REASON));
    assertEquals("f3-v1", changes.get(0).getAs(GoldCanonicalHashChanges.RESOLVED_PROMPT_VERSION_ID));
    assertNull(changes.get(0).getAs(GoldCanonicalHashChanges.PREVIOUS_RESOLVED_PROMPT_VERSION_ID));

    // g2 re-ingested with other steps: its record changed at the source
    io.delta.tables.DeltaTable.forPath(spark, w.location(SilverGenerations.TABLE)).update(
        org.apache.spark.sql.functions.col(SilverGenerations.GENERATION_ID).equalTo("g2"),
        Map.of(SilverGenerations.STEPS, org.apache.spark.sql.functions.lit(42),
            io.genlake.table.Lineage.INGESTED_AT, org.apache.spark.sql.functions.current_timestamp()));
    StepReport reingested = enrich(context(w, dir, false));
    assertEquals(1, reingested.count("canonical_hash.changed"));
    assertEquals(List.of("g2 record_changed", "g5 prompt_resolution"), w.read(GoldCanonicalHashChanges.TABLE)
        .orderBy(GoldCanonicalHashChanges.GENERATION_ID).collectAsList().stream()
        .map(r -> r.getAs(GoldCanonicalHashChanges.GENERATION_ID) + " " + r.getAs(GoldCanonicalHashChanges.REASON))
        .toList());

    String hash = silver(w).get("g1").getAs(SilverGenerations.CANONICAL_HASH);
    StepReport full = enrich(context(w, dir, true));
    assertEquals(9, full.count(EnrichJob.CANDIDATES));
    assertEquals(0, full.count("canonical_hash.changed"), "same inputs, same code: no hash changes");
    Map<String, Row> after = silver(w);
    assertEquals(9, after.size());
    assertEquals(hash, after.get("g1").getAs(SilverGenerations.CANONICAL_HASH));
    assertEquals("late text", after.get("g5").getAs(SilverGenerations.RESOLVED_PROMPT));
    assertEquals("plain", after.get("g9").getAs(SilverGenerations.FINAL_PROMPT));
    // the full rewrite keeps the table's contract: its CHECK constraints still hold
    Map<String, String> props = io.delta.tables.DeltaTable.forPath(spark, w.location(SilverGenerations.TABLE))
        .detail().select("properties").first().getJavaMap(0);
    assertEquals(SilverGenerations.SPEC.checks().size(),
        props.keySet().stream().filter(k -> k.startsWith("delta.constraints.")).count());
  }

  private static void assertEnriched(Row r, String prompt, String versionId, String source, String status,
      List<String> unresolved) {
    assertEquals(prompt, r.getAs(SilverGenerations.RESOLVED_PROMPT));
    assertEquals(versionId, r.getAs(SilverGenerations.RESOLVED_PROMPT_VERSION_ID));
    assertEquals(source, r.getAs(SilverGenerations.PROMPT_SOURCE_TYPE));
    assertEquals(status, r.getAs(SilverGenerations.PROMPT_RESOLUTION_STATUS));
    assertEquals(unresolved, r.getList(r.fieldIndex(SilverGenerations.UNRESOLVED_PLACEHOLDERS)));
  }
}

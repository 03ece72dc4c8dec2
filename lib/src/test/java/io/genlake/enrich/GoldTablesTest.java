package io.genlake.enrich;

import static io.genlake.enrich.EnrichJobTest.cols;
import static io.genlake.enrich.Rows.generation;
import static io.genlake.enrich.Rows.version;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.genlake.pipeline.PinnedInputs;
import io.genlake.table.GoldContentRatingViolations;
import io.genlake.table.GoldPromptVersionPerformance;
import io.genlake.table.GoldProviderHealth;
import io.genlake.table.GoldReproducibility;
import io.genlake.table.SilverBlockFitRatings;
import io.genlake.table.SilverGenerations;
import io.genlake.testing.TestSpark;
import io.genlake.warehouse.Warehouse;
import java.nio.file.Path;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldTablesTest {
  private final SparkSession spark = TestSpark.session();

  private static Row gen(String id, long seed, String status, Object... more) {
    Map<String, Object> c = cols(more);
    c.put(SilverGenerations.SEED, seed);
    c.put(SilverGenerations.STATUS, status);
    return generation(id, "2026-04-01 10:00:00", c);
  }

  @Test
  void goldTablesFromOneEnrichRun(@TempDir Path dir) {
    EnrichJobTest.forgetTables(spark);
    Warehouse w = new Warehouse(spark, dir.resolve("wh").toString());
    String p = SilverGenerations.PROVIDER;
    String pc = SilverGenerations.PROMPT_CONFIG;
    String sel = SilverGenerations.SELECTION;
    List<Row> rows = new ArrayList<>(List.of(
        // provider health: pixverse on 2026-04-01
        gen("p1", 1, "completed", p, "pixverse", SilverGenerations.LATENCY_MS, 100L, SilverGenerations.COST_USD, 0.5),
        gen("p2", 2, "completed", p, "pixverse", SilverGenerations.LATENCY_MS, 200L, SilverGenerations.COST_USD, 0.5),
        gen("p3", 3, "failed", p, "pixverse", SilverGenerations.LATENCY_MS, 300L, SilverGenerations.COST_USD, 0.25,
            SilverGenerations.ERROR_MESSAGE, "timeout\n  at provider.call"),
        gen("p4", 4, "failed", p, "pixverse", SilverGenerations.LATENCY_MS, 400L, SilverGenerations.ERROR_MESSAGE, "timeout"),
        gen("p5", 5, "pending", p, "pixverse"),
        // reproducibility: r1/r2 disagree on everything, r3/r4 agree
        gen("r1", 100, "completed", SilverGenerations.FINAL_PROMPT, "same", sel, "selected"),
        gen("r2", 100, "failed", SilverGenerations.FINAL_PROMPT, "same", sel, "rejected"),
        gen("r3", 200, "completed", SilverGenerations.FINAL_PROMPT, "agreed"),
        gen("r4", 200, "completed", SilverGenerations.FINAL_PROMPT, "agreed"),
        // prompt versions
        gen("a1", 11, "completed", pc, "{\"versionId\": \"f1-v1\"}", sel, "selected"),
        gen("a2", 12, "failed", pc, "{\"versionId\": \"f1-v1\"}"),
        gen("a3", 13, "completed", pc, "{\"versionId\": \"f1-v2\"}", sel, "selected"),
        gen("a4", 14, "completed", pc, "{\"versionId\": \"f1-v2\"}", sel, "rejected"),
        // content rating (seed 001 phase 4 example)
        gen("c1", 21, "completed", SilverGenerations.USER_ID, "u1", SilverGenerations.SOCIAL_CONTEXT,
            "{\"intimacyLevelId\": \"very_intimate\", \"worldMaxRating\": \"romantic\", \"contentRating\": \"mature_implied\"}"),
        gen("c2", 22, "completed", SilverGenerations.SOCIAL_CONTEXT,
            "{\"intimacyLevelId\": \"light_flirt\", \"worldMaxRating\": \"romantic\"}")));
    EnrichJobTest.seed(w, rows, List.of(
        version("f1-v1", "f1", 1, "one", "2026-01-01 00:00:00"),
        version("f1-v2", "f1", 2, "two", "2026-02-01 00:00:00"),
        version("f2-v1", "f2", 1, "unused", "2026-02-01 00:00:00")));
    w.ensure(SilverBlockFitRatings.SPEC);
    w.append(SilverBlockFitRatings.TABLE, spark.createDataFrame(List.of(
        Rows.fitRating("k1", "r1", 5), Rows.fitRating("k2", "r2", 2),
        Rows.fitRating("k3", "a1", 4), Rows.fitRating("k4", "a1", 2), Rows.fitRating("k5", "a3", 5)),
        SilverBlockFitRatings.SCHEMA));

    EnrichJob.run(EnrichJobTest.context(w, dir, false), PinnedInputs.current(w, new EnrichStep().inputs()));

    Row health = w.read(GoldProviderHealth.TABLE).filter("provider = 'pixverse'").first();
    assertEquals(Date.valueOf("2026-04-01"), health.getAs(GoldProviderHealth.DAY));
    assertEquals(List.of(5L, 2L, 2L, 0L, 1L), List.of(health.<Long>getAs(GoldProviderHealth.REQUESTS),
        health.<Long>getAs(GoldProviderHealth.COMPLETED), health.<Long>getAs(GoldProviderHealth.FAILED),
        health.<Long>getAs(GoldProviderHealth.CANCELLED), health.<Long>getAs(GoldProviderHealth.IN_PROGRESS)));
    assertEquals(0.5, health.<Double>getAs(GoldProviderHealth.SUCCESS_RATE));
    List<Row> reasons = health.getList(health.fieldIndex(GoldProviderHealth.FAILURE_REASONS));
    assertEquals(1, reasons.size());
    assertEquals("timeout", reasons.get(0).getString(0));
    assertEquals(2L, reasons.get(0).getLong(1));
    assertEquals(List.of(200L, 400L, 400L), List.of(health.<Long>getAs(GoldProviderHealth.LATENCY_P50_MS),
        health.<Long>getAs(GoldProviderHealth.LATENCY_P95_MS), health.<Long>getAs(GoldProviderHealth.LATENCY_P99_MS)));
    assertEquals(1.25, health.<Double>getAs(GoldProviderHealth.COST_USD_TOTAL), 1e-12);
    assertEquals(0.625, health.<Double>getAs(GoldProviderHealth.COST_USD_PER_COMPLETED), 1e-12);

    Map<Long, Row> groups = w.read(GoldReproducibility.TABLE).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.<Long>getAs(GoldReproducibility.COMPLETED), r -> r));
    assertEquals(2, groups.size());
    Row split = groups.get(1L);
    assertEquals(List.of("completed", "failed"), split.getList(split.fieldIndex(GoldReproducibility.STATUSES)));
    assertEquals(0.5, split.<Double>getAs(GoldReproducibility.OUTCOME_AGREEMENT));
    assertEquals(2.0, split.<Double>getAs(GoldReproducibility.MIN_FIT_RATING));
    assertEquals(5.0, split.<Double>getAs(GoldReproducibility.MAX_FIT_RATING));
    assertEquals(true, split.getAs(GoldReproducibility.NON_DETERMINISTIC));
    assertEquals(List.of("status", "selection", "rating"), split.getList(split.fieldIndex(GoldReproducibility.REASONS)));
    Row agreed = groups.get(2L);
    assertEquals(1.0, agreed.<Double>getAs(GoldReproducibility.OUTCOME_AGREEMENT));
    assertEquals(false, agreed.getAs(GoldReproducibility.NON_DETERMINISTIC));
    assertEquals(List.of(), agreed.getList(agreed.fieldIndex(GoldReproducibility.REASONS)));

    Map<String, Row> perf = w.read(GoldPromptVersionPerformance.TABLE).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs(GoldPromptVersionPerformance.VERSION_ID), r -> r));
    Row v1 = perf.get("f1-v1");
    Row v2 = perf.get("f1-v2");
    assertEquals(0.5, v1.<Double>getAs(GoldPromptVersionPerformance.PASS_RATE));
    assertEquals(3.0, v1.<Double>getAs(GoldPromptVersionPerformance.AVG_FIT_RATING));
    assertEquals(1.0, v1.<Double>getAs(GoldPromptVersionPerformance.SELECTION_RATE));
    assertNull(v1.getAs(GoldPromptVersionPerformance.PREVIOUS_VERSION_ID));
    assertEquals(1.0, v2.<Double>getAs(GoldPromptVersionPerformance.PASS_RATE));
    assertEquals(5.0, v2.<Double>getAs(GoldPromptVersionPerformance.AVG_FIT_RATING));
    assertEquals(0.5, v2.<Double>getAs(GoldPromptVersionPerformance.SELECTION_RATE));
    assertEquals("f1-v1", v2.getAs(GoldPromptVersionPerformance.PREVIOUS_VERSION_ID));
    assertEquals(0.5, v2.<Double>getAs(GoldPromptVersionPerformance.PASS_RATE_CHANGE));
    assertEquals(2.0, v2.<Double>getAs(GoldPromptVersionPerformance.AVG_FIT_RATING_CHANGE));
    assertEquals(-0.5, v2.<Double>getAs(GoldPromptVersionPerformance.SELECTION_RATE_CHANGE));
    Row unused = perf.get("f2-v1");
    assertEquals(0L, unused.<Long>getAs(GoldPromptVersionPerformance.GENERATIONS));
    assertNull(unused.getAs(GoldPromptVersionPerformance.PASS_RATE));

    List<Row> violations = w.read(GoldContentRatingViolations.TABLE).collectAsList();
    assertEquals(1, violations.size());
    Row v = violations.get(0);
    assertEquals(List.of("c1", "u1", "very_intimate", "intense", "mature_implied", "romantic", "romantic",
        "mature_implied"), List.of(v.getAs(GoldContentRatingViolations.GENERATION_ID),
        v.getAs(GoldContentRatingViolations.USER_ID), v.getAs(GoldContentRatingViolations.INTIMACY_LEVEL_ID),
        v.getAs(GoldContentRatingViolations.INTIMACY_BAND), v.getAs(GoldContentRatingViolations.REQUESTED_CONTENT_RATING),
        v.getAs(GoldContentRatingViolations.WORLD_MAX_RATING), v.getAs(GoldContentRatingViolations.CONTENT_RATING),
        v.getAs(GoldContentRatingViolations.APP_CONTENT_RATING)));
    assertEquals(true, v.getAs(GoldContentRatingViolations.APP_EXCEEDED_LIMIT));

    for (var table : List.of(GoldReproducibility.SPEC, GoldProviderHealth.SPEC, GoldPromptVersionPerformance.SPEC,
        GoldContentRatingViolations.SPEC)) {
      assertEquals(List.of(table.schema().fieldNames()), List.of(w.read(table.id()).columns()), table.id().toString());
    }
  }
}

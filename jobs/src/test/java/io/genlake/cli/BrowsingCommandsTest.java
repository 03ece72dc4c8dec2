package io.genlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.genlake.ops.OpsPipelineRuns;
import io.genlake.table.SilverFeedbackAttempts;
import io.genlake.testing.TestSpark;
import io.genlake.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browsing commands (feedback best and suggest, attempts recent and stats, failures alerts) and restore, on a
 * warehouse of five attempts: Oak fails with floating particles and passes after physics feedback; Birch likewise
 * with the same feedback written differently; Steel passes after material_behavior feedback.
 */
class BrowsingCommandsTest {
  static final java.time.Instant T0 = java.time.Instant.parse("2026-11-20T10:00:00Z");
  @TempDir static Path dir;
  static String wh;
  static long attemptsVersion;

  @BeforeAll
  static void seed() {
    wh = dir.resolve("wh").toString();
    Warehouse w = new Warehouse(TestSpark.session(), wh);
    List<Row> rows = new ArrayList<>();
    rows.add(attempt("a1", 0, "Oak", null, null, 60, false));
    rows.add(attempt("a2", 1, "Oak", "physics", "Dust should settle in the low points.", 84, true));
    rows.add(attempt("b1", 2, "Birch", null, null, 58, false));
    rows.add(attempt("b2", 3, "Birch", "physics", "dust should settle in low points", 79, true));
    rows.add(attempt("s1", 4, "Steel", "material_behavior", "Rust starts at edges.", 81, true));
    w.ensure(SilverFeedbackAttempts.SPEC);
    w.append(SilverFeedbackAttempts.TABLE, w.spark().createDataFrame(rows, SilverFeedbackAttempts.SCHEMA));
    attemptsVersion = w.version(SilverFeedbackAttempts.TABLE).orElseThrow();
    assertEquals(0, Genlake.run("failures", "analyze", "--quiet", "--warehouse", wh));
  }

  @AfterAll
  static void forget() {
    TestSpark.forgetCatalog();
  }

  private static Row attempt(String id, int minute, String material, String feedbackCategory, String text, int score,
      boolean passed) {
    Map<String, Object> v = new HashMap<>();
    v.put(SilverFeedbackAttempts.ATTEMPT_ID, id);
    v.put(SilverFeedbackAttempts.ATTEMPTED_AT, Timestamp.from(T0.plusSeconds(minute * 60L)));
    v.put(SilverFeedbackAttempts.MATERIAL, material);
    v.put(SilverFeedbackAttempts.CATEGORY, material.equals("Steel") ? "metal_ferrous" : "wood_hardwood");
    v.put(SilverFeedbackAttempts.MODEL_NAME, "imagen-4");
    v.put(SilverFeedbackAttempts.PATTERNS_USED, List.of("dust"));
    v.put(SilverFeedbackAttempts.FEEDBACK_APPLIED, text != null);
    v.put(SilverFeedbackAttempts.FEEDBACK_TEXT, text);
    v.put(SilverFeedbackAttempts.FEEDBACK_CATEGORY, feedbackCategory);
    v.put(SilverFeedbackAttempts.REALISM_SCORE, score);
    v.put(SilverFeedbackAttempts.PASSED, passed);
    v.put(SilverFeedbackAttempts.PHYSICS_ISSUES, passed ? List.of() : List.of("Floating particles"));
    v.put(SilverFeedbackAttempts.RED_FLAGS, List.of());
    v.put(SilverFeedbackAttempts.FAILURE_CATEGORY, passed ? null : "physics");
    v.put(SilverFeedbackAttempts.RETRY_COUNT, text == null ? 0 : 1);
    v.putAll(Map.of("source", "t", "source_line", 1L, "ingest_run_id", "t", "ingested_at", Timestamp.from(T0),
        "event_time", Timestamp.from(T0)));
    StructField[] fields = SilverFeedbackAttempts.SCHEMA.fields();
    Object[] cells = new Object[fields.length];
    for (int c = 0; c < cells.length; c++) {
      cells[c] = v.get(fields[c].name());
    }
    return RowFactory.create(cells);
  }

  private static Object[] run(String... args) {
    CommandRun r = CommandRun.of(args);
    return new Object[] {r.status(), r.out(), r.err()};
  }

  @Test
  void feedbackBestListsDistinctTextsBestFirst() {
    Object[] r = run("feedback", "best", "--warehouse", wh, "--category", "physics");
    assertEquals(0, r[0]);
    assertEquals("Oak (84/100), 2 of 2 uses passed, 2 wordings\n  Dust should settle in the low points.\n", r[1]);
  }

  @Test
  void feedbackSuggestNamesTheTextFollowedByPasses() {
    Object[] r = run("feedback", "suggest", "--warehouse", wh, "--issue", "floating particles");
    assertEquals(0, r[0]);
    assertEquals("1. [physics_issue Floating particles] 2 uses, 100.0% followed by a pass (95% interval 34.2% to 100.0%),"
        + " score +22.5, 2 wordings merged\n   Dust should settle in the low points.\n", r[1]);
    assertEquals(2, run("feedback", "suggest", "--warehouse", wh)[0], "neither --category nor --issue");
  }

  @Test
  void attemptsRecentAndStatsPerModel() {
    Object[] recent = run("attempts", "recent", "--warehouse", wh, "--n", "2");
    assertEquals("2026-11-20T10:04:00Z  Steel (metal_ferrous)  81/100  passed  retry 1  feedback material_behavior  "
        + "imagen-4\n2026-11-20T10:03:00Z  Birch (wood_hardwood)  79/100  passed  retry 1  feedback physics  imagen-4\n",
        recent[1]);
    Object[] stats = run("attempts", "stats", "--warehouse", wh, "--by", "model");
    assertEquals("imagen-4: 5 attempts, 60.0% pass rate (95% interval 23.1% to 88.2%), 72.4 avg score\n", stats[1]);
  }

  @Test
  void restoreRefusesWithoutYesThenRestoresAndSaysHowToUndo() throws Exception {
    Object[] refused = run("restore", "--warehouse", wh, "--table", "silver.feedback_attempts", "--version", "0");
    assertEquals(2, refused[0]);
    assertTrue(((String) refused[2]).contains("refusing to restore silver.feedback_attempts to version 0 without --yes"),
        (String) refused[2]);
    Warehouse w = new Warehouse(TestSpark.session(), wh);
    assertEquals(5L, w.read(SilverFeedbackAttempts.TABLE).count());
    Object[] done = run("restore", "--quiet", "--warehouse", wh, "--table", "silver.feedback_attempts", "--version", "0",
        "--yes");
    assertEquals(0, done[0], (String) done[2]);
    long now = w.version(SilverFeedbackAttempts.TABLE).orElseThrow();
    assertEquals("restored silver.feedback_attempts to version 0 (it was at version " + attemptsVersion
        + ", now version " + now + "); to undo: bin/genlake restore --table silver.feedback_attempts --version "
        + attemptsVersion + " --yes\n", done[1]);
    assertEquals(0L, w.read(SilverFeedbackAttempts.TABLE).count(), "version 0 is the empty table ensure created");
    Row op = w.read(OpsPipelineRuns.TABLE).filter("job = 'restore'").first();
    assertEquals("--table silver.feedback_attempts --version 0", op.getAs(OpsPipelineRuns.ARGUMENTS));
    assertEquals("succeeded", op.getAs(OpsPipelineRuns.STATUS));
    Object[] undo = run("restore", "--quiet", "--warehouse", wh, "--table", "silver.feedback_attempts", "--version",
        String.valueOf(attemptsVersion), "--yes");
    assertEquals(0, undo[0]);
    assertEquals(5L, w.read(SilverFeedbackAttempts.TABLE).count());
    Object[] bad = run("restore", "--quiet", "--warehouse", wh, "--table", "silver.nothing", "--version", "0", "--yes");
    assertEquals(1, bad[0]);
    assertTrue(((String) bad[2]).contains("Cannot restore silver.nothing: there is no such table"), (String) bad[2]);
    assertTrue(Files.exists(Path.of(wh)));
  }
}

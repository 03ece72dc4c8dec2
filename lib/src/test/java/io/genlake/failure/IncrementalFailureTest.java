package io.genlake.failure;

import static io.genlake.failure.FailureFixtures.day;
import static io.genlake.failure.FailureFixtures.generation;
import static io.genlake.failure.FailureFixtures.rating;
import static io.genlake.failure.FailureFixtures.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import io.genlake.config.FailureConfig;
import io.genlake.pipeline.StepResult;
import io.genlake.table.GoldFailureCounts;
import io.genlake.table.SilverFeedbackAttempts;
import io.genlake.table.SilverGenerations;
import io.genlake.table.SilverImageRatings;
import io.genlake.table.SilverSessions;
import io.genlake.testing.Canonical;
import io.genlake.testing.TestSpark;
import io.genlake.warehouse.Layer;
import io.genlake.warehouse.TableId;
import io.genlake.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failure step kept up to date from the silver change feeds gives the gold tables of a full recompute: after
 * new generations, a rating of a generation that had none, a soft-deleted rating, a session flagged test, an
 * updated attempt and new attempts. A state written but not recorded (a run stopped midway) is recounted, never
 * added to twice.
 */
class IncrementalFailureTest {
  static final FailureConfig CONFIG = io.genlake.config.ConfigLoader.defaults().failure();
  @TempDir static Path dir;
  static Warehouse w;
  static StepResult first;
  static StepResult second;
  static StepResult third;
  static Map<String, List<String>> incremental;
  static Map<String, List<String>> full;
  static StepResult afterStop;
  static Map<String, List<String>> recounted;

  @BeforeAll
  static void run() {
    w = new Warehouse(TestSpark.session(), dir.toString());
    var spark = w.spark();
    Map<String, String> angry = Map.of("Expression", "angry", "Pose", "profile");
    Map<String, String> happy = Map.of("Expression", "happy", "Pose", "standing");
    w.ensure(SilverSessions.SPEC);
    w.append(SilverSessions.TABLE, spark.createDataFrame(List.of(session("s1", false, false), session("s2", false, false)),
        SilverSessions.SCHEMA));
    List<Row> gens = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      boolean bad = i % 3 == 0;
      gens.add(generation("g" + i, day(i % 9), bad ? "failed" : "completed", i < 30 ? "sd-v1.5" : "flux-dev", "ck",
          "Euler a", 7.0, 30, bad ? angry : happy, i % 2 == 0 ? "s1" : "s2"));
    }
    w.ensure(SilverGenerations.SPEC);
    w.append(SilverGenerations.TABLE, spark.createDataFrame(gens, SilverGenerations.SCHEMA));
    w.ensure(SilverImageRatings.SPEC);
    w.append(SilverImageRatings.TABLE, spark.createDataFrame(List.of(
        rating("r1", day(1), "s1", "g1", "ko", "noise", Map.of()),
        rating("r2", day(2), "s2", "g2", "ok", null, Map.of())), SilverImageRatings.SCHEMA));
    List<Row> attempts = new ArrayList<>(FailureFixtures.seedAttempts());
    FailureFixtures.appendAttempts(w, attempts);
    first = FailureAnalytics.run(w, CONFIG);

    // the changes: new generations, a rating of g4 (unrated so far), r1 soft-deleted, s2 flagged test, a4 now
    // passed, two new attempts
    List<Row> more = new ArrayList<>();
    for (int i = 40; i < 50; i++) {
      more.add(generation("g" + i, day(10), "failed", "sd-v1.5", "ck", "DDIM", 12.0, 15, angry, "s1"));
    }
    w.append(SilverGenerations.TABLE, spark.createDataFrame(more, SilverGenerations.SCHEMA));
    w.append(SilverImageRatings.TABLE, spark.createDataFrame(List.of(
        rating("r4", day(4), "s1", "g4", "ko", "malformed", Map.of())), SilverImageRatings.SCHEMA));
    table(SilverImageRatings.TABLE).updateExpr("image_id = 'r1'", Map.of(SilverImageRatings.IS_DELETED, "true"));
    table(SilverSessions.TABLE).updateExpr("session_id = 's2'", Map.of(SilverSessions.IS_TEST, "true"));
    table(SilverFeedbackAttempts.TABLE).updateExpr("attempt_id = 'a4'", Map.of(SilverFeedbackAttempts.PASSED, "true",
        SilverFeedbackAttempts.REALISM_SCORE, "77"));
    FailureFixtures.appendAttempts(w, List.of(
        FailureFixtures.attempt("a7", 60, "Oak", "wood_hardwood", true, "physics", FailureFixtures.BIRCH_FEEDBACK, 81, true,
            List.of(), null),
        FailureFixtures.attempt("a8", 70, "Pine", "wood_softwood", false, null, null, 60, false,
            List.of("Floating particles"), "physics")));
    second = FailureAnalytics.run(w, CONFIG);

    // only new rows: a new session with new generations (one rated) and a new attempt touch no existing outcome
    w.append(SilverSessions.TABLE, spark.createDataFrame(List.of(session("s3", false, false)), SilverSessions.SCHEMA));
    List<Row> fresh = new ArrayList<>();
    for (int i = 50; i < 56; i++) {
      fresh.add(generation("g" + i, day(11), i % 2 == 0 ? "failed" : "completed", "flux-dev", "ck", "Euler a", 5.0, 25,
          i % 2 == 0 ? angry : happy, "s3"));
    }
    w.append(SilverGenerations.TABLE, spark.createDataFrame(fresh, SilverGenerations.SCHEMA));
    w.append(SilverImageRatings.TABLE, spark.createDataFrame(List.of(
        rating("r50", day(11), "s3", "g50", "ko", "noise", Map.of())), SilverImageRatings.SCHEMA));
    FailureFixtures.appendAttempts(w, List.of(
        FailureFixtures.attempt("a9", 80, "Oak", "wood_hardwood", false, null, null, 55, false,
            List.of("Floating particles"), "physics")));
    third = FailureAnalytics.run(w, CONFIG);
    incremental = gold();
    FailureAnalytics.run(w, CONFIG, true, "full-run", io.genlake.pipeline.Progress.silent());
    full = gold();

    // a run stopped after writing gold.failure_counts and before recording it: the next run must recount it
    table(GoldFailureCounts.TABLE).updateExpr("dimension = 'all' AND source = 'attempt'",
        Map.of(GoldFailureCounts.OUTCOMES, GoldFailureCounts.OUTCOMES + " + 1000"));
    afterStop = FailureAnalytics.run(w, CONFIG);
    recounted = gold();
  }

  @AfterAll
  static void forget() {
    TestSpark.forgetCatalog();
  }

  private static DeltaTable table(TableId id) {
    return DeltaTable.forPath(w.spark(), w.location(id));
  }

  /** The failure area's gold tables (every gold table of this warehouse), canonical. */
  private static Map<String, List<String>> gold() {
    Map<String, List<String>> out = new TreeMap<>();
    for (TableId id : w.listTables(Layer.GOLD)) {
      out.put(id.qualifiedName(), Canonical.rows(w.read(id)));
    }
    return out;
  }

  @Test
  void theFirstRunIsFullAndTheSecondIncremental() {
    assertTrue(first.notes().contains("outcomes: full (gold.failure_outcomes does not exist yet)"), first.notes().toString());
    assertTrue(second.notes().stream().anyMatch(n -> n.startsWith("outcomes: incremental (changes since ")),
        second.notes().toString());
    assertTrue(second.notes().stream().anyMatch(n -> n.startsWith("failure_combinations: incremental (")),
        second.notes().toString());
    // recomputed: the 10 new generations, g1 (its rating deleted: unrated again), g4 (rated now: no outcome of its
    // own), the 20 generations of s2 (g1 among them) and the ratings r2 (of s2) and r4: 30 unrated and 2 rated
    assertEquals(32, second.count("generation_outcomes.read"), second.counts().toString());
    assertEquals(3, second.count("attempts.read"));
    // touched before: s2's 19 unrated generations and r2, r1 (deleted), g4 (rated now) and a4: 23; recomputed and
    // kept: the 10 new generations, r4, a4, a7 and a8 (s2 is a test session now): 14, a4 in both
    assertTrue(second.notes().contains("outcomes: 36 merged (23 existing outcomes touched)"), second.notes().toString());
  }

  @Test
  void newRowsOnlyAreAppendedWithoutAMerge() {
    // g50 is rated (its rating r50 is the outcome), g51..g55 are unrated: 6 generation outcomes and a9
    assertEquals(6, third.count("generation_outcomes.read"), third.counts().toString());
    assertTrue(third.notes().contains("outcomes: 7 appended (no existing outcome touched)"), third.notes().toString());
  }

  @Test
  void incrementalRunsGiveTheGoldTablesOfAFullRecompute() {
    assertEquals(full.keySet(), incremental.keySet());
    assertTrue(full.keySet().containsAll(List.of("gold.failure_outcomes", "gold.failure_counts",
        "gold.failure_combinations", "gold.failure_patterns", "gold.category_stats", "gold.daily_trends",
        "gold.session_stats", "gold.alerts")), full.keySet().toString());
    for (String table : full.keySet()) {
      assertEquals(full.get(table), incremental.get(table), table + " differs between incremental and full");
    }
    // s2 is a test session now: s1's 18 unrated generations (g2 and g4 are rated), the 10 new ones and r4 remain,
    // with s3's 5 unrated generations and r50
    assertEquals(18 + 10 + 1 + 5 + 1, full.get("gold.failure_outcomes").stream().filter(r -> r.startsWith("[generation, "))
        .count());
  }

  @Test
  void aStateWrittenButNotRecordedIsRecountedNotAddedTwice() {
    assertTrue(afterStop.notes().contains("failure_counts: full (gold.failure_counts was written after its last "
        + "recorded update (a run stopped midway))"), afterStop.notes().toString());
    assertEquals(full, recounted);
  }
}

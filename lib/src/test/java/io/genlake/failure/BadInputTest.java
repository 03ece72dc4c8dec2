package io.genlake.failure;

import static io.genlake.failure.FailureFixtures.day;
import static io.genlake.failure.FailureFixtures.generation;
import static io.genlake.failure.FailureFixtures.rating;
import static io.genlake.failure.FailureFixtures.session;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.genlake.config.FailureConfig;
import io.genlake.pipeline.StepResult;
import io.genlake.table.GoldCategoryStats;
import io.genlake.table.GoldDailyTrends;
import io.genlake.table.GoldIssueFrequency;
import io.genlake.table.SilverFeedbackAttempts;
import io.genlake.table.SilverGenerations;
import io.genlake.table.SilverImageRatings;
import io.genlake.table.SilverSessions;
import io.genlake.testing.TestSpark;
import io.genlake.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input never crashes the step and is counted: missing variations, unknown categories, scores out of
 * range, empty days, test and deleted sessions. Ratings and attempts are written without the silver CHECK
 * constraints, as an upstream that did not enforce them would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputTest {
  static final FailureConfig CONFIG = io.genlake.config.ConfigLoader.defaults().failure();
  @TempDir static Path dir;
  static Warehouse w;
  static StepResult excluded;

  @BeforeAll
  static void run() {
    w = new Warehouse(TestSpark.session(), dir.toString());
    var spark = w.spark();
    Map<String, String> angry = Map.of("Expression", "angry", "Pose", "profile");
    w.ensure(SilverSessions.SPEC);
    w.append(SilverSessions.TABLE, spark.createDataFrame(List.of(session("s1", false, false), session("s2", true, false),
        session("s3", false, true)), SilverSessions.SCHEMA));
    w.ensure(SilverGenerations.SPEC);
    w.append(SilverGenerations.TABLE, spark.createDataFrame(List.of(
        generation("g1", day(0), "completed", "sd-v1.5", "ck", "Euler a", 7.0, 30, angry, "s1"),
        generation("g2", day(0), "failed", "sd-v1.5", "ck", "Euler a", 7.0, 30, Map.of(), "s1"),
        generation("g3", day(0), "completed", "sd-v1.5", "ck", "Euler a", 7.0, 30, angry, "s2"),
        generation("g4", day(0), "pending", "sd-v1.5", "ck", "Euler a", 7.0, 30, angry, "s1"),
        generation("g5", day(1), "completed", "sd-v1.5", "ck", "Euler a", 7.0, 30, angry, "s3"),
        generation("g6", day(3), "failed", "sd-v1.5", "ck", "DDIM", 12.0, 15, angry, "s1")), SilverGenerations.SCHEMA));
    w.append(SilverImageRatings.TABLE, spark.createDataFrame(List.of(
        rating("r1", day(0), "s1", "g1", "ko", "malformed", Map.of()),
        rating("r2", day(0), "s1", "g1", "ok", null, Map.of()),
        rating("r3", day(0), "s1", null, "ko", null, Map.of("Expression", "happy")),
        rating("r4", day(0), "s1", null, "ko", "blurry", Map.of())), SilverImageRatings.SCHEMA));
    List<String> none = List.of();
    w.append(SilverFeedbackAttempts.TABLE, spark.createDataFrame(List.of(
        FailureFixtures.attempt("a1", 0, "Oak", "wood_hardwood", true, "tone", "x", 150, false, none, null),
        FailureFixtures.attempt("a2", 1, "Oak", "wood_hardwood", true, "physics", "y", null, true, none, null),
        FailureFixtures.attempt("a3", 2, "Oak", "wood_hardwood", false, null, null, 80, true, none, null)),
        SilverFeedbackAttempts.SCHEMA));
    excluded = FailureAnalytics.run(w, CONFIG);
  }

  @AfterAll
  static void forget() {
    FailureFixtures.forgetCatalog(w.spark());
  }

  @Test
  @Order(1)
  void everyRuleIsCounted() {
    assertEquals(8, excluded.count("generation_outcomes.read"));
    assertEquals(2, excluded.count("generation_outcomes.test_or_deleted_session_excluded"));
    assertEquals(2, excluded.count("generation_outcomes.without_variations"));
    assertEquals(1, excluded.count("generation_outcomes.unknown_failure_category"));
    assertEquals(1, excluded.count("generation_outcomes.unspecified_failure_category"));
    assertEquals(1, excluded.count("generations.not_judged"));
    assertEquals(1, excluded.count("attempts.score_out_of_range"));
    assertEquals(1, excluded.count("attempts.score_missing"));
    assertEquals(1, excluded.count("attempts.unknown_feedback_category"));
    // 2 empty days in each of the generation series all, model=sd-v1.5 and provider=local
    assertEquals(6, excluded.count("daily_trends.empty_days"));
  }

  @Test
  @Order(2)
  void goldTablesApplyTheRules() {
    Row all = w.read(GoldCategoryStats.TABLE).filter(col(GoldCategoryStats.SOURCE).equalTo("generation")
        .and(col(GoldCategoryStats.DIMENSION).equalTo("all"))).first();
    assertEquals(6L, all.<Long>getAs(GoldCategoryStats.ATTEMPTS)); // test (g3) and deleted-session (g5) outcomes left out
    assertEquals(5L, all.<Long>getAs(GoldCategoryStats.FAILURES));
    assertEquals(Map.of("malformed", 1L, "generation_error", 2L, "unspecified", 1L, "other", 1L),
        all.getJavaMap(all.fieldIndex(GoldCategoryStats.FAILURES_BY_CATEGORY)));
    Row attempts = w.read(GoldCategoryStats.TABLE).filter(col(GoldCategoryStats.SOURCE).equalTo("attempt")
        .and(col(GoldCategoryStats.DIMENSION).equalTo("all"))).first();
    assertEquals(80.0, attempts.<Double>getAs(GoldCategoryStats.AVG_SCORE), 0.0); // 150 out of range, null missing
    Row other = w.read(GoldIssueFrequency.TABLE).filter(col(GoldIssueFrequency.ISSUE).equalTo("other")).first();
    assertEquals(1.0 / 6, other.<Double>getAs(GoldIssueFrequency.SHARE), 1e-15);
    List<Row> emptyDays = w.read(GoldDailyTrends.TABLE).filter(col(GoldDailyTrends.OUTCOMES).equalTo(0L)
        .and(col(GoldDailyTrends.DIMENSION).equalTo("model"))).orderBy(GoldDailyTrends.PERIOD_START).collectAsList();
    assertEquals(List.of("2025-11-26", "2025-11-27"),
        emptyDays.stream().map(r -> r.getAs(GoldDailyTrends.PERIOD_START).toString()).toList());
    assertNull(emptyDays.get(0).getAs(GoldDailyTrends.FAILURE_RATE));
  }

  @Test
  @Order(3) // rewrites the gold tables: runs last
  void includeTestSessionsCountsThemToo() {
    StepResult included = FailureAnalytics.run(w, CONFIG.withIncludeTestSessions(true));
    assertEquals(2, included.count("generation_outcomes.test_or_deleted_session_included"));
    Row all = w.read(GoldCategoryStats.TABLE).filter(col(GoldCategoryStats.SOURCE).equalTo("generation")
        .and(col(GoldCategoryStats.DIMENSION).equalTo("all"))).first();
    assertEquals(8L, all.<Long>getAs(GoldCategoryStats.ATTEMPTS));
  }
}

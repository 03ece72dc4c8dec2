package io.genlake.failure;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.genlake.config.FailureConfig;
import io.genlake.pipeline.StepResult;
import io.genlake.table.GoldCategoryStats;
import io.genlake.table.GoldFeedbackEffectiveness;
import io.genlake.table.GoldFeedbackExamples;
import io.genlake.table.GoldFeedbackPatterns;
import io.genlake.table.GoldIssueFrequency;
import io.genlake.table.GoldTruncationImpact;
import io.genlake.testing.TestSpark;
import io.genlake.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seed 004's example report numbers, from the 6-attempt fixture, through the gold tables. */
class SeedFeedbackAnalyticsTest {
  static final FailureConfig CONFIG = io.genlake.config.ConfigLoader.defaults().failure();
  @TempDir static Path dir;
  static Warehouse w;
  static StepResult result;

  @BeforeAll
  static void run() {
    w = new Warehouse(TestSpark.session(), dir.toString());
    FailureFixtures.appendAttempts(w, FailureFixtures.seedAttempts());
    result = FailureAnalytics.run(w, CONFIG);
  }

  private static Row stats(String dimension, String value) {
    return w.read(GoldCategoryStats.TABLE).filter(col(GoldCategoryStats.SOURCE).equalTo("attempt")
        .and(col(GoldCategoryStats.DIMENSION).equalTo(dimension)).and(col(GoldCategoryStats.VALUE).equalTo(value)))
        .first();
  }

  @AfterAll
  static void forget() {
    FailureFixtures.forgetCatalog(w.spark());
  }

  @Test
  void overallAndByCategory() {
    Row all = stats("all", "all");
    assertEquals(6L, all.<Long>getAs(GoldCategoryStats.ATTEMPTS));
    assertEquals(2L, all.<Long>getAs(GoldCategoryStats.PASSED));
    assertEquals(4L, all.<Long>getAs(GoldCategoryStats.FAILURES));
    assertEquals(458.0 / 6, all.<Double>getAs(GoldCategoryStats.AVG_SCORE), 1e-12);
    Row wood = stats("material_category", "wood_hardwood");
    assertEquals(5L, wood.<Long>getAs(GoldCategoryStats.ATTEMPTS));
    assertEquals(0.2, wood.<Double>getAs(GoldCategoryStats.PASS_RATE), 1e-15);
    assertEquals(76.0, wood.<Double>getAs(GoldCategoryStats.AVG_SCORE), 1e-12);
    assertEquals(java.util.Map.of("physics", 2L, "quality", 1L, "unspecified", 1L),
        wood.getJavaMap(wood.fieldIndex(GoldCategoryStats.FAILURES_BY_CATEGORY)));
    Row metal = stats("material_category", "metal_ferrous");
    assertEquals(1L, metal.<Long>getAs(GoldCategoryStats.ATTEMPTS));
    assertEquals(1.0, metal.<Double>getAs(GoldCategoryStats.PASS_RATE), 0.0);
    assertEquals(78.0, metal.<Double>getAs(GoldCategoryStats.AVG_SCORE), 0.0);
  }

  @Test
  void physicsIssuesShareOfAttempts() {
    List<Row> issues = w.read(GoldIssueFrequency.TABLE).filter(col(GoldIssueFrequency.KIND).equalTo("physics_issue"))
        .orderBy(GoldIssueFrequency.ISSUE).collectAsList();
    assertEquals(2, issues.size());
    assertEquals("Edge concentration issues", issues.get(0).getAs(GoldIssueFrequency.ISSUE));
    assertEquals(2L, issues.get(0).<Long>getAs(GoldIssueFrequency.OCCURRENCES));
    assertEquals(2.0 / 6, issues.get(0).<Double>getAs(GoldIssueFrequency.SHARE), 1e-15);
    assertEquals(2.0 / 6, issues.get(1).<Double>getAs(GoldIssueFrequency.SHARE), 1e-15);
  }

  @Test
  void feedbackBeforeZeroAfterFortyPercent() {
    Row overall = w.read(GoldFeedbackEffectiveness.TABLE)
        .filter(col(GoldFeedbackEffectiveness.SCOPE).equalTo("overall")).first();
    assertEquals(1L, overall.<Long>getAs(GoldFeedbackEffectiveness.BEFORE_ATTEMPTS));
    assertEquals(0.0, overall.<Double>getAs(GoldFeedbackEffectiveness.BEFORE_PASS_RATE), 0.0);
    assertEquals(5L, overall.<Long>getAs(GoldFeedbackEffectiveness.AFTER_ATTEMPTS));
    assertEquals(0.4, overall.<Double>getAs(GoldFeedbackEffectiveness.AFTER_PASS_RATE), 1e-15);
    assertEquals(0.4, overall.<Double>getAs(GoldFeedbackEffectiveness.DIFFERENCE), 1e-15);
    Stats.Interval ci = Stats.differenceInterval(0, 1, 2, 5, Stats.Z95);
    assertEquals(ci.low(), overall.<Double>getAs(GoldFeedbackEffectiveness.DIFFERENCE_CI_LOW), 0.0);
    assertEquals(ci.high(), overall.<Double>getAs(GoldFeedbackEffectiveness.DIFFERENCE_CI_HIGH), 0.0);
    // only Oak's chain has attempts before and after its first feedback: 0/1 then 0/1
    Row chains = w.read(GoldFeedbackEffectiveness.TABLE)
        .filter(col(GoldFeedbackEffectiveness.SCOPE).equalTo("retry_chains")).first();
    assertEquals(1L, chains.<Long>getAs(GoldFeedbackEffectiveness.CHAINS));
    assertEquals(1L, chains.<Long>getAs(GoldFeedbackEffectiveness.BEFORE_ATTEMPTS));
    assertEquals(1L, chains.<Long>getAs(GoldFeedbackEffectiveness.AFTER_ATTEMPTS));
    assertEquals(0.0, chains.<Double>getAs(GoldFeedbackEffectiveness.DIFFERENCE), 0.0);
    Row birch = w.read(GoldFeedbackEffectiveness.TABLE)
        .filter(col(GoldFeedbackEffectiveness.CHAIN_KEY).equalTo("wood_hardwood/Birch")).first();
    assertEquals(0L, birch.<Long>getAs(GoldFeedbackEffectiveness.BEFORE_ATTEMPTS));
    assertNull(birch.getAs(GoldFeedbackEffectiveness.DIFFERENCE));
    assertEquals(6L, w.read(GoldFeedbackEffectiveness.TABLE).count());
  }

  @Test
  void feedbackByTypeAndBestExamples() {
    List<Row> types = w.read(GoldFeedbackPatterns.TABLE).orderBy(col(GoldFeedbackPatterns.SUCCESS_RATE).desc(),
        col(GoldFeedbackPatterns.AVG_SCORE).desc()).collectAsList();
    assertEquals(List.of("physics", "material_behavior"),
        types.stream().map(r -> r.<String>getAs(GoldFeedbackPatterns.FEEDBACK_CATEGORY)).toList());
    assertEquals(1L, types.get(0).<Long>getAs(GoldFeedbackPatterns.USES));
    assertEquals(1.0, types.get(0).<Double>getAs(GoldFeedbackPatterns.SUCCESS_RATE), 0.0);
    assertEquals(82.0, types.get(0).<Double>getAs(GoldFeedbackPatterns.AVG_SCORE), 0.0);
    assertEquals(78.0, types.get(1).<Double>getAs(GoldFeedbackPatterns.AVG_SCORE), 0.0);
    List<Row> best = w.read(GoldFeedbackExamples.TABLE).orderBy(col(GoldFeedbackExamples.REALISM_SCORE).desc()).collectAsList();
    assertEquals(List.of("Birch", "Steel"), best.stream().map(r -> r.<String>getAs(GoldFeedbackExamples.MATERIAL)).toList());
    assertEquals(FailureFixtures.BIRCH_FEEDBACK, best.get(0).getAs(GoldFeedbackExamples.FEEDBACK_TEXT));
  }

  @Test
  void truncationImpactAndCounts() {
    Row t = w.read(GoldTruncationImpact.TABLE).first();
    assertEquals("3000-4000", t.getAs(GoldTruncationImpact.PROMPT_LENGTH_BUCKET));
    assertEquals("false", t.getAs(GoldTruncationImpact.TRUNCATED));
    assertEquals(6L, t.<Long>getAs(GoldTruncationImpact.ATTEMPTS));
    assertEquals(6L, result.count("attempts.read"));
    assertEquals(1L, result.count("attempts.unspecified_failure_category"));
  }

  @Test
  void terminalSummaryReproducesSeedReport() {
    String text = io.genlake.failure.report.FailureReport.summary(w);
    String head = """
        📈 OVERALL STATISTICS:
           • Total attempts: 6
           • Passed: 2 (33.3%)
           • Failed: 4 (66.7%)
           • Average score: 76.3/100

        📊 BY CATEGORY:
           • metal_ferrous: 1 attempts, 100.0% pass rate, 78.0 avg score
           • wood_hardwood: 5 attempts, 20.0% pass rate, 76.0 avg score

        🚨 TOP PHYSICS VIOLATIONS:
           • Edge concentration issues: 33.3%
           • Multiple quality issues: 33.3%

        📈 FEEDBACK EFFECTIVENESS:
           Before: 0.0% pass rate
           After:  40.0% pass rate
           Improvement: +40.0%
        """;
    String tail = """
        💡 FEEDBACK EFFECTIVENESS BY TYPE:
           • physics: 1 uses, 100.0% success, 82.0 avg score
           • material_behavior: 1 uses, 100.0% success, 78.0 avg score

        🌟 TOP PERFORMING FEEDBACK:
           • Birch (82/100) - physics
             "Focus on realistic contamination distribution..."
           • Steel (78/100) - material_behavior
             "Rust patterns should show natural progression..."
        """;
    assertTrue(text.startsWith("📊 IMAGE GENERATION ANALYTICS REPORT\n"), text);
    assertTrue(text.contains(head), text);
    assertTrue(text.contains(tail), text);
    assertTrue(text.contains("   Retry chains (1 with attempts before and after feedback): 0.0% -> 0.0%, +0.0%\n"), text);
  }

  @Test
  void searchFeedbackFindsDustNewestFirst() {
    var hits = FailureAnalytics.searchFeedback(w, "DUST", 10);
    assertEquals(List.of("Birch", "Oak"), hits.stream().map(Views.FeedbackHit::material).toList());
  }
}

package io.genlake.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.genlake.config.FailureConfig;
import io.genlake.table.GoldFeedbackSuggestions;
import io.genlake.table.GoldParameterCorrelations;
import io.genlake.table.GoldParameterOptimization;
import io.genlake.table.SilverFeedbackAttempts;
import io.genlake.testing.TestSpark;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Parameter optimization, the correlation matrix and auto-feedback suggestions on small hand-made attempts. */
class WhatToChangeTest {
  static final FailureConfig CONFIG = io.genlake.config.ConfigLoader.defaults().failure();

  private static SparkSession spark() {
    return TestSpark.session();
  }

  /** An attempt with the given parameters (feedback text only when {@code text} is not null). */
  private static Row attempt(String id, int minute, String material, String category, double guidance, String view,
      String text, int score, boolean passed, List<String> issues, String failure) {
    Row base = FailureFixtures.attempt(id, minute, material, category, text != null, text == null ? null : "physics",
        text, score, passed, issues, failure);
    Map<String, Object> v = new HashMap<>();
    String[] names = SilverFeedbackAttempts.SCHEMA.fieldNames();
    for (int i = 0; i < names.length; i++) {
      v.put(names[i], base.get(i));
    }
    v.put(SilverFeedbackAttempts.GUIDANCE_SCALE, guidance);
    v.put(SilverFeedbackAttempts.VIEW_MODE, view);
    return FailureFixtures.row(SilverFeedbackAttempts.SCHEMA, v);
  }

  private static Dataset<Row> frame(List<Row> rows) {
    return spark().createDataFrame(rows, SilverFeedbackAttempts.SCHEMA);
  }

  @Test
  void theRangeWithTheBestLowerBoundIsSuggestedWithItsDifference() {
    List<Row> rows = new ArrayList<>();
    int n = 0;
    for (int i = 0; i < 6; i++) { // 0.2-0.3: 1 of 6 pass
      rows.add(attempt("g" + n, n++, "Oak", "wood_hardwood", 0.25, "macro", null, i == 0 ? 80 : 60, i == 0, List.of(), null));
    }
    for (int i = 0; i < 6; i++) { // 0.3-0.4: 5 of 6 pass
      rows.add(attempt("g" + n, n++, "Oak", "wood_hardwood", 0.35, "macro", null, i < 5 ? 80 : 60, i < 5, List.of(), null));
    }
    for (int i = 0; i < 2; i++) { // 0.4-0.5: 2 of 2 pass, too few to suggest
      rows.add(attempt("g" + n, n++, "Oak", "wood_hardwood", 0.45, "macro", null, 90, true, List.of(), null));
    }
    List<Row> out = ParameterOptimization.of(spark(), frame(rows), 5)
        .filter("category = 'wood_hardwood' AND model = 'imagen-4' AND parameter = 'guidance_scale'")
        .orderBy(GoldParameterOptimization.RANGE_ORDER).collectAsList();
    assertEquals(List.of("0.2-0.3", "0.3-0.4", "0.4-0.5"),
        out.stream().map(r -> r.<String>getAs(GoldParameterOptimization.VALUE_RANGE)).toList());
    assertEquals(List.of(false, true, false),
        out.stream().map(r -> r.<Boolean>getAs(GoldParameterOptimization.SUGGESTED)).toList());
    Row best = out.get(1);
    assertEquals(6L, best.<Long>getAs(GoldParameterOptimization.ATTEMPTS));
    assertEquals(5.0 / 6, best.<Double>getAs(GoldParameterOptimization.PASS_RATE), 1e-15);
    assertEquals(Stats.wilson(5, 6, Stats.Z95).low(), best.<Double>getAs(GoldParameterOptimization.CI_LOW), 1e-15);
    assertEquals(3.0 / 8, best.<Double>getAs(GoldParameterOptimization.OTHERS_PASS_RATE), 1e-15);
    Stats.Interval d = Stats.differenceInterval(3, 8, 5, 6, Stats.Z95);
    assertEquals(d.low(), best.<Double>getAs(GoldParameterOptimization.DIFFERENCE_LOW), 1e-15);
    assertEquals(d.high(), best.<Double>getAs(GoldParameterOptimization.DIFFERENCE_HIGH), 1e-15);
    // one view mode only: nothing to choose between
    assertTrue(ParameterOptimization.of(spark(), frame(rows), 5).filter("parameter = 'view_mode'").collectAsList().stream()
        .noneMatch(r -> r.<Boolean>getAs(GoldParameterOptimization.SUGGESTED)));
  }

  @Test
  void correlationsOfNumericParametersAndIndicatorsAreThoseOfTheFullVectors() {
    double[] guidance = {0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.3};
    String[] view = {"macro", "macro", "studio", "studio", "macro", "studio", "macro", "studio"};
    int[] score = {60, 70, 80, 85, 78, 66, 61, 79};
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < guidance.length; i++) {
      rows.add(attempt("c" + i, i, "Oak", "wood_hardwood", guidance[i], view[i], null, score[i], score[i] >= 75, List.of(),
          null));
    }
    Dataset<Row> empty = spark().createDataFrame(List.of(), Outcomes.SCHEMA);
    Map<String, Row> cells = new HashMap<>();
    for (Row r : Correlations.of(spark(), frame(rows), empty, 0.05).collectAsList()) {
      cells.put(r.getAs(GoldParameterCorrelations.PARAMETER) + "/" + r.getAs(GoldParameterCorrelations.OUTCOME), r);
    }
    double[] y = new double[score.length];
    double[] pass = new double[score.length];
    double[] studio = new double[score.length];
    for (int i = 0; i < score.length; i++) {
      y[i] = score[i];
      pass[i] = score[i] >= 75 ? 1 : 0;
      studio[i] = view[i].equals("studio") ? 1 : 0;
    }
    PearsonsCorrelation ref = new PearsonsCorrelation();
    assertEquals(ref.correlation(guidance, y), cells.get("guidance_scale/realism_score").<Double>getAs("r"), 1e-12);
    assertEquals(ref.correlation(guidance, pass), cells.get("guidance_scale/pass").<Double>getAs("r"), 1e-12);
    assertEquals(ref.correlation(studio, y), cells.get("view_mode=studio/realism_score").<Double>getAs("r"), 1e-12);
    assertEquals(8L, cells.get("view_mode=studio/pass").<Long>getAs(GoldParameterCorrelations.N));
    double r = cells.get("view_mode=studio/realism_score").<Double>getAs("r");
    assertEquals(Stats.correlationPValue(r, 8), cells.get("view_mode=studio/realism_score").<Double>getAs("p_value"), 0.0);
    // guidance is constant in no column, feedback_applied is: no r
    assertTrue(cells.get("feedback_applied/pass").isNullAt(cells.get("feedback_applied/pass").fieldIndex(GoldParameterCorrelations.R)));
  }

  @Test
  void suggestionsMergeNearDuplicateTextsAndRankByTheLowerBound() {
    List<String> floating = List.of("Floating particles");
    List<Row> rows = List.of(
        attempt("a1", 0, "Oak", "wood_hardwood", 0.35, "macro", null, 60, false, floating, "physics"),
        attempt("a2", 1, "Oak", "wood_hardwood", 0.35, "macro", "Dust should settle in the low points.", 80, true,
            List.of(), null),
        attempt("b1", 2, "Birch", "wood_hardwood", 0.35, "macro", null, 62, false, floating, "physics"),
        attempt("b2", 3, "Birch", "wood_hardwood", 0.35, "macro", "dust should settle in low points", 78, true, List.of(),
            null),
        attempt("p1", 4, "Pine", "wood_softwood", 0.35, "macro", null, 50, false, floating, "physics"),
        attempt("p2", 5, "Pine", "wood_softwood", 0.35, "macro", "Make it prettier.", 55, false, floating, "physics"),
        attempt("p3", 6, "Pine", "wood_softwood", 0.35, "macro", "Make it prettier", 58, false, List.of(), "physics"));
    List<Row> out = FeedbackSuggestions.of(spark(), frame(rows), CONFIG.suggestions())
        .filter("scope_kind = 'physics_issue'").orderBy(GoldFeedbackSuggestions.RANK).collectAsList();
    assertEquals(2, out.size());
    Row dust = out.get(0);
    assertEquals("Floating particles", dust.getAs(GoldFeedbackSuggestions.SCOPE));
    assertEquals("Dust should settle in the low points.", dust.getAs(GoldFeedbackSuggestions.FEEDBACK_TEXT));
    assertEquals(2, dust.<Integer>getAs(GoldFeedbackSuggestions.VARIANTS), "6 of 7 words shared: merged");
    assertEquals(2L, dust.<Long>getAs(GoldFeedbackSuggestions.USES));
    assertEquals(2L, dust.<Long>getAs(GoldFeedbackSuggestions.SUCCESSES));
    assertEquals(Stats.wilson(2, 2, Stats.Z95).low(), dust.<Double>getAs(GoldFeedbackSuggestions.CI_LOW), 1e-15);
    assertEquals(18.0, dust.<Double>getAs(GoldFeedbackSuggestions.AVG_SCORE_GAIN), 0.0); // (+20 + +16) / 2
    Row pretty = out.get(1);
    assertEquals("Make it prettier", pretty.getAs(GoldFeedbackSuggestions.FEEDBACK_TEXT));
    assertEquals(1, pretty.<Integer>getAs(GoldFeedbackSuggestions.VARIANTS), "the same normal form: one text");
    assertEquals(0.0, pretty.<Double>getAs(GoldFeedbackSuggestions.SUCCESS_RATE), 0.0);
    assertEquals(4.0, pretty.<Double>getAs(GoldFeedbackSuggestions.AVG_SCORE_GAIN), 0.0); // (+5 + +3) / 2
    List<String> categories = FeedbackSuggestions.of(spark(), frame(rows), CONFIG.suggestions())
        .filter("scope_kind = 'category'").orderBy("scope", "rank").collectAsList().stream()
        .map(r -> r.getAs(GoldFeedbackSuggestions.SCOPE) + ": " + r.getAs(GoldFeedbackSuggestions.USES)).toList();
    assertEquals(List.of("wood_hardwood: 2", "wood_softwood: 2"), categories);
  }
}

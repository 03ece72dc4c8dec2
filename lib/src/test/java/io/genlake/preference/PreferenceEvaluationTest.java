package io.genlake.preference;

import static io.genlake.preference.SilverRows.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.genlake.pipeline.StepResult;
import io.genlake.table.GoldPreferenceEvaluation;
import io.genlake.testing.TestSpark;
import io.genlake.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The time-split replay of five methods, and when it runs again. */
class PreferenceEvaluationTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

  @BeforeEach
  void forgetCatalog() {
    SilverRows.forgetCatalog();
  }

  private static List<Row> events() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      rows.add(event("an" + i, "u1", "anime girl", null, "B", List.of(), "selected", null,
          "2026-11-0" + (i + 1) + "T00:00:00Z", "2026-11-10T00:00:00Z"));
    }
    for (int i = 0; i < 6; i++) {
      rows.add(event("ph" + i, "u2", "photorealistic landscape", null, "A", List.of(), "selected", null,
          "2026-11-0" + (i + 1) + "T12:00:00Z", "2026-11-10T00:00:00Z"));
    }
    rows.add(event("pr1", "u2", "photorealistic landscape", null, "B", List.of(), "rejected", null,
        "2026-11-07T00:00:00Z", "2026-11-10T00:00:00Z"));
    rows.add(event("pr2", "u2", "photorealistic landscape", null, "B", List.of(), "rejected", null,
        "2026-11-08T00:00:00Z", "2026-11-10T00:00:00Z"));
    // held out (the latest 20 %): B selected for anime, A selected for photorealistic, A rejected for anime
    rows.add(event("t1", "u3", "anime cat", null, "B", List.of(), "selected", null, "2026-11-19T00:00:00Z",
        "2026-11-20T00:00:00Z"));
    rows.add(event("t2", "u3", "photorealistic city", null, "A", List.of(), "selected", null, "2026-11-20T00:00:00Z",
        "2026-11-20T00:00:00Z"));
    rows.add(event("t3", "u3", "anime dog", null, "A", List.of(), "rejected", null, "2026-11-20T12:00:00Z",
        "2026-11-20T13:00:00Z"));
    return rows;
  }

  private static Map<String, Row> byMethod(Warehouse w) {
    Map<String, Row> out = new TreeMap<>();
    for (Row r : w.read(GoldPreferenceEvaluation.TABLE).collectAsList()) {
      out.put(r.getAs(GoldPreferenceEvaluation.METHOD), r);
    }
    return out;
  }

  @Test
  void replaysHeldOutEventsForEveryMethod(@TempDir Path dir) {
    Warehouse w = new Warehouse(TestSpark.session(), dir.resolve("wh").toString());
    SilverRows.appendEvents(w, events());
    PreferenceLearning.run(SilverRows.context(w, DAY, dir));
    Map<String, Row> m = byMethod(w);
    assertEquals(new java.util.TreeSet<>(GoldPreferenceEvaluation.METHODS), m.keySet());
    Row popular = m.get(GoldPreferenceEvaluation.GLOBAL_POPULARITY);
    assertEquals(12L, (long) popular.getAs(GoldPreferenceEvaluation.TRAIN_EVENTS));
    assertEquals(3L, (long) popular.getAs(GoldPreferenceEvaluation.TEST_EVENTS));
    assertEquals(2L, (long) popular.getAs(GoldPreferenceEvaluation.SELECTIONS));
    assertEquals(2.0 / 3, (double) popular.getAs(GoldPreferenceEvaluation.RANDOM_HIT_RATE), 1e-12);
    // popularity always picks A (6 selections against 4): it matches t2 (selected) and t3 (rejected)
    assertEquals(2L, (long) popular.getAs(GoldPreferenceEvaluation.MATCHED));
    assertEquals(0.5, (double) popular.getAs(GoldPreferenceEvaluation.HIT_RATE), 0.0);
    assertEquals(0.5, (double) popular.getAs(GoldPreferenceEvaluation.PICK_RATE), 0.0);
    // the context-aware methods pick B for anime and A for photorealistic: they match t1 and t2, both selected
    for (String method : List.of(GoldPreferenceEvaluation.KEYWORD_POPULARITY, GoldPreferenceEvaluation.SEED_BAYESIAN,
        GoldPreferenceEvaluation.BETA_POSTERIOR)) {
      Row r = m.get(method);
      assertEquals(2L, (long) r.getAs(GoldPreferenceEvaluation.MATCHED), method);
      assertEquals(2L, (long) r.getAs(GoldPreferenceEvaluation.HITS), method);
      assertEquals(1.0, (double) r.getAs(GoldPreferenceEvaluation.HIT_RATE), 0.0, method);
      assertEquals(1.0, (double) r.getAs(GoldPreferenceEvaluation.PICK_RATE), 0.0, method);
      assertTrue((double) r.getAs(GoldPreferenceEvaluation.HIT_RATE_LOW)
          <= (double) r.getAs(GoldPreferenceEvaluation.HIT_RATE_HIGH), method);
    }
    assertTrue((boolean) m.get(GoldPreferenceEvaluation.SEED_BAYESIAN).getAs(GoldPreferenceEvaluation.IS_DEFAULT));
    assertFalse((boolean) popular.getAs(GoldPreferenceEvaluation.IS_DEFAULT));
    assertEquals(15L, (long) popular.getAs(GoldPreferenceEvaluation.EVENTS_TOTAL));
  }

  @Test
  void runsAgainOnlyWhenTheStatisticsGrewEnough(@TempDir Path dir) {
    Warehouse w = new Warehouse(TestSpark.session(), dir.resolve("wh").toString());
    SilverRows.appendEvents(w, events());
    PreferenceLearning.run(SilverRows.context(w, DAY, dir));
    // one new event: 16 events against the 15 evaluated, under the 10 % refresh share
    SilverRows.appendEvents(w, List.of(event("n1", "u3", "anime cat", null, "B", List.of(), "selected", null,
        "2026-11-21T10:00:00Z", "2026-11-21T11:00:00Z")));
    StepResult kept = PreferenceLearning.run(SilverRows.context(w, DAY.plusDays(1), dir));
    assertTrue(kept.notes().contains("evaluation kept: the statistics grew from 15 to 16 events since it ran (it runs "
        + "again at 10% growth, preference.evaluation_refresh_share)"), kept.notes().toString());
    assertEquals(15L, (long) byMethod(w).get(GoldPreferenceEvaluation.SEED_BAYESIAN)
        .getAs(GoldPreferenceEvaluation.EVENTS_TOTAL));
    // a second new event reaches 17 >= 16.5: evaluated again
    SilverRows.appendEvents(w, List.of(event("n2", "u3", "anime cat", null, "B", List.of(), "selected", null,
        "2026-11-22T10:00:00Z", "2026-11-22T11:00:00Z")));
    PreferenceLearning.run(SilverRows.context(w, DAY.plusDays(2), dir));
    assertEquals(17L, (long) byMethod(w).get(GoldPreferenceEvaluation.SEED_BAYESIAN)
        .getAs(GoldPreferenceEvaluation.EVENTS_TOTAL));
  }
}

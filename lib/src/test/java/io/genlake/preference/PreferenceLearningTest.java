package io.genlake.preference;

import static io.genlake.preference.SilverRows.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.genlake.pipeline.StepResult;
import io.genlake.table.GoldCheckpointRecommendations;
import io.genlake.table.GoldParameterStats;
import io.genlake.table.GoldPreferencePairStats;
import io.genlake.testing.TestSpark;
import io.genlake.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreferenceLearningTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 20);
  private static final String ANIME = "anime girl with blue hair";
  private static final String PHOTO = "photorealistic landscape";

  private static List<Row> scenario() {
    return List.of(
        event("e1", "u1", ANIME, null, "A", List.of(), "rejected", null, "2026-11-20T00:00:00Z", "2026-11-20T01:00:00Z"),
        event("e2", "u1", ANIME, null, "A", List.of(), "rejected", null, "2026-11-19T00:00:00Z", "2026-11-20T01:00:00Z"),
        event("e3", "u1", ANIME, null, "B", List.of(), "selected", null, "2026-11-20T00:00:00Z", "2026-11-20T01:00:00Z"),
        event("e4", "u1", PHOTO + " <lora:detail:0.7>", "blurry", "A", List.of(), "selected", true,
            "2026-11-20T00:00:00Z", "2026-11-20T01:00:00Z"),
        event("e5", "u2", PHOTO, null, "B", List.of(), "selected", false, "2026-11-20T00:00:00Z", "2026-11-20T01:00:00Z"),
        event("e6", "u1", "", null, "A", List.of("detail"), "selected", null, "2026-11-20T00:00:00Z", "2026-11-20T01:00:00Z"),
        event("e7", "u1", "of the a", null, "B", List.of(), "rejected", null, "2026-11-20T00:00:00Z", "2026-11-20T01:00:00Z"),
        event("e8", "u1", "castle", null, "A", List.of(), "selected", null, "2026-11-25T00:00:00Z", "2026-11-20T01:00:00Z"),
        event("e9", "u1", "castle", null, "  ", List.of(), "selected", null, "2026-11-20T00:00:00Z", "2026-11-20T01:00:00Z"),
        event("e10", null, "castle", null, "A", List.of(), "selected", null, "2026-11-20T00:00:00Z", "2026-11-20T01:00:00Z"));
  }

  /** Each test has its own warehouse: forget the previous test's catalog entries (metadata only). */
  @org.junit.jupiter.api.BeforeEach
  void forgetCatalog() {
    for (String db : List.of("silver", "gold", "ops")) {
      TestSpark.session().sql("DROP DATABASE IF EXISTS " + db + " CASCADE");
    }
  }

  private static Map<String, Row> stats(Warehouse w) {
    Map<String, Row> out = new TreeMap<>();
    for (Row r : w.read(GoldPreferencePairStats.TABLE).collectAsList()) {
      out.put(r.getString(0) + "|" + r.getString(1) + "|" + r.getString(2) + "|" + r.getString(3), r);
    }
    return out;
  }

  @Test
  void nightlyBuildsContextAwareStatisticsAndCountsBadInput(@TempDir Path dir) throws Exception {
    Warehouse w = new Warehouse(TestSpark.session(), dir.resolve("wh").toString());
    SilverRows.appendEvents(w, scenario());
    io.genlake.config.GenlakeConfig config =
        io.genlake.config.ConfigLoader.loadYaml("preference:\n  checkpoint_pools:\n    sdxl_standard: [A, C]\n");
    StepResult result = PreferenceLearning.run(SilverRows.context(w, DAY, dir, config));

    assertEquals(10, result.count("events.read"));
    assertEquals(1, result.count("events.future"));
    assertEquals(1, result.count("events.blank_checkpoint"));
    assertEquals(1, result.count("events.no_user"));
    assertEquals(1, result.count("events.empty_prompt"));
    assertEquals(1, result.count("events.stop_words_only"));
    assertEquals(8, result.count("events.counted"));
    assertEquals(3, result.count("events.checkpoint_not_in_pool")); // B (e3, e5, e7); the blank one is skipped

    Map<String, Row> s = stats(w);
    Row animeA = s.get("*|keyword_checkpoint|anime|A");
    assertEquals(0L, animeA.getLong(4));
    assertEquals(2L, animeA.getLong(5));
    double d = Math.exp(-1.0 / 30) + Math.exp(-2.0 / 30);
    assertEquals(d, animeA.getDouble(8), 1e-12);
    assertEquals(10 / (d + 10) * 0.5, animeA.getDouble(10), 1e-12); // seed score: all prior weight on 0.5, rate 0
    assertEquals(1 / (d + 2), animeA.getDouble(11), 1e-12); // Beta(1,1) mean
    assertEquals("insufficient", animeA.getString(14));
    assertEquals(2L, s.get("u1|keyword_checkpoint|anime|A").getLong(5));
    // u2 does not share: their photorealistic selection of B is personal only
    assertFalse(s.containsKey("*|keyword_checkpoint|photorealistic|B"));
    assertEquals(1L, s.get("u2|keyword_checkpoint|photorealistic|B").getLong(4));
    // the prompt's <lora:detail> is a LoRA, not a keyword; the empty prompt still counts checkpoint x LoRA
    assertFalse(s.containsKey("*|keyword_checkpoint|detail|A"));
    assertEquals(1L, s.get("u1|keyword_lora|photorealistic|detail").getLong(4));
    assertEquals(2L, s.get("*|checkpoint_lora|A|detail").getLong(4));
    assertEquals(2 * Math.exp(-1.0 / 30), s.get("*|checkpoint_lora|A|detail").getDouble(7), 1e-12);
    assertEquals(1L, s.get("*|keyword_negative|photorealistic|blurry").getLong(4));
    // no user: global only
    assertTrue(s.containsKey("*|keyword_checkpoint|castle|A"));
    assertEquals(1L, s.get("*|keyword_checkpoint|castle|A").getLong(4));

    // the serving snapshot answers the seed's scenario without Spark
    ServingSnapshot snap = ServingSnapshot.readIfPresent(dir.resolve("wh")).orElseThrow();
    PreferenceSettings settings = PreferenceSettings.of(w.spark() == null ? null
        : io.genlake.config.ConfigLoader.defaults().preference(), KeywordNormalizer.identity());
    Recommender r = settings.recommender(false);
    KeywordExtractor x = settings.extractor();
    assertEquals("B", r.recommend(snap, x.keywords("anime boy with red hair"), List.of("A", "B"), Optional.empty(), 1)
        .recommended());
    assertEquals("A", r.recommend(snap, x.keywords(PHOTO), List.of("A", "B"), Optional.empty(), 1).recommended());

    // the day's prompts were ranked in the sdxl pool: the anime prompt is steered from A to the unknown C
    List<Row> recs = w.read(GoldCheckpointRecommendations.TABLE)
        .where(org.apache.spark.sql.functions.col(GoldCheckpointRecommendations.PROMPT).equalTo(ANIME)).collectAsList();
    assertEquals(1, recs.size());
    assertEquals("C", recs.get(0).getAs(GoldCheckpointRecommendations.RECOMMENDED));
    assertEquals("sdxl_standard", recs.get(0).getAs(GoldCheckpointRecommendations.POOL));
    Map<String, Double> probabilities = recs.get(0).getJavaMap(recs.get(0).fieldIndex(GoldCheckpointRecommendations.CHOICE_PROBABILITIES));
    assertEquals(1.0, probabilities.get("A") + probabilities.get("C"), 1e-12);
    assertEquals(1, result.count("recommendations.empty_prompt"));
  }

  @Test
  void incrementalUpdateMatchesFullRecompute(@TempDir Path dir) {
    Warehouse w = new Warehouse(TestSpark.session(), dir.resolve("wh").toString());
    SilverRows.appendEvents(w, List.of(
        event("a1", "u1", ANIME, null, "A", List.of(), "rejected", null, "2026-11-10T08:00:00Z", "2026-11-10T09:00:00Z"),
        event("a2", "u1", PHOTO, "blurry", "A", List.of("detail"), "selected", null, "2026-11-12T08:00:00Z", "2026-11-12T09:00:00Z"),
        event("a3", "u2", PHOTO, null, "B", List.of(), "rejected", null, "2026-11-25T08:00:00Z", "2026-11-12T09:00:00Z")));
    StepResult day1 = PreferenceLearning.run(SilverRows.context(w, LocalDate.of(2026, 11, 14), dir));
    assertTrue(day1.notes().stream().anyMatch(n -> n.startsWith("pair statistics: full update")), day1.notes().toString());
    SilverRows.appendEvents(w, List.of(
        event("b1", "u1", ANIME, null, "B", List.of(), "selected", null, "2026-11-20T08:00:00Z", "2026-11-20T09:00:00Z"),
        // late arrival: created before day 1's as_of, ingested after it
        event("b2", "u2", ANIME, null, "A", List.of(), "rejected", null, "2026-11-13T08:00:00Z", "2026-11-20T09:00:00Z")));
    StepResult day2 = PreferenceLearning.run(SilverRows.context(w, DAY, dir));
    assertTrue(day2.notes().stream().anyMatch(n -> n.startsWith("pair statistics: incremental update")), day2.notes().toString());
    assertEquals(2, day2.count("events.counted"));
    Map<String, Row> incremental = stats(w);

    PreferenceLearning.run(SilverRows.context(w, DAY, dir), KeywordNormalizer.identity(), true);
    Map<String, Row> full = stats(w);
    assertEquals(full.keySet(), incremental.keySet());
    for (String key : full.keySet()) {
      Row f = full.get(key);
      Row i = incremental.get(key);
      assertEquals(f.getLong(4), i.getLong(4), key);
      assertEquals(f.getLong(5), i.getLong(5), key);
      assertEquals(f.getDouble(7), i.getDouble(7), 1e-9, key);
      assertEquals(f.getDouble(8), i.getDouble(8), 1e-9, key);
      assertEquals(f.getDouble(10), i.getDouble(10), 1e-9, key);
    }
    // a decayed sum checked by hand: anime x A globally, rejections at 11-10 and 11-13 as of 11-21
    double expected = Math.exp(-(11 - 8.0 / 24) / 30) + Math.exp(-(8 - 8.0 / 24) / 30);
    assertEquals(expected, full.get("*|keyword_checkpoint|anime|A").getDouble(8), 1e-12);
  }

  @Test
  void exportImportRoundTripAndMerge(@TempDir Path dir) {
    Warehouse a = new Warehouse(TestSpark.session(), dir.resolve("a").toString());
    SilverRows.appendEvents(a, scenario());
    PreferenceLearning.run(SilverRows.context(a, DAY, dir));
    Path file = dir.resolve("prefs.json");
    long pairs = PreferenceLearning.exportTo(a, file);
    assertEquals(stats(a).size(), pairs);

    Warehouse b = new Warehouse(TestSpark.session(), dir.resolve("b").toString());
    PreferenceLearning.importFrom(SilverRows.context(b, DAY, dir), file);
    Map<String, Row> original = stats(a);
    assertEquals(original, stats(b)); // identical statistics, scores included

    PreferenceLearning.importFrom(SilverRows.context(b, DAY, dir), file);
    Map<String, Row> merged = stats(b);
    Row o = original.get("*|keyword_checkpoint|anime|A");
    Row m = merged.get("*|keyword_checkpoint|anime|A");
    assertEquals(2 * o.getLong(5), m.getLong(5));
    assertEquals(2 * o.getDouble(8), m.getDouble(8), 1e-12);
    assertTrue(ServingSnapshot.readIfPresent(dir.resolve("b")).isPresent());
  }

  @Test
  void generationSelectionsRatingsAndParameterStats(@TempDir Path dir) {
    Warehouse w = new Warehouse(TestSpark.session(), dir.resolve("wh").toString());
    SilverRows.appendGenerations(w, List.of(
        SilverRows.generation("g1", "u1", "castle at night", "C", "selected", 20, 7.0, "2026-11-20T10:00:00Z"),
        SilverRows.generation("g2", "u1", "castle", "C", "selected", 30, 5.0, "2026-11-20T10:00:00Z"),
        SilverRows.generation("g3", "u1", "castle", "D", "rejected", 50, 9.0, "2026-11-20T10:00:00Z"),
        SilverRows.generation("g4", "u1", "castle", "D", null, 40, 6.0, "2026-11-20T10:00:00Z")));
    SilverRows.appendRatings(w, List.of(
        SilverRows.rating("i1", "g4", true, "ok", "2026-11-20T11:00:00Z"),
        SilverRows.rating("i2", "g1", false, "ko", "2026-11-20T11:00:00Z"),
        SilverRows.rating("i3", "g4", false, "ok", "2026-11-20T11:00:00Z")));
    StepResult result = PreferenceLearning.run(SilverRows.context(w, DAY, dir));
    assertEquals(2 + 1 + 1, result.count("events.read")); // g1 g2 g3 selections... counted once each
    Map<String, Row> s = stats(w);
    assertEquals(2L, s.get("*|keyword_checkpoint|castle|C").getLong(4));
    // g3 rejected D; i1 liked g4's image (D): the rating counts because g4 has no selection of its own
    assertEquals(1L, s.get("*|keyword_checkpoint|castle|D").getLong(4));
    assertEquals(1L, s.get("*|keyword_checkpoint|castle|D").getLong(5));

    Map<String, Row> p = new TreeMap<>();
    for (Row r : w.read(GoldParameterStats.TABLE).collectAsList()) {
      p.put(r.getString(0) + "|" + r.getString(1), r);
    }
    Row castleSteps = p.get("castle|steps");
    assertEquals(2L, castleSteps.getLong(2));
    assertEquals(25.0, castleSteps.getDouble(3), 1e-12);
    assertEquals(25.0, castleSteps.getDouble(4), 1e-12);
    assertEquals(6.0, p.get("castle|cfg_scale").getDouble(3), 1e-12);
    assertEquals(1.0, p.get("castle|cfg_scale").getDouble(4), 1e-12);
    assertEquals(0.0, p.get("night|steps").getDouble(4), 0.0);
  }

  @Test
  void evaluationReplaysHeldOutSelectionsAgainstPopularity(@TempDir Path dir) {
    Warehouse w = new Warehouse(TestSpark.session(), dir.resolve("wh").toString());
    List<Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      rows.add(event("an" + i, "u1", ANIME, null, "B", List.of(), "selected", null, "2026-11-0" + (i + 1) + "T00:00:00Z",
          "2026-11-10T00:00:00Z"));
    }
    for (int i = 0; i < 5; i++) {
      rows.add(event("ph" + i, "u2", PHOTO, null, "A", List.of(), "selected", null, "2026-11-0" + (i + 1) + "T12:00:00Z",
          "2026-11-10T00:00:00Z"));
    }
    // held out (latest 20 %): anime picked B, photorealistic picked A
    rows.add(event("t1", "u3", "anime cat", null, "B", List.of(), "selected", null, "2026-11-19T00:00:00Z", "2026-11-20T00:00:00Z"));
    rows.add(event("t2", "u3", "photorealistic city", null, "A", List.of(), "selected", null, "2026-11-20T00:00:00Z",
        "2026-11-20T00:00:00Z"));
    SilverRows.appendEvents(w, rows);
    PreferenceLearning.run(SilverRows.context(w, DAY, dir));
    Map<String, Row> byMethod = new TreeMap<>();
    for (Row r : w.read(io.genlake.table.GoldPreferenceEvaluation.TABLE).collectAsList()) {
      byMethod.put(r.getAs(io.genlake.table.GoldPreferenceEvaluation.METHOD), r);
    }
    Row context = byMethod.get(io.genlake.table.GoldPreferenceEvaluation.CONTEXT_AWARE);
    Row popular = byMethod.get(io.genlake.table.GoldPreferenceEvaluation.GLOBAL_POPULARITY);
    assertEquals(8L, (long) context.getAs(io.genlake.table.GoldPreferenceEvaluation.TRAIN_EVENTS));
    assertEquals(2L, (long) context.getAs(io.genlake.table.GoldPreferenceEvaluation.TEST_EVENTS));
    assertEquals(1.0, (double) context.getAs(io.genlake.table.GoldPreferenceEvaluation.HIT_RATE), 0.0);
    assertEquals(0.5, (double) popular.getAs(io.genlake.table.GoldPreferenceEvaluation.HIT_RATE), 0.0); // always A
    assertEquals(0.5, (double) popular.getAs(io.genlake.table.GoldPreferenceEvaluation.RANDOM_HIT_RATE), 0.0);
  }
}

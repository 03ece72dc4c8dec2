package io.genlake.preference;

import static io.genlake.preference.SilverRows.event;
import static io.genlake.preference.SilverRows.eventWithLoras;
import static io.genlake.preference.SilverRows.lora;
import static io.genlake.preference.SilverRows.stats;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.genlake.config.ConfigLoader;
import io.genlake.pipeline.StepResult;
import io.genlake.table.GoldCheckpointRecommendations;
import io.genlake.table.GoldParameterStats;
import io.genlake.table.GoldPreferencePairIncrements;
import io.genlake.table.GoldPreferencePairStats;
import io.genlake.testing.TestSpark;
import io.genlake.warehouse.Warehouse;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreferenceLearningTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 20);
  private static final String ANIME = "anime girl with blue hair";
  private static final String PHOTO = "photorealistic landscape";
  private static final String T = "2026-11-20T00:00:00Z";
  private static final String IN = "2026-11-20T01:00:00Z";

  private static List<Row> scenario() {
    return List.of(
        event("e1", "u1", ANIME, null, "A", List.of(), "rejected", null, T, IN),
        event("e2", "u1", ANIME, null, "A", List.of(), "rejected", null, "2026-11-19T00:00:00Z", IN),
        event("e3", "u1", ANIME, null, "B", List.of(), "selected", null, T, IN),
        event("e4", "u1", PHOTO + " <lora:detail:0.7>", "blurry", "A", List.of(), "selected", true, T, IN),
        event("e5", "u2", PHOTO, null, "B", List.of(), "selected", false, T, IN),
        event("e6", "u1", "", null, "A", List.of("detail"), "selected", null, T, IN),
        event("e7", "u1", "of the a", null, "B", List.of(), "rejected", null, T, IN),
        event("e8", "u1", "castle", null, "A", List.of(), "selected", null, "2026-11-25T00:00:00Z", IN),
        event("e9", "u1", "castle", null, "  ", List.of(), "selected", null, T, IN),
        event("e10", null, "castle", null, "A", List.of(), "selected", null, T, IN),
        eventWithLoras("e11", "u1", "castle", null, "A", List.of(lora("grain", null)), "selected", null, T, IN),
        eventWithLoras("e12", "u1", "castle", null, "A", List.of(lora("grain", 2.5)), "rejected", null, T, IN));
  }

  @BeforeEach
  void forgetCatalog() {
    SilverRows.forgetCatalog();
  }

  @Test
  void nightlyBuildsContextAwareStatisticsAndCountsBadInput(@TempDir Path dir) throws Exception {
    Warehouse w = new Warehouse(TestSpark.session(), dir.resolve("wh").toString());
    SilverRows.appendEvents(w, scenario());
    io.genlake.config.GenlakeConfig config =
        ConfigLoader.loadYaml("preference:\n  checkpoint_pools:\n    sdxl_standard: [A, C]\n");
    StepResult result = PreferenceLearning.run(SilverRows.context(w, DAY, dir, config));

    assertEquals(12, result.count("events.read"));
    assertEquals(1, result.count("events.future"));
    assertEquals(1, result.count("events.blank_checkpoint"));
    assertEquals(1, result.count("events.no_user"));
    assertEquals(1, result.count("events.empty_prompt"));
    assertEquals(1, result.count("events.stop_words_only"));
    assertEquals(10, result.count("events.counted"));
    assertEquals(3, result.count("events.checkpoint_not_in_pool")); // B (e3, e5, e7); the blank one is skipped
    assertEquals(1, result.count("loras.no_strength"));
    assertEquals(1, result.count("loras.strength_out_of_range"));

    Map<String, Row> s = stats(w);
    Row animeA = s.get("*|keyword_checkpoint|anime|A");
    assertEquals(0L, animeA.getLong(4));
    assertEquals(2L, animeA.getLong(5));
    // kept as of the pair's newest event (11-20): the rejection a day older weighs exp(-1/30)
    assertEquals(1 + Math.exp(-1.0 / 30), animeA.getDouble(8), 1e-12);
    assertEquals(Timestamp.from(Instant.parse(T)), animeA.getTimestamp(9));
    assertEquals(2L, s.get("u1|keyword_checkpoint|anime|A").getLong(5));
    // u2 does not share: their photorealistic selection of B is personal only
    assertFalse(s.containsKey("*|keyword_checkpoint|photorealistic|B"));
    assertEquals(1L, s.get("u2|keyword_checkpoint|photorealistic|B").getLong(4));
    // the prompt's <lora:detail> is a LoRA, not a keyword; the empty prompt still counts checkpoint x LoRA
    assertFalse(s.containsKey("*|keyword_checkpoint|detail|A"));
    assertEquals(1L, s.get("u1|keyword_lora|photorealistic|detail").getLong(4));
    assertEquals(2L, s.get("*|checkpoint_lora|A|detail").getLong(4));
    assertEquals(2.0, s.get("*|checkpoint_lora|A|detail").getDouble(7), 1e-12);
    assertEquals(1L, s.get("*|keyword_negative|photorealistic|blurry").getLong(4));
    // the LoRAs without a usable strength are still LoRA pairs
    assertEquals(1L, s.get("u1|checkpoint_lora|A|grain").getLong(5));
    // no user: global only; a checkpoint's totals whatever the prompt
    assertEquals(2L, s.get("*|keyword_checkpoint|castle|A").getLong(4));
    assertEquals(4L, s.get("*|checkpoint|A|").getLong(4));
    assertEquals(3L, s.get("*|checkpoint|A|").getLong(5));

    // scored when read, at the shared pool's newest event (11-20)
    Map<String, Row> scored = new TreeMap<>();
    for (Row r : PreferenceLearning.scoredPairs(w, config.preference(), DAY).collectAsList()) {
      scored.put(r.getString(0) + "|" + r.getString(1) + "|" + r.getString(2) + "|" + r.getString(3), r);
    }
    Row a = scored.get("*|keyword_checkpoint|anime|A");
    double d = 1 + Math.exp(-1.0 / 30);
    assertEquals(d, a.<Double>getAs(GoldPreferencePairStats.DECAYED_TOTAL), 1e-12);
    assertEquals(10 / (d + 10) * 0.5, a.<Double>getAs(GoldPreferencePairStats.SEED_SCORE), 1e-12);
    assertEquals(1 / (d + 2), a.<Double>getAs(GoldPreferencePairStats.BETA_MEAN), 1e-12);
    assertEquals("insufficient", a.getAs(GoldPreferencePairStats.EVIDENCE));
    assertEquals(Timestamp.from(Instant.parse(T)), a.getAs(GoldPreferencePairStats.AS_OF));

    // LoRA strengths: e4's prompt tag (0.7) and e6's list (1.0) with checkpoint A; e11 and e12's are not used
    Map<String, Row> p = parameters(w);
    Row strengthA = p.get("checkpoint|A|lora_strength|detail");
    assertEquals(2L, strengthA.<Long>getAs(GoldParameterStats.SELECTED));
    assertEquals(0.85, strengthA.<Double>getAs(GoldParameterStats.SELECTED_MEAN), 1e-12);
    assertEquals(0.0225, strengthA.<Double>getAs(GoldParameterStats.SELECTED_VARIANCE), 1e-12);
    assertFalse(p.containsKey("checkpoint|A|lora_strength|grain"));

    // the serving snapshot answers the seed's scenario without Spark
    ServingSnapshot snap = ServingSnapshot.readIfPresent(dir.resolve("wh")).orElseThrow();
    PreferenceSettings settings = PreferenceSettings.of(config.preference(), KeywordNormalizer.identity());
    Recommender r = settings.recommender(false);
    KeywordExtractor x = settings.extractor();
    assertEquals("B", r.recommend(snap, x.keywords("anime boy with red hair"), List.of("A", "B"), Optional.empty(), 1)
        .recommended());
    assertEquals("A", r.recommend(snap, x.keywords(PHOTO), List.of("A", "B"), Optional.empty(), 1).recommended());

    // the day's prompts were ranked in the sdxl pool: the anime prompt is steered from A to the unknown C
    Row anime = recommendation(w, ANIME);
    assertEquals("C", anime.getAs(GoldCheckpointRecommendations.RECOMMENDED));
    assertEquals("sdxl_standard", anime.getAs(GoldCheckpointRecommendations.POOL));
    assertEquals(java.sql.Date.valueOf(DAY), anime.getAs(GoldCheckpointRecommendations.PROMPTS_DATE));
    Map<String, Double> probabilities = anime.getJavaMap(anime.fieldIndex(GoldCheckpointRecommendations.CHOICE_PROBABILITIES));
    assertEquals(1.0, probabilities.get("A") + probabilities.get("C"), 1e-12);
    assertEquals(1, result.count("recommendations.empty_prompt"));
    // the day's 7 distinct (user, prompt, family): 6 ranked (one empty), in the family's one pool, none unknown
    assertEquals(0, result.count("recommendations.unknown_keywords"));
    StepResult.TableWrite recs = result.tables().stream()
        .filter(t -> t.table().equals(GoldCheckpointRecommendations.TABLE.qualifiedName())).findFirst().orElseThrow();
    assertEquals(6, recs.rowsIn());
    assertEquals(6, recs.rowsOut());
    assertEquals(6, w.read(GoldCheckpointRecommendations.TABLE).count());
    // the photorealistic prompt gets A with the LoRA detail: (1 x 0.7 + 1 x 0.7 + 2 x 0.85) / 4 over its contexts
    Row photo = recommendation(w, PHOTO + " <lora:detail:0.7>");
    assertEquals("A", photo.getAs(GoldCheckpointRecommendations.RECOMMENDED));
    List<Row> loras = photo.getList(photo.fieldIndex(GoldCheckpointRecommendations.LORAS));
    assertEquals("detail", loras.get(0).getString(0));
    assertEquals(0.775, loras.get(0).getDouble(3), 1e-12);
    List<Row> drivers = photo.getList(photo.fieldIndex(GoldCheckpointRecommendations.EXPLANATION));
    // both keywords drove A's score alike (one selection each, shared and u1's own): equal contributions, by name
    assertEquals(List.of("landscape", "photorealistic"), drivers.stream().map(d2 -> d2.getString(0)).toList());
    assertEquals(drivers.get(0).getDouble(6), drivers.get(1).getDouble(6), 0.0);
    assertTrue(drivers.get(0).getDouble(6) > 0);
  }

  private static Row recommendation(Warehouse w, String prompt) {
    List<Row> recs = w.read(GoldCheckpointRecommendations.TABLE)
        .where(col(GoldCheckpointRecommendations.PROMPT).equalTo(prompt)).collectAsList();
    assertEquals(1, recs.size(), prompt);
    return recs.get(0);
  }

  private static Map<String, Row> parameters(Warehouse w) {
    Map<String, Row> p = new TreeMap<>();
    for (Row r : w.read(GoldParameterStats.TABLE).collectAsList()) {
      p.put(r.getString(0) + "|" + r.getString(1) + "|" + r.getString(2) + "|" + r.getString(3), r);
    }
    return p;
  }

  @Test
  void incrementalUpdateAppendsOnlyTouchedPairsAndMatchesFullRecompute(@TempDir Path dir) {
    Warehouse w = new Warehouse(TestSpark.session(), dir.resolve("wh").toString());
    // a share the night's 20 new rows stay below on this small base: they are appended (PairTablesTest folds)
    io.genlake.config.GenlakeConfig config = ConfigLoader.loadYaml("preference:\n  fold_share: 10\n");
    SilverRows.appendEvents(w, List.of(
        event("a1", "u1", ANIME, null, "A", List.of(), "rejected", null, "2026-11-10T08:00:00Z", "2026-11-10T09:00:00Z"),
        event("a2", "u1", PHOTO, "blurry", "A", List.of("detail"), "selected", null, "2026-11-12T08:00:00Z", "2026-11-12T09:00:00Z"),
        event("a3", "u2", PHOTO, null, "B", List.of(), "rejected", null, "2026-11-25T08:00:00Z", "2026-11-12T09:00:00Z")));
    StepResult day1 = PreferenceLearning.run(SilverRows.context(w, LocalDate.of(2026, 11, 14), dir, config));
    assertTrue(day1.notes().stream().anyMatch(n -> n.startsWith("pair statistics: full update")), day1.notes().toString());
    long before = w.read(GoldPreferencePairStats.TABLE).count();
    long baseVersion = w.version(GoldPreferencePairStats.TABLE).orElseThrow();
    SilverRows.appendEvents(w, List.of(
        event("b1", "u1", ANIME, null, "B", List.of(), "selected", null, "2026-11-20T08:00:00Z", "2026-11-20T09:00:00Z"),
        // late arrival: created before day 1's as_of, ingested after it
        event("b2", "u2", ANIME, null, "A", List.of(), "rejected", null, "2026-11-13T08:00:00Z", "2026-11-20T09:00:00Z")));
    StepResult day2 = PreferenceLearning.run(SilverRows.context(w, DAY, dir, config));
    assertTrue(day2.notes().stream().anyMatch(n -> n.startsWith("pair statistics: incremental update")), day2.notes().toString());
    assertEquals(2, day2.count("events.counted"));
    // b1 and b2 touch 5 pairs each (their checkpoint and 4 keywords) for their user and for the shared pool: those
    // 20 rows were appended to the increments; the base was neither read nor rewritten
    assertEquals(20, day2.tables().stream().filter(t -> t.table().equals(GoldPreferencePairIncrements.TABLE.toString()))
        .findFirst().orElseThrow().rowsOut());
    assertEquals(baseVersion, w.version(GoldPreferencePairStats.TABLE).orElseThrow());
    assertEquals(before, w.read(GoldPreferencePairStats.TABLE).count());
    assertTrue(day2.notes().contains("pair statistics: appended 20 rows as increments (20 increment rows vs " + before
        + " base rows; folded at 1000%, preference.fold_share)"), day2.notes().toString());
    java.util.Set<String> touched = new java.util.TreeSet<>();
    for (String scope : List.of("u1", "*")) {
      for (String k : List.of("anime", "girl", "blue", "hair")) {
        touched.add(scope + "|keyword_checkpoint|" + k + "|B");
      }
      touched.add(scope + "|checkpoint|B|");
    }
    for (String scope : List.of("u2", "*")) {
      for (String k : List.of("anime", "girl", "blue", "hair")) {
        touched.add(scope + "|keyword_checkpoint|" + k + "|A");
      }
      touched.add(scope + "|checkpoint|A|");
    }
    java.util.Set<String> appended = new java.util.TreeSet<>();
    for (Row r : w.read(GoldPreferencePairIncrements.TABLE).collectAsList()) {
      appended.add(r.getString(0) + "|" + r.getString(1) + "|" + r.getString(2) + "|" + r.getString(3));
      assertEquals("test-" + DAY, r.getAs(GoldPreferencePairIncrements.RUN_ID));
    }
    assertEquals(touched, appended);
    Map<String, Row> incremental = stats(w);
    // the serving snapshot was the previous one with the 20 new rows merged in, not rebuilt from the table
    assertTrue(day2.notes().contains("serving snapshot: the previous one with 20 new pair rows merged in"),
        day2.notes().toString());
    ServingSnapshot merged = readSnapshot(dir);

    PreferenceLearning.run(SilverRows.context(w, DAY, dir, config), KeywordNormalizer.identity(), true);
    Map<String, Row> full = stats(w);
    assertEquals(0, w.read(GoldPreferencePairIncrements.TABLE).count(), "a full recompute folds: no increment left");
    ServingSnapshot rebuilt = readSnapshot(dir);
    assertEquals(rebuilt.checkpointsByPopularity(), merged.checkpointsByPopularity());
    assertEquals(rebuilt.globalAnchor(), merged.globalAnchor());
    for (String key : full.keySet()) {
      String[] k = key.split("\\|", -1);
      if (k[1].equals("keyword_checkpoint")) {
        PairCounts f = k[0].equals("*") ? rebuilt.global(k[2], k[3]) : rebuilt.user(k[0], k[2], k[3]);
        PairCounts i = k[0].equals("*") ? merged.global(k[2], k[3]) : merged.user(k[0], k[2], k[3]);
        assertEquals(f.total(), i.total(), key);
        assertEquals(f.decayedSelected(), i.decayedSelected(), 1e-9, key);
        assertEquals(f.decayedRejected(), i.decayedRejected(), 1e-9, key);
      }
    }
    assertEquals(full.keySet(), incremental.keySet());
    for (String key : full.keySet()) {
      Row f = full.get(key);
      Row i = incremental.get(key);
      assertEquals(f.getLong(4), i.getLong(4), key);
      assertEquals(f.getLong(5), i.getLong(5), key);
      assertEquals(f.getDouble(7), i.getDouble(7), 1e-9, key);
      assertEquals(f.getDouble(8), i.getDouble(8), 1e-9, key);
      assertEquals(f.getTimestamp(9), i.getTimestamp(9), key);
    }
    // a decayed sum checked by hand: anime x A globally, rejections at 11-10 08:00 and 11-13 08:00, kept as of 11-13
    assertEquals(Math.exp(-3.0 / 30) + 1, full.get("*|keyword_checkpoint|anime|A").getDouble(8), 1e-12);
  }

  /** A copy of the warehouse's snapshot (the file is replaced by the next run). */
  private static ServingSnapshot readSnapshot(Path dir) {
    ServingSnapshot mapped = ServingSnapshot.readIfPresent(dir.resolve("wh")).orElseThrow();
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try {
      mapped.write(bytes);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return ServingSnapshot.of(java.nio.ByteBuffer.wrap(bytes.toByteArray()));
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
    assertEquals(original, stats(b)); // identical statistics

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
    assertEquals(2 + 1 + 1, result.count("events.read")); // g1 g2 g3 selections and i1: one signal per generation
    Map<String, Row> s = stats(w);
    assertEquals(2L, s.get("*|keyword_checkpoint|castle|C").getLong(4));
    // g3 rejected D; i1 liked g4's image (D): the rating counts because g4 has no selection of its own
    assertEquals(1L, s.get("*|keyword_checkpoint|castle|D").getLong(4));
    assertEquals(1L, s.get("*|keyword_checkpoint|castle|D").getLong(5));

    // parameters of the selected (g1 20/7, g2 30/5, g4 40/6) and rejected (g3 50/9) generations per context
    Map<String, Row> p = parameters(w);
    Row castleSteps = p.get("keyword|castle|steps|");
    assertEquals(3L, castleSteps.<Long>getAs(GoldParameterStats.SELECTED));
    assertEquals(30.0, castleSteps.<Double>getAs(GoldParameterStats.SELECTED_MEAN), 1e-12);
    assertEquals(200.0 / 3, castleSteps.<Double>getAs(GoldParameterStats.SELECTED_VARIANCE), 1e-9);
    assertEquals(20.0, castleSteps.<Double>getAs(GoldParameterStats.SELECTED_MIN), 0.0);
    assertEquals(40.0, castleSteps.<Double>getAs(GoldParameterStats.SELECTED_MAX), 0.0);
    assertEquals(1L, castleSteps.<Long>getAs(GoldParameterStats.REJECTED));
    assertEquals(50.0, castleSteps.<Double>getAs(GoldParameterStats.REJECTED_MEAN), 1e-12);
    assertEquals(6.0, p.get("keyword|castle|cfg_scale|").<Double>getAs(GoldParameterStats.SELECTED_MEAN), 1e-12);
    assertEquals(2.0 / 3, p.get("keyword|castle|cfg_scale|").<Double>getAs(GoldParameterStats.SELECTED_VARIANCE), 1e-9);
    assertEquals(0.0, p.get("keyword|night|steps|").<Double>getAs(GoldParameterStats.SELECTED_VARIANCE), 0.0);
    assertEquals(25.0, p.get("checkpoint|C|steps|").<Double>getAs(GoldParameterStats.SELECTED_MEAN), 1e-12);
  }
}

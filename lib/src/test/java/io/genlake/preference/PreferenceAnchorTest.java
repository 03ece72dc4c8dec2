package io.genlake.preference;

import static io.genlake.preference.SilverRows.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.genlake.config.ConfigLoader;
import io.genlake.config.GenlakeConfig;
import io.genlake.testing.TestSpark;
import io.genlake.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decay anchored to the data: old data keeps its preferences; wall-clock anchoring fades them (a config choice). */
class PreferenceAnchorTest {
  private static final LocalDate RUN = LocalDate.of(2026, 12, 5);
  private static final List<String> PROMPT = List.of("photorealistic", "portrait", "woman");

  @BeforeEach
  void forgetCatalog() {
    SilverRows.forgetCatalog();
  }

  /** Seed 003's worked example as events, all at {@code at}: (keyword, checkpoint) selected of total. */
  private static List<Row> seedEvents(Instant at) {
    Object[][] counts = {{"photorealistic", "A", 15, 20}, {"portrait", "A", 12, 15}, {"woman", "A", 8, 10},
        {"photorealistic", "B", 5, 20}, {"portrait", "B", 8, 15}, {"woman", "B", 6, 12}};
    List<Row> rows = new ArrayList<>();
    String t = at.toString();
    for (Object[] c : counts) {
      for (int i = 0; i < (int) c[3]; i++) {
        rows.add(event(c[0] + "-" + c[1] + "-" + i, "u1", (String) c[0], null, (String) c[1], List.of(),
            i < (int) c[2] ? "selected" : "rejected", true, t, t));
      }
    }
    return rows;
  }

  private static Recommender.Recommendation recommend(Path dir, String name, Instant at, GenlakeConfig config) {
    Warehouse w = new Warehouse(TestSpark.session(), dir.resolve(name).toString());
    SilverRows.appendEvents(w, seedEvents(at));
    PreferenceLearning.run(SilverRows.context(w, RUN, dir, config));
    ServingSnapshot snap = ServingSnapshot.readIfPresent(dir.resolve(name)).orElseThrow();
    return PreferenceSettings.of(config.preference(), KeywordNormalizer.identity()).recommender(false)
        .recommend(snap, PROMPT, List.of("B", "A"), Optional.empty(), 1);
  }

  @Test
  void eventsAYearOldRankAndScoreAsTheSameEventsDatedYesterday(@TempDir Path dir) {
    Instant yesterday = RUN.minusDays(1).atTime(12, 0).toInstant(ZoneOffset.UTC);
    Instant yearOld = RUN.minusDays(365).atTime(12, 0).toInstant(ZoneOffset.UTC);
    GenlakeConfig defaults = ConfigLoader.defaults();
    Recommender.Recommendation recent = recommend(dir, "recent", yesterday, defaults);
    Recommender.Recommendation old = recommend(dir, "old", yearOld, defaults);
    for (Recommender.Recommendation r : List.of(recent, old)) {
      assertEquals("A", r.recommended());
      // the seed's numbers: A 0.6656, B 0.4511 (every event weighs 1 at the newest event of the data)
      assertEquals(0.6655556, r.ranking().get(0).score(), 1e-7);
      assertEquals(0.4511111, r.ranking().get(1).score(), 1e-7);
      assertEquals(0.45, r.confidence(), 1e-12);
      assertEquals(Recommender.Mode.EXPLOIT_EXPLORE, r.mode());
    }
    assertEquals(recent.ranking(), old.ranking());
    assertEquals(recent.confidence(), old.confidence(), 0.0);

    // anchored to the run date instead, the year-old events fade to the prior: exp(-365/30) = 5e-6 of their weight
    GenlakeConfig wallClock = ConfigLoader.loadYaml("preference:\n  decay_anchor: run_date\n");
    Recommender.Recommendation faded = recommend(dir, "faded", yearOld, wallClock);
    assertEquals(0.5, faded.ranking().get(0).score(), 1e-5);
    assertTrue(faded.confidence() < 1e-3, "confidence " + faded.confidence());
    assertEquals(Recommender.Mode.EXPLORE, faded.mode());
  }
}

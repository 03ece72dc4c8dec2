package io.genlake.preference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.genlake.config.ConfigLoader;
import io.genlake.config.GenlakeConfig;
import io.genlake.ingest.Ingestion;
import io.genlake.ingest.Stream;
import io.genlake.pipeline.Progress;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StepResult;
import io.genlake.table.GoldCheckpointRecommendations;
import io.genlake.testing.TestSpark;
import io.genlake.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled sample (data/sample), whose events end weeks before the run date, ingested and learned from: its
 * planted preference (anime prompts reject epicrealismXL_pureFix, photorealistic ones select it) is found, and the
 * day's recommendations have rows. Asserts directions and bands, not counts, so a regenerated sample passes.
 */
class SamplePreferenceTest {
  private static final String A = "epicrealismXL_pureFix.safetensors";
  /** A run date well after the sample's last event (2026-11-07 for seed 42). */
  private static final LocalDate RUN = LocalDate.of(2027, 2, 1);
  @TempDir static Path dir;
  static Warehouse w;
  static StepResult result;
  static ServingSnapshot snapshot;
  static PreferenceSettings settings;

  @BeforeAll
  static void learnFromTheSample() {
    SilverRows.forgetCatalog();
    w = new Warehouse(TestSpark.session(), dir.resolve("wh").toString());
    GenlakeConfig config = ConfigLoader.defaults();
    Path sample = Path.of("..", "data", "sample").toAbsolutePath().normalize();
    Ingestion.run(new RunContext(w.spark(), w, config, "ingest-sample", RUN, sample, dir, dir, Progress.silent(),
        Optional.empty()), EnumSet.allOf(Stream.class));
    result = PreferenceLearning.run(SilverRows.context(w, RUN, dir, config));
    snapshot = ServingSnapshot.readIfPresent(dir.resolve("wh")).orElseThrow();
    settings = PreferenceSettings.of(config.preference(), KeywordNormalizer.identity());
  }

  private static Recommender.Recommendation recommend(String prompt, List<String> pool) {
    return settings.recommender(false).recommend(snapshot, settings.extractor().keywords(prompt), pool,
        Optional.empty(), 1);
  }

  @Test
  void theSeedsAnimeScenarioIsSteeredAwayFromTheRejectedCheckpointAndPhotorealisticKeepsIt() {
    List<String> sdxl = settings.config().checkpointPools().get("sdxl_standard");
    Recommender.Recommendation anime = recommend("anime boy with red hair", sdxl);
    assertNotEquals(A, anime.recommended(), anime.ranking().toString());
    // over every checkpoint (as `recommend` without --checkpoints): steered to the anime checkpoint with confidence
    // above the explore band (< 0.3), the sample holding enough anime evidence
    Recommender.Recommendation animeAll = recommend("anime boy with red hair", snapshot.checkpointsByPopularity());
    assertEquals("animagineXL_v31.safetensors", animeAll.recommended(), animeAll.ranking().toString());
    assertTrue(animeAll.confidence() > settings.config().exploreConfidence(), "anime confidence "
        + animeAll.confidence());
    Recommender.Recommendation photo = recommend("photorealistic portrait of a woman", sdxl);
    assertEquals(A, photo.recommended(), photo.ranking().toString());
    // anime pulls A's score down and photorealistic up: the drivers of the explanation
    Recommender.KeywordDriver animeA = settings.recommender(false).explain(snapshot, List.of("anime"), A,
        Optional.empty()).get(0);
    Recommender.KeywordDriver photoA = settings.recommender(false).explain(snapshot, List.of("photorealistic"), A,
        Optional.empty()).get(0);
    assertTrue(animeA.contribution() < 0 && photoA.contribution() > 0, animeA + " " + photoA);
    // anchored to the data, not to the run date months later: the sums keep their weight
    assertTrue(snapshot.globalAnchor().orElseThrow()
        .isBefore(PreferenceLearning.asOf(RUN).minus(java.time.Duration.ofDays(30))));
    assertTrue(photo.confidence() > 0.1, "photorealistic confidence " + photo.confidence());
  }

  @Test
  void theDaysRecommendationsHaveRowsFromTheNewestDayWithPrompts() {
    List<Row> rows = w.read(GoldCheckpointRecommendations.TABLE).collectAsList();
    assertTrue(rows.size() > 0, result.notes().toString());
    for (Row r : rows) {
      assertTrue(r.getDate(r.fieldIndex(GoldCheckpointRecommendations.PROMPTS_DATE)).toLocalDate().isBefore(RUN));
      assertEquals(java.sql.Date.valueOf(RUN), r.getDate(r.fieldIndex(GoldCheckpointRecommendations.RUN_DATE)));
    }
    assertTrue(result.notes().stream().anyMatch(n -> n.startsWith("recommendations: no prompt on the run date")),
        result.notes().toString());
  }
}

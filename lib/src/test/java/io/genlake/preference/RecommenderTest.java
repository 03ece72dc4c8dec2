package io.genlake.preference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecommenderTest {
  private final KeywordExtractor extractor = KeywordExtractor.defaults();
  private final Recommender recommender = new Recommender(Scores.seedDefaults(),
      new Recommender.Policy(0.7, 0.3, 3, true, 2000, io.genlake.config.PreferenceConfig.Ranking.SEED));

  private static void record(SnapshotData s, List<String> keywords, String checkpoint, long selected, long total) {
    for (String k : keywords) {
      s.putGlobal(k, checkpoint, PairCounts.of(selected, total));
    }
  }

  /** Seed 003's scenario: anime rejected with A, anime selected with B, photorealistic selected with A. */
  private ServingSnapshot scenario(boolean withAnimeRejections) {
    return scenarioData(withAnimeRejections).build();
  }

  private SnapshotData scenarioData(boolean withAnimeRejections) {
    SnapshotData s = new SnapshotData(Instant.EPOCH);
    if (withAnimeRejections) {
      record(s, extractor.keywords("anime girl with blue hair"), "A", 0, 8);
    }
    record(s, extractor.keywords("anime girl with blue hair"), "B", 7, 8);
    record(s, extractor.keywords("photorealistic landscape"), "A", 9, 10);
    return s;
  }

  @Test
  void animeRejectionsDoNotPenalizeCheckpointForPhotorealistic() {
    List<String> photo = extractor.keywords("photorealistic landscape");
    double with = recommender.score(scenario(true), photo, "A", Optional.empty()).score();
    double without = recommender.score(scenario(false), photo, "A", Optional.empty()).score();
    assertEquals(without, with, 0.0);
    // (0.5 * 0.5 + 0.5 * 0.9) for both keywords
    assertEquals(0.7, with, 1e-12);
    Recommender.Recommendation rec =
        recommender.recommend(scenario(true), photo, List.of("B", "A"), Optional.empty(), 7);
    assertEquals("A", rec.recommended());
  }

  @Test
  void animePromptIsSteeredAwayFromCheckpointA() {
    List<String> anime = extractor.keywords("anime boy with red hair");
    assertEquals(List.of("anime", "boy", "red", "hair"), anime);
    ServingSnapshot s = scenario(true);
    Recommender.CheckpointScore a = recommender.score(s, anime, "A", Optional.empty());
    Recommender.CheckpointScore b = recommender.score(s, anime, "B", Optional.empty());
    // A: anime and hair at (10/18)*0.5 = 0.27778, boy and red neutral -> 0.38889
    assertEquals((2 * (10.0 / 18) * 0.5 + 2 * 0.5) / 4, a.score(), 1e-12);
    // B: anime and hair at (10/18)*0.5 + (8/18)*(7/8) = 0.66667 -> 0.58333
    assertEquals((2 * (10.0 / 18 * 0.5 + 8.0 / 18 * 7 / 8) + 2 * 0.5) / 4, b.score(), 1e-12);
    Recommender.Recommendation rec = recommender.recommend(s, anime, List.of("A", "B"), Optional.empty(), 7);
    assertEquals("B", rec.recommended());
    assertEquals(Recommender.Mode.EXPLORE, rec.mode()); // 16 data points: confidence 0.16
    assertEquals(List.of("B", "A"), rec.toTry());
  }

  @Test
  void theLiftIsNotDilutedByKeywordsThatTellNothingAboutTheCheckpoint() {
    // A is selected 2 of 3 times overall (photorealistic prompts), 2 of 10 with anime; girl and standing go with A at
    // 70 of 100 (A's usual rate, a little above); B: 1 of 2 overall, 8 of 10 with anime, 5 of 10 with the others
    ServingSnapshot s = new SnapshotData(Instant.EPOCH)
        .putCheckpoint("A", PairCounts.of(200, 300)).putCheckpoint("B", PairCounts.of(20, 40))
        .putGlobal("anime", "A", PairCounts.of(2, 10)).putGlobal("anime", "B", PairCounts.of(8, 10))
        .putGlobal("girl", "A", PairCounts.of(70, 100)).putGlobal("girl", "B", PairCounts.of(5, 10))
        .putGlobal("standing", "A", PairCounts.of(70, 100)).putGlobal("standing", "B", PairCounts.of(5, 10)).build();
    List<String> prompt = List.of("anime", "girl", "standing");
    // the seed's average: anime's 0.35 for A is outvoted by its two other keywords at 0.68 -> A 0.571 > B 0.55
    Recommender.Recommendation seed = recommender.recommend(s, prompt, List.of("A", "B"), Optional.empty(), 1);
    assertEquals("A", seed.recommended());
    assertEquals((0.35 + 2 * (10.0 / 110 * 0.5 + 100.0 / 110 * 0.7)) / 3, seed.ranking().get(0).score(), 1e-12);
    // the lift: A's overall 0.661 moved by anime's log-odds lift (-0.95) and the others' small ones (+0.16 each)
    Recommender lift = new Recommender(Scores.seedDefaults(), Recommender.Policy.seed(false)
        .ranking(io.genlake.config.PreferenceConfig.Ranking.LIFT));
    double overallA = 10.0 / 310 * 0.5 + 300.0 / 310 * (200.0 / 300);
    double animeA = 0.5 * overallA + 0.5 * 0.2;
    double girlA = 10.0 / 110 * overallA + 100.0 / 110 * 0.7;
    double logitA = logit(overallA) + (logit(animeA) - logit(overallA)) + 2 * (logit(girlA) - logit(overallA));
    double animeB = 0.5 * 0.5 + 0.5 * 0.8; // B's overall is 0.5: girl and standing at 5 of 10 move nothing
    Recommender.Recommendation r = lift.recommend(s, prompt, List.of("A", "B"), Optional.empty(), 1);
    assertEquals("B", r.recommended());
    assertEquals(animeB, r.ranking().get(0).score(), 1e-12);
    assertEquals(1 / (1 + Math.exp(-logitA)), r.ranking().get(1).score(), 1e-12);
    List<Recommender.KeywordDriver> why = lift.explain(s, prompt, "A", Optional.empty());
    assertEquals("anime", why.get(0).keyword());
    assertEquals(logit(animeA) - logit(overallA), why.get(0).contribution(), 1e-12);
  }

  private static double logit(double p) {
    return Math.log(p / (1 - p));
  }

  @Test
  void coldStartUserStartsFromGlobalThenPersonalizes() {
    SnapshotData data = scenarioData(true);
    List<String> photo = extractor.keywords("photorealistic landscape");
    for (String k : photo) {
      data.putUser("picky", k, "A", PairCounts.of(0, 10));
    }
    ServingSnapshot s = data.build();
    double global = recommender.score(s, photo, "A", Optional.empty()).score();
    assertEquals(global, recommender.score(s, photo, "A", Optional.of("new-user")).score(), 0.0);
    // 0.5 * global + 0.5 * 0 after ten rejections of the user's own
    assertEquals(0.5 * global, recommender.score(s, photo, "A", Optional.of("picky")).score(), 1e-12);
  }

  @Test
  void modesFollowConfidence() {
    ServingSnapshot s = new SnapshotData(Instant.EPOCH).putGlobal("castle", "A", PairCounts.of(60, 80))
        .putGlobal("castle", "B", PairCounts.of(10, 80)).putGlobal("castle", "C", PairCounts.of(1, 2))
        .putCheckpoint("A", PairCounts.of(5, 10)).putCheckpoint("B", PairCounts.of(9, 10)).build();
    Recommender.Recommendation rec = recommender.recommend(s, List.of("castle"), List.of("C", "B", "A"), Optional.empty(), 3);
    assertEquals(Recommender.Mode.EXPLOIT, rec.mode());
    assertEquals(List.of("A"), rec.toTry());
    Recommender.Recommendation none = recommender.recommend(s, List.of(), List.of("C", "B", "A"), Optional.empty(), 3);
    assertEquals(Recommender.Mode.EXPLORE, none.mode());
    assertEquals(0.0, none.confidence(), 0.0);
    // no keywords: ranked by the checkpoints' overall seed scores (B 9/10: 0.7, A 5/10: 0.5, C unseen: the prior),
    // ties by name
    assertEquals(List.of("B", "A", "C"), none.toTry());
    assertEquals(0.7, none.ranking().get(0).score(), 1e-12);
    // keywords none of which has statistics: the same rule, and they are listed
    Recommender.Recommendation unknown =
        recommender.recommend(s, List.of("spaceship", "nebula"), List.of("C", "B", "A"), Optional.empty(), 3);
    assertEquals(List.of("spaceship", "nebula"), unknown.unknownKeywords());
    assertEquals("B", unknown.recommended());
    assertEquals(Recommender.Mode.EXPLORE, unknown.mode());
    // one known keyword is enough to rank by keyword; the unknown one scores the prior
    Recommender.Recommendation partly =
        recommender.recommend(s, List.of("castle", "nebula"), List.of("C", "B", "A"), Optional.empty(), 3);
    assertEquals(List.of("nebula"), partly.unknownKeywords());
    assertEquals("A", partly.recommended());
    assertEquals(((10.0 / 90 * 0.5 + 80.0 / 90 * 0.75) + 0.5) / 2, partly.ranking().get(0).score(), 1e-12);
  }

  @Test
  void thompsonProbabilitiesAreReproducibleAndFavourTheStrongArm() {
    ServingSnapshot s = new SnapshotData(Instant.EPOCH).putGlobal("castle", "A", PairCounts.of(60, 80))
        .putGlobal("castle", "B", PairCounts.of(10, 80)).build();
    Recommender.Recommendation one = recommender.recommend(s, List.of("castle"), List.of("A", "B"), Optional.empty(), 42);
    Recommender.Recommendation two = recommender.recommend(s, List.of("castle"), List.of("A", "B"), Optional.empty(), 42);
    assertEquals(one.choiceProbabilities(), two.choiceProbabilities());
    assertEquals(1.0, one.choiceProbabilities().get("A") + one.choiceProbabilities().get("B"), 1e-12);
    assertTrue(one.choiceProbabilities().get("A") > 0.99, one.choiceProbabilities().toString());
    assertEquals(Optional.of("A"), one.thompsonChoice());
    // an unseen arm against a seen 1-of-2 arm: both drawn sometimes
    ServingSnapshot thin = new SnapshotData(Instant.EPOCH).putGlobal("castle", "A", PairCounts.of(1, 2)).build();
    double pb = recommender.recommend(thin, List.of("castle"), List.of("A", "B"), Optional.empty(), 5)
        .choiceProbabilities().get("B");
    assertEquals(0.5, pb, 0.05);
    assertNotEquals(0.0, pb);
  }

  @Test
  void extractorReadsLorasAndCountsBadPrompts() {
    KeywordExtractor.Features f = extractor.extract("(masterpiece:1.2), castle <lora:detail_enhancer:0.8>",
        "blurry, low quality", List.of("face_fix"));
    assertEquals(List.of("masterpiece", "castle"), f.keywords());
    assertEquals(List.of("blurry", "low", "quality"), f.negativeKeywords());
    assertEquals(List.of("face_fix", "detail_enhancer"), f.loras());
    assertEquals(KeywordExtractor.PromptStatus.OK, f.status());
    assertEquals(KeywordExtractor.PromptStatus.EMPTY, extractor.extract("  ", null, List.of()).status());
    assertEquals(KeywordExtractor.PromptStatus.NO_KEYWORDS, extractor.extract("of the a", null, List.of()).status());
    KeywordExtractor normalized = new KeywordExtractor(java.util.Set.of("castle"), 3,
        k -> k.equals("photo-realistic") ? "photorealistic" : k);
    assertEquals(List.of("photorealistic", "tower"), normalized.keywords("photo-realistic castle, tower, ab"));
  }
}

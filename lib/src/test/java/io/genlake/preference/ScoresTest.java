package io.genlake.preference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.genlake.preference.Scores.Evidence;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScoresTest {
  private final Scores scores = Scores.seedDefaults();

  /** Seed 003's worked example: "photorealistic portrait of a woman", checkpoints A and B. */
  static ServingSnapshot seedExample() {
    return new SnapshotData(Instant.parse("2026-11-20T00:00:00Z"))
        .putGlobal("photorealistic", "A", PairCounts.of(15, 20))
        .putGlobal("portrait", "A", PairCounts.of(12, 15))
        .putGlobal("woman", "A", PairCounts.of(8, 10))
        .putGlobal("photorealistic", "B", PairCounts.of(5, 20))
        .putGlobal("portrait", "B", PairCounts.of(8, 15))
        .putGlobal("woman", "B", PairCounts.of(6, 12))
        .build();
  }

  @Test
  void seedWorkedExampleRawAverages() {
    ServingSnapshot s = seedExample();
    List<String> keywords = KeywordExtractor.defaults().keywords("photorealistic portrait of a woman");
    assertEquals(List.of("photorealistic", "portrait", "woman"), keywords);
    double rawA = 0;
    double rawB = 0;
    for (String k : keywords) {
      rawA += (double) s.global(k, "A").selected() / s.global(k, "A").total();
      rawB += (double) s.global(k, "B").selected() / s.global(k, "B").total();
    }
    assertEquals(0.783, rawA / 3, 5e-4); // the seed prints 0.783
    assertEquals(0.427, rawB / 3, 1e-3); // the seed prints 0.427 (exactly 0.42778)
  }

  @Test
  void seedWorkedExampleBayesianWeighted() {
    ServingSnapshot s = seedExample();
    Recommender r = new Recommender(scores, Recommender.Policy.seed(false));
    List<String> keywords = List.of("photorealistic", "portrait", "woman");
    // A: w = 20/30, 15/25, 10/20 -> 0.66667, 0.68, 0.65; B: 0.33333, 0.52, 0.5
    assertEquals(0.6655556, r.score(s, keywords, "A", Optional.empty()).score(), 1e-7);
    assertEquals(0.4511111, r.score(s, keywords, "B", Optional.empty()).score(), 1e-7);
    Recommender.Recommendation rec = r.recommend(s, keywords, List.of("B", "A"), Optional.empty(), 1);
    assertEquals("A", rec.recommended());
    // 45 data points for A: confidence 0.45, exploit the best plus one backup
    assertEquals(0.45, rec.confidence(), 1e-12);
    assertEquals(Recommender.Mode.EXPLOIT_EXPLORE, rec.mode());
    assertEquals(List.of("A", "B"), rec.toTry());
  }

  @Test
  void theKeywordsThatDroveTheSeedExample() {
    Recommender r = new Recommender(scores, Recommender.Policy.seed(false));
    List<Recommender.KeywordDriver> a = r.explain(seedExample(), List.of("photorealistic", "portrait", "woman"), "A",
        Optional.empty());
    // contributions (score - 0.5) / 3: portrait 0.06, photorealistic 0.0556, woman 0.05
    assertEquals(List.of("portrait", "photorealistic", "woman"), a.stream().map(Recommender.KeywordDriver::keyword)
        .toList());
    Recommender.KeywordDriver portrait = a.get(0);
    assertEquals(12, portrait.selected());
    assertEquals(15, portrait.total());
    assertEquals(15.0, portrait.decayedTotal(), 0.0);
    assertEquals(0.6, portrait.weight(), 1e-12);
    assertEquals(0.68, portrait.score(), 1e-12);
    assertEquals(0.06, portrait.contribution(), 1e-12);
    assertEquals((2.0 / 3 - 0.5) / 3, a.get(1).contribution(), 1e-12);
  }

  @Test
  void betaRankingOfTheSeedExample() {
    Recommender beta = new Recommender(scores, Recommender.Policy.seed(false)
        .ranking(io.genlake.config.PreferenceConfig.Ranking.BETA));
    List<String> keywords = List.of("photorealistic", "portrait", "woman");
    // Beta(1, 1) posterior means: A 16/22, 13/17, 9/12; B 6/22, 9/17, 7/14
    assertEquals((16.0 / 22 + 13.0 / 17 + 9.0 / 12) / 3, beta.score(seedExample(), keywords, "A", Optional.empty())
        .score(), 1e-12);
    assertEquals((6.0 / 22 + 9.0 / 17 + 7.0 / 14) / 3, beta.score(seedExample(), keywords, "B", Optional.empty())
        .score(), 1e-12);
    assertEquals("A", beta.recommend(seedExample(), keywords, List.of("B", "A"), Optional.empty(), 1).recommended());
  }

  @Test
  void seedFormulaPerPair() {
    assertEquals(0.5, scores.seedScore(0, 0), 0.0);
    assertEquals(2.0 / 3.0, scores.seedScore(15, 20), 1e-12);
    assertEquals(0.68, scores.seedScore(12, 15), 1e-12);
    assertEquals(0.5, scores.seedScore(6, 12), 1e-12);
    // cold start: a user's own counts blended over the global score as prior
    assertEquals(0.7, scores.seedScore(0, 0, 0.7), 0.0);
    assertEquals(0.5 * 0.7 + 0.5 * 0.2, scores.seedScore(2, 10, 0.7), 1e-12);
  }

  @Test
  void betaPosteriorMeanWithConfigurablePrior() {
    assertEquals(16.0 / 22.0, scores.betaMean(15, 5), 1e-12);
    assertEquals(0.5, scores.betaMean(0, 0), 0.0);
    Scores skeptical = new Scores(0.5, 10, 2, 8, 1.96, 3);
    assertEquals(17.0 / 30.0, skeptical.betaMean(15, 5), 1e-12);
  }

  @Test
  void wilsonLowerBound() {
    assertEquals(0.0, scores.wilsonLower(0, 0), 0.0);
    // 15 of 20 at z = 1.96: (0.84604 - 0.21270) / 1.19208
    assertEquals(0.531295, scores.wilsonLower(15, 20), 1e-6);
    // the bound rises with n at the same rate
    assertEquals(0.685658, scores.wilsonLower(150, 200), 1e-6);
  }

  @Test
  void confidenceAndEvidenceStates() {
    assertEquals(0.0, Scores.confidence(0), 0.0);
    assertEquals(0.45, Scores.confidence(45), 1e-12);
    assertEquals(1.0, Scores.confidence(250), 0.0);
    assertEquals(Evidence.INSUFFICIENT, scores.evidence(0));
    assertEquals(Evidence.INSUFFICIENT, scores.evidence(2.99));
    assertEquals(Evidence.SOME, scores.evidence(3));
    assertEquals(Evidence.SOME, scores.evidence(70));
    assertEquals(Evidence.STRONG, scores.evidence(70.5));
  }
}

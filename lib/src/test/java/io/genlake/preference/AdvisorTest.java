package io.genlake.preference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.genlake.table.GoldParameterStats;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LoRA and parameter advice from the shared statistics of the prompt's keywords and checkpoint. */
class AdvisorTest {
  private static final String KW = GoldParameterStats.KEYWORD;
  private static final String CK = GoldParameterStats.CHECKPOINT;

  private static ServingSnapshot snapshot() {
    return new SnapshotData(Instant.EPOCH)
        .putKeywordLora("portrait", "detail", PairCounts.of(8, 10))
        .putKeywordLora("portrait", "grain", PairCounts.of(2, 10))
        .putCheckpointLora("A", "detail", PairCounts.of(3, 4))
        .putParameter(KW, "portrait", new ParameterStat(GoldParameterStats.LORA_STRENGTH, "detail",
            new ValueStats(8, 0.6, 0.01, 2, 0.9, 0.0)))
        .putParameter(CK, "A", new ParameterStat(GoldParameterStats.LORA_STRENGTH, "detail",
            new ValueStats(3, 0.7, 0.04, 1, 1.0, 0.0)))
        .putParameter(KW, "portrait", new ParameterStat("steps", "", new ValueStats(20, 30, 4, 10, 40, 9)))
        .putParameter(CK, "A", new ParameterStat("steps", "", new ValueStats(10, 24, 1, 0, Double.NaN, Double.NaN)))
        .putParameter(KW, "portrait", new ParameterStat("cfg_scale", "", new ValueStats(2, 7, 0, 0, Double.NaN,
            Double.NaN)))
        .putParameter(KW, "portrait", new ParameterStat(GoldParameterStats.SAMPLER, "Euler a", ValueStats.counts(6, 4)))
        .putParameter(KW, "portrait", new ParameterStat(GoldParameterStats.SAMPLER, "DDIM", ValueStats.counts(1, 0)))
        .putParameter(CK, "A", new ParameterStat(GoldParameterStats.SAMPLER, "Euler a", ValueStats.counts(2, 0)))
        .build();
  }

  @Test
  void lorasThatWorkForThePromptWithTheirStrength() {
    Advisor.Advice a = new Advisor(Scores.seedDefaults(), 3).advise(snapshot(), List.of("portrait", "woman"), "A");
    // detail: portrait 8/10 -> 0.65, woman unseen -> 0.5, A 3/4 -> 10/14 * 0.5 + 4/14 * 0.75; grain 0.45: left out
    assertEquals(1, a.loras().size());
    Advisor.LoraAdvice detail = a.loras().get(0);
    assertEquals("detail", detail.lora());
    assertEquals((0.65 + 0.5 + (10.0 / 14 * 0.5 + 4.0 / 14 * 0.75)) / 3, detail.score(), 1e-12);
    assertEquals(14.0, detail.evidence(), 1e-12);
    assertEquals(11, detail.selected());
    assertEquals(14, detail.total());
    // strength: the selected uses pooled over the contexts, (8 x 0.6 + 3 x 0.7) / 11, within + between variance
    double mean = (8 * 0.6 + 3 * 0.7) / 11;
    assertEquals(mean, detail.strength(), 1e-12);
    assertEquals(Math.sqrt((8 * (0.01 + 0.36) + 3 * (0.04 + 0.49)) / 11 - mean * mean), detail.strengthSd(), 1e-12);
    assertEquals(11, detail.strengthEvidence());
    assertEquals((2 * 0.9 + 1.0) / 3, detail.rejectedStrength(), 1e-12);
    assertEquals(List.of(), new Advisor(Scores.seedDefaults(), 0).advise(snapshot(), List.of("portrait"), "A").loras());
  }

  @Test
  void parametersFromSelectedGenerationsWithEvidence() {
    Advisor.Advice a = new Advisor(Scores.seedDefaults(), 3).advise(snapshot(), List.of("portrait", "woman"), "A");
    // steps: portrait 20 selected at 30 (variance 4) and A 10 at 24 (variance 1): mean 28, variance 795 - 784 = 11;
    // cfg_scale has 2 selected observations, fewer than min_evidence 3: not advised
    assertEquals(2, a.parameters().size());
    Advisor.ParameterAdvice steps = a.parameters().get(0);
    assertEquals(new Advisor.ParameterAdvice("steps", "28", 28.0, Math.sqrt(11), 30, 40.0), steps);
    // sampler: Euler a 8 of 12 uses selected -> 10/22 * 0.5 + 12/22 * 8/12; DDIM has 1 use
    Advisor.ParameterAdvice sampler = a.parameters().get(1);
    assertEquals("sampler", sampler.parameter());
    assertEquals("Euler a", sampler.value());
    assertEquals(10.0 / 22 * 0.5 + 12.0 / 22 * (8.0 / 12), sampler.mean(), 1e-12);
    assertEquals(12, sampler.evidence());
    // a prompt and checkpoint without statistics get no advice
    assertEquals(new Advisor.Advice(List.of(), List.of()),
        new Advisor(Scores.seedDefaults(), 3).advise(snapshot(), List.of("nebula"), "Z"));
  }
}

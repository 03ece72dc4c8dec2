package io.genlake.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.genlake.testing.TestSpark;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The miner recovers planted failing combinations among random ones (small scale; bench runs 1M). */
class PlantedPatternsTest {
  @Test
  void recallAtLeast95PercentAndFalseDiscoveriesAtMost5Percent() {
    var outcomes = PlantedPatterns.generate(TestSpark.session(), 40_000, 7, 2).cache();
    var query = new FailureAnalytics.PatternQuery(Optional.empty(), 30, 0.7, 3, 0.05, false);
    List<MinedPattern> patterns = FailureAnalytics.minePatterns(outcomes, query).patterns();
    PlantedPatterns.Evaluation e = PlantedPatterns.evaluate(patterns);
    System.out.printf("planted-pattern test (40,000 outcomes): recall %.3f, false-discovery share %.3f (strict %.3f), "
        + "reported %d%n", e.recall(), e.falseDiscoveryShare(), e.strictFalseDiscoveryShare(), e.reported());
    assertTrue(e.recall() >= 0.95, "recall " + e.recall());
    assertTrue(e.falseDiscoveryShare() <= 0.05, "false-discovery share " + e.falseDiscoveryShare());
    MinedPattern seedExample = patterns.stream().filter(p -> p.key().equals("Expression=angry & Pose=profile"))
        .findFirst().orElseThrow();
    assertEquals(Optional.of("malformed"), seedExample.commonCategory());
    assertTrue(seedExample.qValue() <= 0.05 && seedExample.ciLow() > seedExample.baselineRate());
    outcomes.unpersist();
  }

  @Test
  void evaluationCountsFoundExplainedAndUnexplained() {
    var p = new MinedPattern("m", java.util.Map.of(), "Expression=angry & Pose=profile", 2, 10, 9, 0.9, 0.1, 9, 0, 1,
        0, 0, Optional.empty(), MinedPattern.Status.REPORTED, Optional.empty(), List.of());
    var sup = new MinedPattern("m", java.util.Map.of(), "Camera=wide & Expression=angry & Pose=profile", 3, 10, 9, 0.9,
        0.1, 9, 0, 1, 0, 0, Optional.empty(), MinedPattern.Status.REPORTED, Optional.empty(), List.of());
    var other = new MinedPattern("m", java.util.Map.of(), "Camera=wide", 1, 10, 9, 0.9, 0.1, 9, 0, 1, 0, 0,
        Optional.empty(), MinedPattern.Status.REPORTED, Optional.empty(), List.of());
    var e = PlantedPatterns.evaluate(List.of(p, sup, other));
    assertEquals(new PlantedPatterns.Evaluation(10, 3, 1, 1, 1), e);
    assertEquals(0.1, e.recall(), 1e-15);
    assertEquals(1.0 / 3, e.falseDiscoveryShare(), 1e-15);
    assertEquals(2.0 / 3, e.strictFalseDiscoveryShare(), 1e-15);
  }
}

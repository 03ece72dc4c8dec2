package io.genlake.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PatternSelectionTest {
  private static final List<String> CATEGORIES = List.of("malformed", "noise");

  private static PatternSelection.Counted c(long n, long f, String... items) {
    return new PatternSelection.Counted("sd-v1.5", List.of(items), n, f, new long[] {f - f / 3, f / 3});
  }

  @Test
  void reportsSignificantPatternAndDropsItsRedundantSuperset() {
    var baselines = Map.of("sd-v1.5", new PatternSelection.Baseline(1000, 150));
    List<PatternSelection.Counted> counted = List.of(
        c(42, 36, "Pose=profile", "Expression=angry"),
        c(21, 18, "Expression=angry", "Pose=profile", "sampler=DDIM"),
        c(200, 40, "Expression=angry"),
        c(9, 9, "Lighting=dark"), // below support: not tested
        c(60, 30, "Camera=fisheye"));
    var s = PatternSelection.select(counted, baselines, CATEGORIES, 10, 0.7, 0.05);
    assertEquals(4, s.tested());
    assertEquals(2, s.candidates());
    MinedPattern top = s.patterns().get(0);
    assertEquals("Expression=angry & Pose=profile", top.key());
    assertEquals(Map.of("Expression", "angry", "Pose", "profile"), top.pattern());
    assertEquals(MinedPattern.Status.REPORTED, top.status());
    assertEquals(36.0 / 42, top.failureRate(), 1e-15);
    assertEquals(0.15, top.baselineRate(), 1e-15);
    assertEquals(36.0 / 42 / 0.15, top.lift(), 1e-12);
    assertEquals(Stats.binomialUpperTail(36, 42, 0.15), top.pValue(), 0.0);
    assertEquals(Optional.of("malformed"), top.commonCategory());
    MinedPattern superset = s.patterns().get(1);
    assertEquals(MinedPattern.Status.REDUNDANT, superset.status());
    assertEquals(Optional.of("Expression=angry & Pose=profile"), superset.explainedBy());
  }

  @Test
  void keepsSupersetThatFailsSignificantlyMoreThanItsSubset() {
    var baselines = Map.of("sd-v1.5", new PatternSelection.Baseline(10_000, 1000));
    var s = PatternSelection.select(List.of(c(1000, 720, "A=1"), c(300, 300, "A=1", "B=2")), baselines, CATEGORIES,
        10, 0.7, 0.05);
    assertEquals(List.of(MinedPattern.Status.REPORTED, MinedPattern.Status.REPORTED),
        s.patterns().stream().map(MinedPattern::status).toList());
  }

  @Test
  void commonCategoryTiesGoToAlphabeticalFirst() {
    assertEquals(Optional.of("malformed"), PatternSelection.commonCategory(new long[] {3, 3}, CATEGORIES));
    assertEquals(Optional.of("noise"), PatternSelection.commonCategory(new long[] {1, 3}, CATEGORIES));
    assertEquals(Optional.empty(), PatternSelection.commonCategory(new long[] {0, 0}, CATEGORIES));
  }

  @Test
  void itemCodecRoundTripsEveryCombination() {
    ItemCodec codec = new ItemCodec(1000, 3);
    List<Long> keys = new java.util.ArrayList<>();
    codec.forEachCombination(new int[] {3, 17, 999, 1000}, 4, keys::add);
    assertEquals(4 + 6 + 4, keys.size());
    assertEquals(List.of(3, 17, 999), java.util.Arrays.stream(codec.unpack(keys.get(2))).boxed().toList());
  }
}

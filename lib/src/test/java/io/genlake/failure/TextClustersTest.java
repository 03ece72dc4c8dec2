package io.genlake.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TextClustersTest {
  record Use(String text, long uses) {}

  @Test
  void normalFormsIgnoreCasePunctuationAndSpacing() {
    assertEquals("dust should settle in low points", TextClusters.normalize("Dust should settle, in  low points."));
    assertEquals("dust should settle in low points", TextClusters.normalize("dust should settle in low points"));
    assertEquals("", TextClusters.normalize(null));
    assertEquals("rust 3 times", TextClusters.normalize("  Rust — 3 times!"));
  }

  @Test
  void jaccardOfWordSets() {
    assertEquals(1.0, TextClusters.jaccard(Set.of("a", "b"), Set.of("b", "a")), 0.0);
    assertEquals(2.0 / 4, TextClusters.jaccard(Set.of("a", "b", "c"), Set.of("b", "c", "d")), 0.0);
    assertEquals(1.0, TextClusters.jaccard(Set.of(), Set.of()), 0.0);
  }

  @Test
  void nearDuplicatesJoinTheMostUsedText() {
    List<Use> uses = List.of(
        new Use("Dust should accumulate in natural low points, not float.", 3),
        new Use("dust should accumulate in natural low points not float", 5),
        new Use("Dust should accumulate in low points, not float.", 2), // 8 of 9 words shared: 0.889
        new Use("Rust starts at edges and exposed areas.", 4));
    List<TextClusters.Cluster<Use>> clusters = TextClusters.cluster(uses, Use::text, Use::uses, 0.8);
    assertEquals(2, clusters.size());
    assertEquals("dust should accumulate in natural low points not float", clusters.get(0).representative().text());
    assertEquals(List.of(5L, 3L, 2L), clusters.get(0).members().stream().map(Use::uses).toList());
    assertEquals("Rust starts at edges and exposed areas.", clusters.get(1).representative().text());
    assertEquals(3, TextClusters.cluster(uses, Use::text, Use::uses, 0.9).size(), "0.889 < 0.9: kept apart");
  }
}

package io.genlake.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FingerprintTest {
  record Section(Set<String> words, Map<String, Integer> weights, List<String> order) {}

  @Test
  void ignoresSetAndMapIterationOrderButNotListOrder() {
    Set<String> a = new LinkedHashSet<>(List.of("x", "y", "z"));
    Set<String> b = new LinkedHashSet<>(List.of("z", "x", "y"));
    Map<String, Integer> m1 = new LinkedHashMap<>();
    m1.put("p", 1);
    m1.put("q", 2);
    Map<String, Integer> m2 = new LinkedHashMap<>();
    m2.put("q", 2);
    m2.put("p", 1);
    assertEquals(Fingerprint.of(new Section(a, m1, List.of("1", "2"))), Fingerprint.of(new Section(b, m2, List.of("1", "2"))));
    assertNotEquals(Fingerprint.of(new Section(a, m1, List.of("1", "2"))), Fingerprint.of(new Section(a, m1, List.of("2", "1"))));
    assertNotEquals(Fingerprint.of(ConfigLoader.defaults()), Fingerprint.of(ConfigLoader.loadYaml("fit:\n  top_k: 3\n")));
    assertEquals(Fingerprint.of(ConfigLoader.defaults()), Fingerprint.of(ConfigLoader.defaults()));
  }
}

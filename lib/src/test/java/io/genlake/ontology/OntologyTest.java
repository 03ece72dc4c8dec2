package io.genlake.ontology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class OntologyTest {
  private static final String HEAD = """
      categories:
        camera: {prefix: cam, label: Camera, required: true, weight: 0.3, conflict_weight: 0.5}
        mood: {prefix: mood, label: Mood, required: false, weight: 0.1}
      terms:
      """;

  @Test
  void bundledOntologyHasEveryCategoryAndAtLeastEightyIds() {
    Ontology o = Ontology.bundled();
    assertTrue(o.size() >= 80, "size " + o.size());
    Set<String> categories = new TreeSet<>();
    o.categories().forEach(c -> categories.add(c.name()));
    assertEquals(new TreeSet<>(List.of("camera", "relation", "actor", "state", "beat", "mood", "intensity",
        "speed", "setting")), categories);
    assertEquals("camera", o.find("cam:from_behind").orElseThrow().category());
    assertEquals(2, o.words());
  }

  @Test
  void conflictsAreSymmetricAndImpliesIsTransitive() {
    Ontology o = Ontology.parse(HEAD + """
          - {id: cam:a, category: camera, label: A, keywords: [a], implies: [cam:b]}
          - {id: cam:b, category: camera, label: B, keywords: [b], implies: [cam:c]}
          - {id: cam:c, category: camera, label: C, keywords: [c], conflicts_with: [cam:d]}
          - {id: cam:d, category: camera, label: D, keywords: [d]}
        """, "test");
    assertEquals(List.of("cam:c"), o.decode(o.conflictBits(3)));
    assertEquals(List.of("cam:d"), o.decode(o.conflictBits(2)));
    assertEquals(List.of("cam:a", "cam:b", "cam:c"), o.expand(List.of("cam:a")));
    assertEquals(List.of("cam:b", "cam:c", "cam:d"), o.expand(List.of("cam:d", "cam:b", "cam:zzz")));
  }

  @Test
  void brokenFilesFailNamingTheProblem() {
    assertBroken("Invalid ontology test: term cam:a is defined twice (terms #1 and #2); give each term a unique id.",
        "  - {id: cam:a, category: camera, label: A, keywords: [a]}\n"
            + "  - {id: cam:a, category: camera, label: A2, keywords: [a2]}\n");
    assertBroken("Invalid ontology test: term cam:a names unknown category lens; use one of camera, mood.",
        "  - {id: cam:a, category: lens, label: A, keywords: [a]}\n");
    assertBroken("Invalid ontology test: term cam:a conflicts_with unknown ID cam:zz; define cam:zz or remove the reference.",
        "  - {id: cam:a, category: camera, label: A, keywords: [a], conflicts_with: [cam:zz]}\n");
    assertBroken("Invalid ontology test: term cam:a implies unknown ID cam:zz; define cam:zz or remove the reference.",
        "  - {id: cam:a, category: camera, label: A, keywords: [a], implies: [cam:zz]}\n");
    assertBroken("Invalid ontology test: term mood:a reuses keyword 'close up' of term cam:a; a keyword must name one term.",
        "  - {id: cam:a, category: camera, label: A, keywords: [close-up, Close_Up]}\n"
            + "  - {id: mood:a, category: mood, label: A, keywords: [close up]}\n");
    assertBroken("Invalid ontology test: term mood:a is in category camera but lacks its prefix cam:; rename it to cam:a.",
        "  - {id: mood:a, category: camera, label: A, keywords: [a]}\n");
    OntologyException badWeight = assertThrows(OntologyException.class, () -> Ontology.parse("""
        categories:
          camera: {prefix: cam, label: Camera, required: true, weight: 1.5, conflict_weight: 0.5}
        terms:
          - {id: cam:a, category: camera, label: A, keywords: [a]}
        """, "test"));
    assertEquals("Invalid ontology test: category camera has weight = 1.5; set a number greater than 0 and at most 1.",
        badWeight.getMessage());
  }

  private static void assertBroken(String message, String terms) {
    OntologyException e = assertThrows(OntologyException.class, () -> Ontology.parse(HEAD + terms, "test"));
    assertEquals(message, e.getMessage());
  }
}

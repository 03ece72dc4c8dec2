package io.genlake.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seed 001 phase 9: every fixture of fixtures/generation-hashes gives its expected canonical form and hash. */
class HashFixturesTest {
  /** The repository's fixture folder, seen from the lib module. */
  static final Path FIXTURES = Path.of("..").resolve(HashFixtures.DEFAULT_DIR);

  @Test
  void everyFixtureGivesItsExpectedCanonicalFormAndHash() {
    List<HashFixtures.Outcome> outcomes = HashFixtures.check(FIXTURES);
    assertEquals(4, outcomes.size());
    for (HashFixtures.Outcome o : outcomes) {
      assertEquals(o.expectedForm(), o.actualForm(), o.file().toString());
      assertEquals(o.expectedHash(), o.actualHash(), o.file().toString());
      assertEquals(o.expectedStatus(), o.actualStatus(), o.file().toString());
      assertTrue(o.ok());
    }
    // the first is docs/enrich.md's pinned example, whose hash sha256sum gives
    assertEquals("92785f76c37a0b85663fab6f509ce98fb4d63288a2ab7d1a0ddef63bfcdce1da", outcomes.get(0).actualHash());
  }

  @Test
  void aChangedHashIsReportedWithBothValues(@TempDir Path dir) throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode fixture = (ObjectNode) json.readTree(FIXTURES.resolve("02-family-latest-at-creation-with-variables.json")
        .toFile());
    String right = fixture.get("expected").get("canonical_hash").asText();
    ((ObjectNode) fixture.get("expected")).put("canonical_hash", "0".repeat(64));
    Files.writeString(dir.resolve("x.json"), fixture.toString());
    HashFixtures.Outcome o = HashFixtures.check(dir).get(0);
    assertFalse(o.ok());
    assertEquals("0".repeat(64), o.expectedHash());
    assertEquals(right, o.actualHash());
  }
}

package io.genlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.genlake.preference.PairCounts;
import io.genlake.preference.ServingSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recommend command answers from a snapshot file alone: no SparkSession is created. */
class RecommendCommandTest {
  private static Path warehouseWithSnapshot(Path dir) throws Exception {
    ServingSnapshot s = new ServingSnapshot(Instant.parse("2026-11-21T00:00:00Z"));
    for (String k : new String[] {"anime", "girl", "blue", "hair"}) {
      s.putGlobal(k, "A", PairCounts.of(0, 8));
      s.putGlobal(k, "B", PairCounts.of(7, 8));
    }
    s.putGlobal("photorealistic", "A", PairCounts.of(9, 10));
    s.putGlobal("landscape", "A", PairCounts.of(9, 10));
    Path file = dir.resolve(ServingSnapshot.RELATIVE_PATH);
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file)) {
      s.write(out);
    }
    return dir;
  }

  private static JsonNode run(String... args) throws Exception {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      assertEquals(0, Genlake.run(args));
    } finally {
      System.setOut(old);
    }
    return new ObjectMapper().readTree(buf.toString(StandardCharsets.UTF_8));
  }

  @Test
  void answersTheSeedScenarioFromTheSnapshot(@TempDir Path dir) throws Exception {
    boolean sessionBefore = org.apache.spark.sql.SparkSession.getDefaultSession().isDefined();
    String wh = warehouseWithSnapshot(dir).toString();
    JsonNode anime = run("recommend", "--warehouse", wh, "--prompt", "anime boy with red hair", "--checkpoints", "A,B,Z");
    assertEquals("B", anime.get("recommended").asText());
    assertEquals("[\"anime\",\"boy\",\"red\",\"hair\"]", anime.get("keywords").toString());
    assertEquals("[\"Z\"]", anime.get("unknown_checkpoints").toString());
    assertEquals("explore", anime.get("mode").asText());
    JsonNode photo = run("recommend", "--warehouse", wh, "--prompt", "photorealistic landscape", "--checkpoints", "B,A",
        "--user", "newcomer");
    assertEquals("A", photo.get("recommended").asText());
    assertFalse(photo.get("personalized").asBoolean());
    JsonNode stop = run("recommend", "--warehouse", wh, "--prompt", "of the a", "--checkpoints", "A,B");
    assertEquals("[]", stop.get("keywords").toString());
    assertTrue(stop.get("note").asText().startsWith("The prompt has no keywords"));
    // no SparkSession was created by the command (when none existed in this test JVM before)
    assertEquals(sessionBefore, org.apache.spark.sql.SparkSession.getDefaultSession().isDefined());
  }

  @Test
  void emptyPromptAndMissingSnapshotFailWithExitOne(@TempDir Path dir) throws Exception {
    assertEquals(1, Genlake.run("recommend", "--warehouse", dir.toString(), "--prompt", "castle"));
    assertEquals(1, Genlake.run("recommend", "--warehouse", warehouseWithSnapshot(dir).toString(), "--prompt", " "));
  }
}

package io.genlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.genlake.preference.PairCounts;
import io.genlake.preference.ParameterStat;
import io.genlake.preference.ServingSnapshot;
import io.genlake.preference.SnapshotData;
import io.genlake.preference.ValueStats;
import io.genlake.table.GoldParameterStats;
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
    SnapshotData s = new SnapshotData(Instant.parse("2026-11-21T00:00:00Z"));
    for (String k : new String[] {"anime", "girl", "blue", "hair"}) {
      s.putGlobal(k, "A", PairCounts.of(0, 8));
      s.putGlobal(k, "B", PairCounts.of(7, 8));
    }
    // seed 003's worked example
    s.putGlobal("photorealistic", "A", PairCounts.of(15, 20)).putGlobal("portrait", "A", PairCounts.of(12, 15))
        .putGlobal("woman", "A", PairCounts.of(8, 10)).putGlobal("photorealistic", "B", PairCounts.of(5, 20))
        .putGlobal("portrait", "B", PairCounts.of(8, 15)).putGlobal("woman", "B", PairCounts.of(6, 12))
        .putGlobal("landscape", "A", PairCounts.of(9, 10))
        .putCheckpoint("A", PairCounts.of(60, 100)).putCheckpoint("B", PairCounts.of(40, 60))
        .putKeywordLora("portrait", "detail", PairCounts.of(8, 10))
        .putCheckpointLora("A", "detail", PairCounts.of(6, 8))
        .putParameter(GoldParameterStats.KEYWORD, "portrait", new ParameterStat(GoldParameterStats.LORA_STRENGTH,
            "detail", new ValueStats(8, 0.6, 0.01, 2, 0.9, 0.0)))
        .putParameter(GoldParameterStats.KEYWORD, "photorealistic", new ParameterStat("steps", "",
            new ValueStats(15, 32, 9, 5, 20, 4)))
        .putParameter(GoldParameterStats.KEYWORD, "photorealistic", new ParameterStat("cfg_scale", "",
            new ValueStats(15, 6.8, 1, 5, 9, 1)))
        .putParameter(GoldParameterStats.CHECKPOINT, "A", new ParameterStat(GoldParameterStats.SAMPLER,
            "DPM++ 2M Karras", ValueStats.counts(30, 10)));
    Path file = dir.resolve(ServingSnapshot.RELATIVE_PATH);
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file)) {
      s.build().write(out);
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
    assertEquals("[\"boy\",\"red\"]", anime.get("unknown_keywords").toString());
    assertEquals("[\"Z\"]", anime.get("unknown_checkpoints").toString());
    assertEquals("explore", anime.get("mode").asText());
    JsonNode photo = run("recommend", "--warehouse", wh, "--prompt", "photorealistic landscape", "--checkpoints", "B,A",
        "--user", "newcomer");
    assertEquals("A", photo.get("recommended").asText());
    assertFalse(photo.get("personalized").asBoolean());
    JsonNode stop = run("recommend", "--warehouse", wh, "--prompt", "of the a", "--checkpoints", "A,B");
    assertEquals("[]", stop.get("keywords").toString());
    assertTrue(stop.get("note").asText().startsWith("The prompt has no keywords"));
    // none of the keywords known: ranked by the checkpoints' overall scores (B 40/60 above A 60/100), explore
    JsonNode unknown = run("recommend", "--warehouse", wh, "--prompt", "spaceship nebula", "--checkpoints", "A,B");
    assertEquals("B", unknown.get("recommended").asText());
    assertEquals("[\"spaceship\",\"nebula\"]", unknown.get("unknown_keywords").toString());
    assertTrue(unknown.get("note").asText().startsWith("None of the prompt's keywords has statistics"));
    // no SparkSession was created by the command (when none existed in this test JVM before)
    assertEquals(sessionBefore, org.apache.spark.sql.SparkSession.getDefaultSession().isDefined());
  }

  @Test
  void answersWithLorasParametersAndTheKeywordsThatDroveEachScore(@TempDir Path dir) throws Exception {
    String wh = warehouseWithSnapshot(dir).toString();
    JsonNode a = run("recommend", "--warehouse", wh, "--prompt", "photorealistic portrait of a woman");
    // candidates: the observed pool, most selected first
    assertEquals("A", a.get("recommended").asText());
    assertEquals(0.6655556, a.get("ranking").get(0).get("score").asDouble(), 1e-7);
    assertEquals(0.4511111, a.get("ranking").get(1).get("score").asDouble(), 1e-7);
    assertEquals("exploit+explore", a.get("mode").asText());
    JsonNode drivers = a.get("ranking").get(0).get("explanation");
    assertEquals("portrait", drivers.get(0).get("keyword").asText());
    assertEquals(12, drivers.get(0).get("selected").asInt());
    assertEquals(15, drivers.get(0).get("total").asInt());
    assertEquals(0.6, drivers.get(0).get("weight").asDouble(), 1e-12);
    assertEquals(0.06, drivers.get(0).get("contribution").asDouble(), 1e-12);
    JsonNode detail = a.get("loras").get(0);
    assertEquals("detail", detail.get("lora").asText());
    assertEquals(0.6, detail.get("strength").asDouble(), 0.0);
    assertEquals(0.1, detail.get("strength_sd").asDouble(), 1e-12);
    assertEquals(8, detail.get("strength_evidence").asInt());
    assertEquals(0.9, detail.get("rejected_strength").asDouble(), 1e-12);
    assertEquals("32", a.get("parameters").get("steps").get("value").asText());
    assertEquals(15, a.get("parameters").get("steps").get("evidence").asInt());
    assertEquals("7", a.get("parameters").get("cfg_scale").get("value").asText());
    assertEquals("DPM++ 2M Karras", a.get("parameters").get("sampler").get("value").asText());
    assertEquals(40, a.get("parameters").get("sampler").get("evidence").asInt());
    assertEquals("seed", a.get("ranking_method").asText());
    assertEquals(30.0, a.get("decay").get("time_constant_days").asDouble(), 0.0);
  }

  @Test
  void emptyPromptAndMissingSnapshotFailWithExitOne(@TempDir Path dir) throws Exception {
    assertEquals(1, Genlake.run("recommend", "--warehouse", dir.toString(), "--prompt", "castle"));
    assertEquals(1, Genlake.run("recommend", "--warehouse", warehouseWithSnapshot(dir).toString(), "--prompt", " "));
  }
}

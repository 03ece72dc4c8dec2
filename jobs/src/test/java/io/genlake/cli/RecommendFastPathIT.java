package io.genlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/genlake recommend}'s fast path answers on its own class path, without Spark: the packaged jobs jar and
 * {@code target/recommend-classpath.txt}, in a separate JVM, on a snapshot with every section (LoRAs, parameters,
 * anchors, a user). Runs after {@code package} (failsafe, {@code mvn verify}).
 */
class RecommendFastPathIT {
  @Test
  void answersWithoutSparkOnTheClassPath(@TempDir Path dir) throws Exception {
    RecommendFixtures.writeSnapshot(dir);
    String jobsJar = System.getProperty("genlake.productJars").split(",")[1].strip();
    String classPath = jobsJar + java.io.File.pathSeparator
        + Files.readString(Path.of("target", "recommend-classpath.txt")).strip();
    assertTrue(!classPath.contains("spark-sql"), "the fast path's class path holds Spark: " + classPath);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(List.of(java.toString(), "-cp", classPath, "io.genlake.cli.RecommendMain",
        "--warehouse", dir.toString(), "--prompt", "portrait of a woman", "--user", "alice"))
        .redirectErrorStream(false).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), err);
    JsonNode answer = new ObjectMapper().readTree(out);
    assertEquals("B", answer.get("recommended").asText()); // alice's own 6 of 6 for B: 0.70 against 0.68
    assertEquals("detail", answer.get("loras").get(0).get("lora").asText());
    assertEquals("30", answer.get("parameters").get("steps").get("value").asText());
    assertEquals("2026-11-01T00:00:00Z", answer.get("decay").get("user_anchor").asText());
  }
}

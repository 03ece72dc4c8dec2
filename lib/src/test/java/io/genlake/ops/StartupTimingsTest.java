package io.genlake.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupTimingsTest {
  @Test
  void marksBecomePhasesFromSpawnToExit(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("t.txt");
    Files.write(file, List.of("jvm_start 1000150", "main 1000400", "config 1000450", "spark 1003450", "tables 1004000",
        "", "query 1005000"));
    Map<String, Long> expected = new LinkedHashMap<>();
    expected.put("launcher", 150L);
    expected.put("main", 250L);
    expected.put("config", 50L);
    expected.put("spark", 3000L);
    expected.put("tables", 550L);
    expected.put("query", 1000L);
    expected.put("exit", 700L);
    Map<String, Long> phases = StartupTimings.phases(file, 1000000, 1005700);
    assertEquals(expected, phases);
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(phases.keySet()), "in the order of the marks");
    assertEquals(5700L, phases.values().stream().mapToLong(Long::longValue).sum(), "the phases add up to the total");
  }

  @Test
  void aPhaseMarkedTwiceAddsUp(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("t.txt");
    Files.write(file, List.of("jvm_start 100", "spark 300", "spark 700"));
    assertEquals(Map.of("launcher", 100L, "spark", 600L, "exit", 50L), StartupTimings.phases(file, 0, 750));
  }
}

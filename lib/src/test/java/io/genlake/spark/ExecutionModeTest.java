package io.genlake.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.genlake.config.ConfigLoader;
import io.genlake.config.ConfigException;
import io.genlake.config.SparkSettings;
import io.genlake.config.SparkSettings.Codegen;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutionModeTest {
  private static SparkSettings settings(Codegen codegen, int belowMb, Map<String, String> conf) {
    return new SparkSettings("local[2]", 8, conf, codegen, belowMb);
  }

  private static void write(Path file, int bytes) throws Exception {
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[bytes]);
  }

  @Test
  void autoInterpretsSmallDataAndCompilesLargeData(@TempDir Path dir) throws Exception {
    Path silver = dir.resolve("warehouse/silver");
    Path landing = dir.resolve("landing");
    write(silver.resolve("generations/part-0.parquet"), 300_000);
    write(landing.resolve("generations/a.jsonl"), 500_000);

    ExecutionMode small = ExecutionMode.choose(settings(Codegen.AUTO, 1, Map.of()), "local[*]",
        List.of(silver, landing), true);
    assertTrue(small.interpreted(), small.reason());
    assertEquals(Map.of(ExecutionMode.FACTORY_MODE, "NO_CODEGEN"), small.conf());
    assertEquals("interpreted: 0.8 MB of silver and landing data, under spark.interpreted_below_mb = 1", small.reason());

    write(landing.resolve("generations/b.jsonl"), 400_000); // 1,200,000 bytes in all: over 1 MB
    ExecutionMode large = ExecutionMode.choose(settings(Codegen.AUTO, 1, Map.of()), "local[*]",
        List.of(silver, landing), true);
    assertFalse(large.interpreted(), large.reason());
    assertEquals(Map.of(ExecutionMode.FACTORY_MODE, "FALLBACK"), large.conf());
    assertTrue(large.reason().startsWith("compiled: silver and landing data of at least 1 MB"), large.reason());
  }

  @Test
  void missingDirectoriesCountAsEmptyAndZeroMeansAlwaysCompiled(@TempDir Path dir) {
    List<Path> none = List.of(dir.resolve("no-warehouse/silver"), dir.resolve("no-landing"));
    assertTrue(ExecutionMode.choose(settings(Codegen.AUTO, 32, Map.of()), "local[2]", none, true).interpreted());
    assertFalse(ExecutionMode.choose(settings(Codegen.AUTO, 0, Map.of()), "local[2]", none, true).interpreted());
  }

  @Test
  void theWalkStopsAtTheLimit(@TempDir Path dir) throws Exception {
    for (int i = 0; i < 10; i++) {
      write(dir.resolve("t/f" + i), 1000);
    }
    assertEquals(10_000, ExecutionMode.sizeUpTo(dir, Long.MAX_VALUE));
    long partial = ExecutionMode.sizeUpTo(dir, 2500);
    assertTrue(partial >= 2500 && partial < 10_000, "stopped after reaching the limit: " + partial);
  }

  @Test
  void linkedDirectoriesAreMeasuredThroughTheLink(@TempDir Path dir) throws Exception {
    Path share = dir.resolve("share");
    write(share.resolve("generations/a.jsonl"), 2_000_000);
    Path landing = Files.createSymbolicLink(dir.resolve("landing"), share);
    Files.createSymbolicLink(share.resolve("loop"), share); // a cycle is skipped, not walked forever
    assertEquals(2_000_000, ExecutionMode.sizeUpTo(landing, Long.MAX_VALUE));
    assertFalse(ExecutionMode.choose(settings(Codegen.AUTO, 1, Map.of()), "local[2]", List.of(landing), true)
        .interpreted());
  }

  @Test
  void explicitChoicesWin(@TempDir Path dir) throws Exception {
    Path silver = dir.resolve("silver");
    write(silver.resolve("big"), 2_000_000);
    assertTrue(ExecutionMode.choose(settings(Codegen.INTERPRETED, 1, Map.of()), "local[2]", List.of(silver), true)
        .interpreted());
    assertFalse(ExecutionMode.choose(settings(Codegen.COMPILED, 32, Map.of()), "local[2]", List.of(), true)
        .interpreted());
    // a user's own code generation setting in spark.conf is left alone, whatever spark.codegen says
    ExecutionMode own = ExecutionMode.choose(settings(Codegen.INTERPRETED, 32,
        Map.of("spark.sql.codegen.wholeStage", "false")), "local[2]", List.of(), true);
    assertFalse(own.interpreted());
    assertEquals("code generation as spark.conf sets it", own.reason());
    // a cluster, or a warehouse that is a URI, is compiled under auto
    assertFalse(ExecutionMode.choose(settings(Codegen.AUTO, 32, Map.of()), "spark://host:7077", List.of(), true)
        .interpreted());
    assertFalse(ExecutionMode.choose(settings(Codegen.AUTO, 32, Map.of()), "local[2]", List.of(), false)
        .interpreted());
  }

  @Test
  void longLivedSessionsCompileUnderAuto() {
    assertEquals(Codegen.COMPILED, settings(Codegen.AUTO, 32, Map.of()).longLived().codegen());
    assertEquals(Codegen.INTERPRETED, settings(Codegen.INTERPRETED, 32, Map.of()).longLived().codegen());
  }

  @Test
  void configuredFromYaml() {
    SparkSettings defaults = ConfigLoader.defaults().spark();
    assertEquals(Codegen.AUTO, defaults.codegen());
    assertEquals(32, defaults.interpretedBelowMb());
    SparkSettings set = ConfigLoader.loadYaml("spark:\n  codegen: interpreted\n  interpreted_below_mb: 0\n").spark();
    assertEquals(Codegen.INTERPRETED, set.codegen());
    assertEquals(0, set.interpretedBelowMb());
    ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
        () -> ConfigLoader.loadYaml("spark:\n  codegen: sometimes\n"));
    assertEquals("Invalid configuration value spark.codegen = sometimes: expected one of auto, compiled, interpreted.",
        e.getMessage());
  }
}

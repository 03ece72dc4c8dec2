package io.genlake.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @Test
  void defaultsLoad() {
    GenlakeConfig c = ConfigLoader.defaults();
    assertEquals(20, c.fit().topK());
    assertEquals("local[*]", c.spark().master());
    assertEquals("data/sample", c.paths().landing());
  }

  @Test
  void userFileIsMergedOverDefaults(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("genlake.yaml");
    Files.writeString(file, "fit:\n  top_k: 5\nspark:\n  conf:\n    spark.driver.memory: 2g\n");
    GenlakeConfig c = ConfigLoader.load(Optional.of(file));
    assertEquals(5, c.fit().topK());
    assertEquals(8, c.spark().shufflePartitions());
    assertEquals("2g", c.spark().conf().get("spark.driver.memory"));
  }

  @Test
  void invalidValueNamesKeyValueAndExpectation() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.loadYaml("fit:\n  top_k: -3\n"));
    assertEquals("Invalid configuration value fit.top_k = -3: expected an integer from 1 to 10000.", e.getMessage());
  }

  @Test
  void unknownKeyIsRejected() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.loadYaml("fit:\n  topk: 3\n"));
    assertEquals("Unknown configuration key fit.topk: expected one of bootstrap_samples, bootstrap_seed, incremental_min_pairs, ontology, report_blocks, top_k.", e.getMessage());
  }

  @Test
  void wrongTypeIsRejected() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.loadYaml("failure:\n  include_test_sessions: maybe\n"));
    assertEquals("Invalid configuration value failure.include_test_sessions = maybe: expected true or false.", e.getMessage());
  }

  @Test
  void missingFileIsReported(@TempDir Path dir) {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.of(dir.resolve("nope.yaml"))));
    assertEquals("Configuration file " + dir.resolve("nope.yaml") + " does not exist or is not a file.", e.getMessage());
  }
}

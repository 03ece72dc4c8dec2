package io.genlake.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultsJsonTest {

  private static byte[] resource(String name) throws Exception {
    try (InputStream in = DefaultsJsonTest.class.getClassLoader().getResourceAsStream(name)) {
      assertTrue(in != null, name + " is on the class path");
      return in.readAllBytes();
    }
  }

  @Test
  void theBuiltJsonReadsExactlyAsTheYamlParses() throws Exception {
    byte[] yaml = resource(ConfigLoader.DEFAULTS_RESOURCE);
    Map<String, Object> fromYaml = ConfigLoader.parse(new String(yaml, StandardCharsets.UTF_8), "defaults");
    Optional<Map<String, Object>> fromJson =
        DefaultsJson.read(new ByteArrayInputStream(resource(DefaultsJson.RESOURCE)), yaml);
    assertEquals(Optional.of(fromYaml), fromJson);
    assertEquals(fromYaml, ConfigLoader.defaultMap());
  }

  @Test
  void aJsonMadeFromOtherYamlTextIsNotUsed() throws Exception {
    byte[] yaml = "fit:\n  top_k: 20\n".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    DefaultsJson.write(ConfigLoader.parse(new String(yaml, StandardCharsets.UTF_8), "t"), yaml, json);
    assertEquals(Optional.of(Map.of("fit", Map.of("top_k", 20))),
        DefaultsJson.read(new ByteArrayInputStream(json.toByteArray()), yaml));
    byte[] edited = "fit:\n  top_k: 21\n".getBytes(StandardCharsets.UTF_8);
    assertEquals(Optional.empty(), DefaultsJson.read(new ByteArrayInputStream(json.toByteArray()), edited));
  }

  @Test
  void unreadableJsonIsIgnored() {
    byte[] yaml = "a: 1\n".getBytes(StandardCharsets.UTF_8);
    for (String bad : new String[] {"", "[1,2]", "{\"yaml_crc32\": \"x\"}", "{\"defaults\": {\"a\": 1}}", "{\"yaml",
        "\u0000\u0001garbage"}) {
      assertEquals(Optional.empty(), DefaultsJson.read(new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8)),
          yaml), bad);
    }
  }

  @Test
  void numbersKeepSnakeYamlsTypes() throws Exception {
    byte[] yaml = "i: 7\nl: 8000000000\nd: 0.25\ne: 1.0e3\nb: true\nn: null\ns: '12'\nlist: [1, x]\n"
        .getBytes(StandardCharsets.UTF_8);
    Map<String, Object> parsed = ConfigLoader.parse(new String(yaml, StandardCharsets.UTF_8), "t");
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    DefaultsJson.write(parsed, yaml, json);
    Map<String, Object> read = DefaultsJson.read(new ByteArrayInputStream(json.toByteArray()), yaml).orElseThrow();
    assertEquals(parsed, read);
    assertEquals(Integer.class, read.get("i").getClass());
    assertEquals(Long.class, read.get("l").getClass());
    assertEquals(Double.class, read.get("e").getClass());
    assertTrue(read.containsKey("n") && read.get("n") == null);
  }

  @Test
  void theBuildStepRefusesAValueJsonCannotCarry(@TempDir Path dir) throws Exception {
    Path yaml = dir.resolve("d.yaml");
    Files.writeString(yaml, "paths:\n  since: 2026-01-01\n");
    Path json = dir.resolve("d.json");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> DefaultsJson.main(new String[] {yaml.toString(), json.toString()}));
    assertTrue(e.getMessage().contains("cannot carry exactly"), e.getMessage());
    assertFalse(Files.exists(json));
  }
}

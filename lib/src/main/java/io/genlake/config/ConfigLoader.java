package io.genlake.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Loads {@link GenlakeConfig}: the defaults on the class path ({@code genlake-defaults.yaml}) with the
 * user's YAML file deep-merged over them, then bound and validated. SnakeYAML's safe constructor is used,
 * so a configuration file can never instantiate arbitrary classes.
 */
public final class ConfigLoader {
  public static final String DEFAULTS_RESOURCE = "genlake-defaults.yaml";

  private ConfigLoader() {}

  /** The defaults alone. */
  public static GenlakeConfig defaults() {
    return GenlakeConfig.from(ConfigNode.of(defaultMap()));
  }

  /** The defaults with {@code userFile} merged over them, when given. */
  public static GenlakeConfig load(Optional<Path> userFile) {
    Map<String, Object> merged = defaultMap();
    if (userFile.isPresent()) {
      merged = merge(merged, readFile(userFile.get()));
    }
    return GenlakeConfig.from(ConfigNode.of(merged));
  }

  /** The defaults with an in-memory YAML document merged over them (tests, notebooks). */
  public static GenlakeConfig loadYaml(String yamlOverrides) {
    return GenlakeConfig.from(ConfigNode.of(merge(defaultMap(), parse(yamlOverrides, "inline YAML"))));
  }

  /**
   * The built-in defaults: their pre-parsed JSON form ({@link DefaultsJson}) when the build wrote it from this very
   * YAML text, else the YAML parsed (a stale or missing JSON only costs the parse).
   */
  static Map<String, Object> defaultMap() {
    byte[] yaml = resource(DEFAULTS_RESOURCE)
        .orElseThrow(() -> new ConfigException("The built-in defaults " + DEFAULTS_RESOURCE + " are missing from the "
            + "class path."));
    Optional<Map<String, Object>> parsed = Optional.empty();
    try (InputStream json = ConfigLoader.class.getClassLoader().getResourceAsStream(DefaultsJson.RESOURCE)) {
      if (json != null) {
        parsed = DefaultsJson.read(json, yaml);
      }
    } catch (IOException e) {
      parsed = Optional.empty(); // the YAML is the source: parse it
    }
    return parsed.orElseGet(() -> parse(new String(yaml, StandardCharsets.UTF_8), DEFAULTS_RESOURCE));
  }

  private static Optional<byte[]> resource(String name) {
    try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(name)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new ConfigException("Cannot read the built-in defaults " + name + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, Object> readFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("Configuration file " + file + " does not exist or is not a file.");
    }
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      StringBuilder text = new StringBuilder();
      char[] buf = new char[8192];
      int n;
      while ((n = reader.read(buf)) > 0) {
        text.append(buf, 0, n);
      }
      return parse(text.toString(), file.toString());
    } catch (IOException e) {
      throw new ConfigException("Cannot read configuration file " + file + ": " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> parse(String yaml, String origin) {
    try {
      Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
      if (doc == null) {
        return new LinkedHashMap<>();
      }
      if (!(doc instanceof Map)) {
        throw new ConfigException("Configuration " + origin + " must be a YAML mapping at the top level.");
      }
      return (Map<String, Object>) doc;
    } catch (YAMLException e) {
      throw new ConfigException("Configuration " + origin + " is not valid YAML: " + e.getMessage(), e);
    }
  }

  /** Deep merge: mappings merge key by key, any other value in {@code over} replaces the base value. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> over) {
    Map<String, Object> out = new LinkedHashMap<>(base);
    for (Map.Entry<String, Object> e : over.entrySet()) {
      Object b = out.get(e.getKey());
      if (b instanceof Map && e.getValue() instanceof Map) {
        out.put(e.getKey(), merge((Map<String, Object>) b, (Map<String, Object>) e.getValue()));
      } else {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }
}

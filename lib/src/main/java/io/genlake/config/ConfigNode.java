package io.genlake.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A read-only view of one mapping in the merged YAML configuration that reads typed, validated values.
 *
 * <p>Every accessor names the full key path in its error, so a bad value fails with a message such as
 * {@code Invalid configuration value fit.top_k = -3: expected an integer from 1 to 10000.} Values are
 * required: defaults live in {@code genlake-defaults.yaml}, which is merged under the user's file.
 */
public final class ConfigNode {
  private final String path;
  private final Map<String, Object> values;

  ConfigNode(String path, Map<String, Object> values) {
    this.path = path;
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** Wraps a plain map (for tests and programmatic configuration). */
  public static ConfigNode of(Map<String, Object> values) {
    return new ConfigNode("", values);
  }

  /** Fails when the mapping holds a key not in {@code allowed}: catches typos such as {@code topk}. */
  public ConfigNode onlyKeys(String... allowed) {
    Set<String> known = new TreeSet<>(List.of(allowed));
    for (String key : values.keySet()) {
      if (!known.contains(key)) {
        throw new ConfigException(
            "Unknown configuration key " + key(key) + ": expected one of " + String.join(", ", known) + ".");
      }
    }
    return this;
  }

  public boolean has(String key) {
    return values.containsKey(key) && values.get(key) != null;
  }

  public Set<String> keys() {
    return values.keySet();
  }

  /** The nested mapping under {@code key}; an absent key yields an empty node. */
  @SuppressWarnings("unchecked")
  public ConfigNode child(String key) {
    Object value = values.get(key);
    if (value == null) {
      return new ConfigNode(key(key), Map.of());
    }
    if (!(value instanceof Map)) {
      throw invalid(key, value, "a mapping");
    }
    Map<String, Object> map = new LinkedHashMap<>();
    ((Map<Object, Object>) value).forEach((k, v) -> map.put(String.valueOf(k), v));
    return new ConfigNode(key(key), map);
  }

  public String string(String key) {
    Object value = required(key);
    if (value instanceof Map || value instanceof List) {
      throw invalid(key, value, "a string");
    }
    return String.valueOf(value);
  }

  /** A string that must be one of {@code allowed}. */
  public String oneOf(String key, String... allowed) {
    String value = string(key);
    if (!List.of(allowed).contains(value)) {
      throw invalid(key, value, "one of " + String.join(", ", allowed));
    }
    return value;
  }

  public int integer(String key, int min, int max) {
    Object value = required(key);
    if (!(value instanceof Integer || value instanceof Long)) {
      throw invalid(key, value, "an integer from " + min + " to " + max);
    }
    long v = ((Number) value).longValue();
    if (v < min || v > max) {
      throw invalid(key, value, "an integer from " + min + " to " + max);
    }
    return (int) v;
  }

  public double decimal(String key, double min, double max) {
    Object value = required(key);
    if (!(value instanceof Number) || Double.isNaN(((Number) value).doubleValue())) {
      throw invalid(key, value, "a number from " + min + " to " + max);
    }
    double v = ((Number) value).doubleValue();
    if (v < min || v > max) {
      throw invalid(key, value, "a number from " + min + " to " + max);
    }
    return v;
  }

  public boolean bool(String key) {
    Object value = required(key);
    if (!(value instanceof Boolean)) {
      throw invalid(key, value, "true or false");
    }
    return (Boolean) value;
  }

  public List<String> stringList(String key) {
    Object value = required(key);
    if (!(value instanceof List)) {
      throw invalid(key, value, "a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (Object item : (List<?>) value) {
      if (item == null || item instanceof Map || item instanceof List) {
        throw invalid(key, value, "a list of strings");
      }
      out.add(String.valueOf(item));
    }
    return List.copyOf(out);
  }

  /** A mapping of string keys to lists of strings (e.g. checkpoint pools). */
  public Map<String, List<String>> stringListMap(String key) {
    ConfigNode node = child(key);
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String k : node.keys()) {
      out.put(k, node.stringList(k));
    }
    return Collections.unmodifiableMap(out);
  }

  /** A mapping of string keys to string values. */
  public Map<String, String> stringMap(String key) {
    ConfigNode node = child(key);
    Map<String, String> out = new LinkedHashMap<>();
    for (String k : node.keys()) {
      out.put(k, node.string(k));
    }
    return Collections.unmodifiableMap(out);
  }

  /** The full dotted path of a key under this node. */
  public String key(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private Object required(String key) {
    Object value = values.get(key);
    if (value == null) {
      throw new ConfigException(
          "Missing configuration value " + key(key) + ": it has no default and was not set.");
    }
    return value;
  }

  /** An error for {@code key} holding {@code value} where {@code expected} was expected. */
  public ConfigException invalid(String key, Object value, String expected) {
    return new ConfigException(
        "Invalid configuration value " + key(key) + " = " + Objects.toString(value) + ": expected " + expected + ".");
  }
}

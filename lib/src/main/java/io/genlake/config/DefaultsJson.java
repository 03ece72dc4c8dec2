package io.genlake.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The built-in defaults ({@code genlake-defaults.yaml}) in a pre-parsed JSON form, {@code genlake-defaults.json},
 * which the build writes next to the YAML (the {@code defaults-json} execution in {@code lib/pom.xml} runs
 * {@link #main}). Why: SnakeYAML's constructor and parser cost a fresh JVM some 20–40 ms, a fifth of what
 * {@code genlake recommend} may take end to end, while Jackson's streaming parser reads the same tree in a few
 * milliseconds (its classes are loaded anyway for the output).
 *
 * <p>The JSON carries the CRC-32 of the YAML text it was made from; {@link #read} gives up (and the YAML is parsed
 * instead) when the YAML on the class path is not that text, so an edited YAML is never shadowed by a stale JSON.
 * The JSON holds exactly the values SnakeYAML's safe constructor gives: mappings, lists, strings, booleans, nulls,
 * Integer/Long/BigInteger and Double; {@link #main} refuses to write a file that does not read back equal.
 */
public final class DefaultsJson {
  /** The class-path resource name of the pre-parsed defaults. */
  public static final String RESOURCE = "genlake-defaults.json";
  private static final String CRC = "yaml_crc32";
  private static final String DEFAULTS = "defaults";

  private DefaultsJson() {}

  /**
   * The defaults map from {@code json}, when it was made from exactly {@code yamlText}; empty otherwise (a stale
   * or unreadable file: the caller parses the YAML).
   */
  public static Optional<Map<String, Object>> read(InputStream json, byte[] yamlText) {
    try (JsonParser p = new JsonFactory().createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      Long crc = null;
      Map<String, Object> defaults = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        if (CRC.equals(field) && p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
          crc = p.getLongValue();
        } else if (DEFAULTS.equals(field) && p.currentToken() == JsonToken.START_OBJECT) {
          defaults = mapping(p);
        } else {
          p.skipChildren();
        }
      }
      return crc != null && crc == crc32(yamlText) && defaults != null ? Optional.of(defaults) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Writes the JSON form of {@code defaults}, made from {@code yamlText}. */
  static void write(Map<String, Object> defaults, byte[] yamlText, OutputStream out) throws IOException {
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField(CRC, crc32(yamlText));
      g.writeFieldName(DEFAULTS);
      value(defaults, g);
      g.writeEndObject();
    }
  }

  /**
   * Build step: {@code DefaultsJson <genlake-defaults.yaml> <genlake-defaults.json>}. Fails (exit status 1) when the
   * YAML holds a value JSON cannot carry exactly (a date, a binary), so the build stops instead of shipping
   * different defaults.
   */
  public static void main(String[] args) throws IOException {
    byte[] yaml = Files.readAllBytes(Path.of(args[0]));
    Map<String, Object> defaults = ConfigLoader.parse(new String(yaml, StandardCharsets.UTF_8), args[0]);
    Path target = Path.of(args[1]);
    try (OutputStream out = Files.newOutputStream(target)) {
      write(defaults, yaml, out);
    }
    try (InputStream in = Files.newInputStream(target)) {
      if (!read(in, yaml).equals(Optional.of(defaults))) {
        Files.delete(target);
        throw new IllegalStateException(args[0] + " holds a value that JSON cannot carry exactly (a date or binary?): "
            + "quote it, or make DefaultsJson carry it");
      }
    }
  }

  static long crc32(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return crc.getValue();
  }

  private static Map<String, Object> mapping(JsonParser p) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      p.nextToken();
      m.put(key, element(p));
    }
    return m;
  }

  private static Object element(JsonParser p) throws IOException {
    switch (p.currentToken()) {
      case START_OBJECT:
        return mapping(p);
      case START_ARRAY: {
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(element(p));
        }
        return list;
      }
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        return p.getNumberValue(); // Integer, Long or BigInteger by size, as SnakeYAML gives them
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new IOException("unexpected " + p.currentToken());
    }
  }

  private static void value(Object v, JsonGenerator g) throws IOException {
    if (v instanceof Map<?, ?> m) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        value(e.getValue(), g);
      }
      g.writeEndObject();
    } else if (v instanceof List<?> l) {
      g.writeStartArray();
      for (Object x : l) {
        value(x, g);
      }
      g.writeEndArray();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Integer i) {
      g.writeNumber(i);
    } else if (v instanceof Long l) {
      g.writeNumber(l);
    } else if (v instanceof java.math.BigInteger b) {
      g.writeNumber(b);
    } else if (v instanceof Double d && Double.isFinite(d)) {
      g.writeNumber(d);
    } else if (v == null) {
      g.writeNull();
    } else {
      g.writeString("unsupported " + v.getClass().getName()); // reads back unequal: main refuses it
    }
  }
}

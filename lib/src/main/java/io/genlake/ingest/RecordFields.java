package io.genlake.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Typed, validated access to one landing record's fields. JSON records keep JSON types; CSV and SQLite records
 * are textual (every cell a string: numbers, {@code 1/0} booleans and JSON lists/objects are parsed from text).
 * Every accessor either returns a valid value or throws a {@link Rejection} whose message names the record's
 * position, the field and the value, e.g. {@code line 42 has fit_rating 7, expected 1 to 5}.
 */
final class RecordFields {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectNode node;
  private final boolean textual;
  private final String where;
  private final String prefix;
  private final Map<String, List<String>> aliases;
  private final int maxString;

  RecordFields(ObjectNode node, boolean textual, String where, Map<String, List<String>> aliases, int maxString) {
    this(node, textual, where, "", aliases, maxString);
  }

  private RecordFields(ObjectNode node, boolean textual, String where, String prefix,
      Map<String, List<String>> aliases, int maxString) {
    this.node = node;
    this.textual = textual;
    this.where = where;
    this.prefix = prefix;
    this.aliases = aliases;
    this.maxString = maxString;
  }

  /** The fields of the nested JSON object {@code name} (null when absent), named {@code name.x} in messages. */
  RecordFields nested(String name, Map<String, List<String>> nestedAliases) {
    ObjectNode obj = object(name);
    if (obj == null) {
      return null;
    }
    return new RecordFields(obj, false, where, prefix + name + ".", nestedAliases, maxString);
  }

  // ---- strings and enums

  String string(String name) {
    Found f = find(name);
    if (f == null) {
      return null;
    }
    String s;
    if (f.value.isTextual()) {
      s = f.value.textValue();
    } else if (f.value.isNumber() || f.value.isBoolean()) {
      s = f.value.asText();
    } else {
      throw wrongType(f, "a string");
    }
    return checkLength(f.name, s);
  }

  String requireString(String name) {
    String s = string(name);
    if (s == null || s.isEmpty()) {
      throw missing(name);
    }
    return s;
  }

  /** A string that must be one of {@code allowed}; {@code dflt} when absent (null: optional). */
  String enumOf(String name, List<String> allowed, String dflt) {
    String s = string(name);
    if (s == null || s.isEmpty()) {
      return dflt;
    }
    if (!allowed.contains(s)) {
      throw new Rejection(Rule.UNKNOWN_ENUM, where + " has " + prefix + foundName(name) + " " + quote(s)
          + ", expected one of " + String.join(", ", allowed));
    }
    return s;
  }

  String requireEnum(String name, List<String> allowed) {
    String s = enumOf(name, allowed, null);
    if (s == null) {
      throw missing(name);
    }
    return s;
  }

  /** A canonical 8-4-4-4-12 UUID, lower-cased. */
  String requireUuid(String name) {
    String s = requireString(name);
    if (!Values.isUuid(s)) {
      throw new Rejection(Rule.WRONG_TYPE, where + " has " + prefix + foundName(name) + " " + quote(s)
          + ", expected a UUID");
    }
    return s.toLowerCase(java.util.Locale.ROOT);
  }

  // ---- numbers

  Integer integer(String name, long min, long max) {
    Long v = int64(name, min, max);
    return v == null ? null : v.intValue();
  }

  Integer requireInteger(String name, long min, long max) {
    Integer v = integer(name, min, max);
    if (v == null) {
      throw missing(name);
    }
    return v;
  }

  Long int64(String name, long min, long max) {
    Found f = find(name);
    if (f == null) {
      return null;
    }
    BigDecimal d = decimalOf(f, "an integer");
    long v;
    try {
      v = d.longValueExact();
    } catch (ArithmeticException e) {
      throw wrongType(f, "an integer");
    }
    if (v < min || v > max) {
      throw outOfRange(f, d, range(min, max));
    }
    return v;
  }

  Double decimal(String name, double min, double max) {
    Found f = find(name);
    if (f == null) {
      return null;
    }
    BigDecimal d = decimalOf(f, "a number");
    double v = d.doubleValue();
    if (v < min || v > max) {
      throw outOfRange(f, d, range(min, max));
    }
    return v;
  }

  // ---- booleans and timestamps

  Boolean bool(String name, Boolean dflt) {
    Found f = find(name);
    if (f == null) {
      return dflt;
    }
    if (f.value.isBoolean()) {
      return f.value.booleanValue();
    }
    if (textual && f.value.isTextual()) {
      var b = Values.bool(f.value.textValue());
      if (b.isPresent()) {
        return b.get();
      }
    }
    throw wrongType(f, textual ? "true, false, 1 or 0" : "true or false");
  }

  Boolean requireBool(String name) {
    Boolean b = bool(name, null);
    if (b == null) {
      throw missing(name);
    }
    return b;
  }

  Timestamp timestamp(String name) {
    Found f = find(name);
    if (f == null) {
      return null;
    }
    if (f.value.isTextual()) {
      var t = Values.timestamp(f.value.textValue());
      if (t.isPresent()) {
        return t.get();
      }
    }
    throw wrongType(f, "an ISO-8601 timestamp such as 2026-11-20T10:15:00Z");
  }

  Timestamp requireTimestamp(String name) {
    Timestamp t = timestamp(name);
    if (t == null) {
      throw missing(name);
    }
    return t;
  }

  // ---- lists and objects

  /** A list of strings (numbers are kept as their text); empty when absent. */
  List<String> strings(String name) {
    Found f = find(name);
    List<String> out = new ArrayList<>();
    if (f == null) {
      return out;
    }
    JsonNode v = structured(f, "a list of strings");
    if (!v.isArray()) {
      throw wrongType(f, "a list of strings");
    }
    for (JsonNode item : v) {
      if (!(item.isTextual() || item.isNumber())) {
        throw wrongType(f, "a list of strings");
      }
      out.add(checkLength(f.name, item.asText()));
    }
    return out;
  }

  /** A JSON object, or null when absent. */
  ObjectNode object(String name) {
    Found f = find(name);
    if (f == null) {
      return null;
    }
    JsonNode v = structured(f, "a JSON object");
    if (!v.isObject()) {
      throw wrongType(f, "a JSON object");
    }
    return (ObjectNode) v;
  }

  /** A JSON object as compact JSON text, or null when absent. */
  String objectText(String name) {
    ObjectNode obj = object(name);
    return obj == null ? null : checkLength(name, obj.toString());
  }

  /** An object of string values (numbers and booleans kept as their text); empty when absent. */
  Map<String, String> stringMap(String name) {
    ObjectNode obj = object(name);
    Map<String, String> out = new LinkedHashMap<>();
    if (obj == null) {
      return out;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (v.isNull()) {
        continue;
      }
      if (!v.isValueNode()) {
        throw new Rejection(Rule.WRONG_TYPE, where + " has " + prefix + foundName(name) + "." + e.getKey() + " "
            + clip(v.toString()) + ", expected a string");
      }
      out.put(e.getKey(), checkLength(name, v.asText()));
    }
    return out;
  }

  /** LoRAs: a list of {@code {name, strength}} objects ({@code strength_model} accepted); empty when absent. */
  List<Row> loras(String name) {
    Found f = find(name);
    List<Row> out = new ArrayList<>();
    if (f == null) {
      return out;
    }
    JsonNode v = structured(f, "a list of {name, strength} objects");
    if (!v.isArray()) {
      throw wrongType(f, "a list of {name, strength} objects");
    }
    for (JsonNode item : v) {
      JsonNode n = item.get("name");
      JsonNode s = item.has("strength") ? item.get("strength") : item.get("strength_model");
      if (!item.isObject() || n == null || !n.isTextual() || n.textValue().isEmpty()
          || (s != null && !s.isNull() && !s.isNumber())) {
        throw wrongType(f, "a list of {name, strength} objects");
      }
      out.add(RowFactory.create(checkLength(f.name, n.textValue()),
          s == null || s.isNull() ? null : s.doubleValue()));
    }
    return out;
  }

  /** A rejection for {@code rule}; the message is prefixed with the record's position ("line 42 "). */
  Rejection reject(Rule rule, String message) {
    return new Rejection(rule, where + " " + message);
  }

  /** A rejection for fields that contradict each other. */
  Rejection inconsistent(String message) {
    return new Rejection(Rule.INCONSISTENT_FIELDS, where + " " + message);
  }

  /** A rejection for a required field missing, with an explanation of what is required. */
  Rejection missingBecause(String message) {
    return new Rejection(Rule.MISSING_FIELD, where + " " + message);
  }

  // ---- internals

  private record Found(String name, JsonNode value) {}

  private Found find(String name) {
    JsonNode v = node.get(name);
    if (present(v)) {
      return new Found(name, v);
    }
    List<String> alts = aliases.get(name);
    if (alts != null) {
      for (String a : alts) {
        JsonNode av = node.get(a);
        if (present(av)) {
          return new Found(a, av);
        }
      }
    }
    return null;
  }

  private boolean present(JsonNode v) {
    return v != null && !v.isNull() && !(textual && v.isTextual() && v.textValue().isEmpty());
  }

  private String foundName(String name) {
    Found f = find(name);
    return f == null ? name : f.name;
  }

  private JsonNode structured(Found f, String expected) {
    if (!(textual && f.value.isTextual())) {
      return f.value;
    }
    try {
      return JSON.readTree(f.value.textValue());
    } catch (JsonProcessingException e) {
      throw wrongType(f, expected + " (JSON text)");
    }
  }

  private BigDecimal decimalOf(Found f, String expected) {
    if (f.value.isNumber()) {
      return f.value.decimalValue();
    }
    if (textual && f.value.isTextual()) {
      try {
        return new BigDecimal(f.value.textValue().trim());
      } catch (NumberFormatException e) {
        throw wrongType(f, expected);
      }
    }
    throw wrongType(f, expected);
  }

  private String checkLength(String name, String s) {
    if (s.length() > maxString) {
      throw new Rejection(Rule.STRING_TOO_LONG, where + " has " + prefix + name + " of " + s.length()
          + " characters, longer than ingest.max_string_length " + maxString);
    }
    return s;
  }

  private Rejection missing(String name) {
    return new Rejection(Rule.MISSING_FIELD, where + " has no " + prefix + name + ", a required field");
  }

  private Rejection wrongType(Found f, String expected) {
    return new Rejection(Rule.WRONG_TYPE, where + " has " + prefix + f.name + " " + display(f.value)
        + ", expected " + expected);
  }

  private Rejection outOfRange(Found f, BigDecimal value, String expected) {
    return new Rejection(Rule.OUT_OF_RANGE, where + " has " + prefix + f.name + " " + value.toPlainString()
        + ", expected " + expected);
  }

  private static String range(double min, double max) {
    String lo = num(min);
    if (max >= Integer.MAX_VALUE) {
      return "at least " + lo;
    }
    return lo + " to " + num(max);
  }

  private static String num(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  private static String display(JsonNode v) {
    return clip(v.isTextual() ? quote(v.textValue()) : v.toString());
  }

  private static String quote(String s) {
    return clip("\"" + s + "\"");
  }

  private static String clip(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}

package io.genlake.ingest;

import com.fasterxml.jackson.databind.JsonNode;
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
  private final ObjectNode node;
  private final boolean textual;
  private final String where;
  private final String prefix;
  private final Map<String, List<String>> aliases;
  private final Limits limits;
  private final JsonRecords json;

  RecordFields(ObjectNode node, boolean textual, String where, Map<String, List<String>> aliases, Limits limits,
      JsonRecords json) {
    this(node, textual, where, "", aliases, limits, json);
  }

  private RecordFields(ObjectNode node, boolean textual, String where, String prefix,
      Map<String, List<String>> aliases, Limits limits, JsonRecords json) {
    this.node = node;
    this.textual = textual;
    this.where = where;
    this.prefix = prefix;
    this.aliases = aliases;
    this.limits = limits;
    this.json = json;
  }

  /** The fields of the nested JSON object {@code name} (null when absent), named {@code name.x} in messages. */
  RecordFields nested(String name, Map<String, List<String>> nestedAliases) {
    ObjectNode obj = object(name);
    if (obj == null) {
      return null;
    }
    return new RecordFields(obj, false, where, prefix + name + ".", nestedAliases, limits, json);
  }

  /** The record's position in messages ("line 42"). */
  String where() {
    return where;
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

  /** A required string: absent, empty and whitespace-only values are all missing. */
  String requireString(String name) {
    String s = string(name);
    if (s == null || s.isEmpty()) {
      throw missing(name);
    }
    if (s.isBlank()) {
      throw new Rejection(Rule.MISSING_FIELD, where + " has " + prefix + foundName(name)
          + " with only whitespace, a required field");
    }
    return s;
  }

  /**
   * An identifier: a string, or an integer written as a JSON number (kept as its digits); a fractional number or
   * a boolean is no identifier ({@code 1.0} and {@code 1} would name different records). Null when absent.
   */
  String id(String name) {
    Found f = find(name);
    if (f != null && !textual && (f.value.isBoolean() || (f.value.isNumber() && !f.value.isIntegralNumber()))) {
      throw wrongType(f, "a string or integer id");
    }
    return string(name);
  }

  /** A required {@link #id}; whitespace-only is missing. */
  String requireId(String name) {
    id(name);
    return requireString(name);
  }

  /** A string that must be one of {@code allowed}; {@code dflt} when absent (null: optional). */
  String enumOf(String name, List<String> allowed, String dflt) {
    String s = string(name);
    if (s == null || s.isEmpty()) {
      return dflt;
    }
    if (!allowed.contains(s)) {
      throw new Rejection(Rule.UNKNOWN_ENUM, where + " has " + prefix + foundName(name) + " " + Shown.quote(s)
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
      throw new Rejection(Rule.WRONG_TYPE, where + " has " + prefix + foundName(name) + " " + Shown.quote(s)
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
    if (!Numbers.isIntegral(d)) {
      throw wrongType(f, "an integer");
    }
    if (!Numbers.fitsLong(d)) {
      throw outOfRange(f, d, Shown.range(min, max));
    }
    long v = d.longValueExact();
    if (v < min || v > max) {
      throw outOfRange(f, d, Shown.range(min, max));
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
      throw outOfRange(f, d, Shown.range(min, max));
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
        if (t.get().getTime() > limits.latestMillis()) {
          throw new Rejection(Rule.OUT_OF_RANGE, where + " has " + prefix + f.name + " " + Shown.display(f.value)
              + ", implausibly far in the future: expected a time before " + limits.latest()
              + " (ingest.max_future_days after the run date)");
        }
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
            + Shown.clip(v.toString()) + ", expected a string");
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
    JsonNode parsed;
    try {
      parsed = json.parseText(f.value.textValue(), where, prefix + f.name);
    } catch (Rejection r) {
      if (r.rule() == Rule.MALFORMED_JSON) {
        throw wrongType(f, expected + " (JSON text)");
      }
      throw r;
    }
    return parsed;
  }

  private BigDecimal decimalOf(Found f, String expected) {
    BigDecimal d;
    if (f.value.isNumber()) {
      if ((f.value.isDouble() || f.value.isFloat()) && !Double.isFinite(f.value.doubleValue())) {
        throw beyondDouble(f);
      }
      d = f.value.decimalValue();
    } else if (textual && f.value.isTextual()) {
      d = Numbers.parse(f.value.textValue());
      if (d == null) {
        throw wrongType(f, expected);
      }
    } else {
      throw wrongType(f, expected);
    }
    if (!Numbers.fitsDouble(d)) {
      throw beyondDouble(f);
    }
    return d;
  }

  private Rejection beyondDouble(Found f) {
    return new Rejection(Rule.NUMBER_OUT_OF_RANGE, where + " has " + prefix + f.name + " " + Shown.display(f.value)
        + ", a number beyond the range a double holds (" + JsonRecords.DOUBLE_RANGE + ")");
  }

  private String checkLength(String name, String s) {
    if (s.length() > limits.maxStringLength()) {
      throw new Rejection(Rule.STRING_TOO_LONG, where + " has " + prefix + name + " of " + s.length()
          + " characters, longer than ingest.max_string_length " + limits.maxStringLength());
    }
    return s;
  }

  private Rejection missing(String name) {
    return new Rejection(Rule.MISSING_FIELD, where + " has no " + prefix + name + ", a required field");
  }

  private Rejection wrongType(Found f, String expected) {
    return new Rejection(Rule.WRONG_TYPE, where + " has " + prefix + f.name + " " + Shown.display(f.value)
        + ", expected " + expected);
  }

  private Rejection outOfRange(Found f, BigDecimal value, String expected) {
    return new Rejection(Rule.OUT_OF_RANGE, where + " has " + prefix + f.name + " " + Shown.clip(Numbers.shown(value))
        + ", expected " + expected);
  }
}

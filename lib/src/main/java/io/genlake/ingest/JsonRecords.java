package io.genlake.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NumericNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Parses the JSON of landing records (a JSON Lines line, or a CSV cell holding JSON text) under the rules that make
 * a record safe to store: one value, no key twice in one object, no number beyond the range of a double, no escaped
 * lone UTF-16 surrogate, nesting within Jackson's limit (1,000 levels) and numbers of at most 1,000 characters.
 * Anything else is a {@link Rejection} naming the record's position and the rule; nothing thrown by Jackson leaves
 * this class. One instance per task: it holds a parser whose node factory notes non-finite numbers as it builds.
 *
 * <p>Cost: one Jackson tree parse; the tree is walked again only when the parse saw a number beyond a double's
 * range or the bytes hold an escaped surrogate ({@code \ud800}–{@code \udfff}), both rare.
 */
final class JsonRecords {
  /** The largest magnitude a double holds, as people read it. */
  static final String DOUBLE_RANGE = "about ±1.8e308";

  private final NotingFactory nodes = new NotingFactory();
  private final ObjectMapper json = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .setNodeFactory(nodes);

  /** The JSON value in {@code b[0, len)}; {@code where} ("line 42") starts every message. */
  JsonNode parse(byte[] b, int len, String where) {
    nodes.nonFinite = false;
    JsonNode node;
    try {
      node = json.readTree(b, 0, len);
    } catch (IOException e) {
      throw rejection(e, where, "is not valid JSON");
    }
    if (nodes.nonFinite || hasSurrogateEscape(b, len)) {
      check(node, where, "");
    }
    return node;
  }

  /** The JSON value in a text cell named {@code field}; messages say "has <field> that is not valid JSON: ...". */
  JsonNode parseText(String text, String where, String field) {
    nodes.nonFinite = false;
    JsonNode node;
    try {
      node = json.readTree(text);
    } catch (IOException e) {
      throw rejection(e, where, "has " + field + " that is not valid JSON text");
    }
    if (nodes.nonFinite || text.contains("\\u") || text.contains("\\U")) {
      check(node, where, field + ".");
    }
    return node;
  }

  /** The rejection for a parse failure: the rule by what broke, the message without Jackson's internals. */
  private static Rejection rejection(IOException e, String where, String what) {
    String original = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
    String msg = original == null ? e.getClass().getSimpleName()
        : original.lines().findFirst().orElse("").replaceAll(" \\(code \\d+\\)", "");
    if (e instanceof StreamConstraintsException) {
      if (msg.contains("nesting depth")) {
        return new Rejection(Rule.NESTING_TOO_DEEP, where + " " + what + ": it nests objects and lists more than "
            + "1000 levels deep, the most a record may");
      }
      if (msg.startsWith("Number")) {
        return new Rejection(Rule.NUMBER_OUT_OF_RANGE, where + " " + what + ": it holds a number written with more "
            + "than 1000 characters, beyond the range of any column (" + DOUBLE_RANGE + ")");
      }
      if (msg.startsWith("String")) {
        return new Rejection(Rule.STRING_TOO_LONG, where + " " + what + ": " + msg);
      }
      return new Rejection(Rule.MALFORMED_JSON, where + " " + what + ": " + msg);
    }
    if (msg.startsWith("Duplicate field")) {
      String key = msg.substring(msg.indexOf('\'') + 1, Math.max(msg.indexOf('\'') + 1, msg.lastIndexOf('\'')));
      return new Rejection(Rule.DUPLICATE_KEY, where + " " + what + ": key \"" + key + "\" appears twice in one "
          + "object, so which value holds is ambiguous; keep one");
    }
    if (msg.startsWith("Trailing token")) {
      msg = "more than one JSON value on the line, the second one";
    }
    var location = e instanceof JsonProcessingException p ? p.getLocation() : null;
    return new Rejection(Rule.MALFORMED_JSON, where + " " + what + ": " + msg
        + (location == null || location.getColumnNr() < 1 ? "" : " at column " + location.getColumnNr()));
  }

  /** Rejects the first non-finite number or lone surrogate in {@code node} (depth-first, document order). */
  private static void check(JsonNode node, String where, String path) {
    if (node.isNumber() && node instanceof NumericNode n && (n.isDouble() || n.isFloat())
        && !Double.isFinite(n.doubleValue())) {
      throw new Rejection(Rule.NUMBER_OUT_OF_RANGE, where + " has " + name(path) + " a number beyond the range a "
          + "double holds (" + DOUBLE_RANGE + ")");
    }
    if (node.isTextual() && loneSurrogate(node.textValue()) >= 0) {
      throw surrogate(where, "has " + name(path) + " a string with", node.textValue());
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (loneSurrogate(e.getKey()) >= 0) {
          throw surrogate(where, "has a key in " + (path.isEmpty() ? "the record" : name(path)) + " with",
              e.getKey());
        }
        check(e.getValue(), where, path + e.getKey() + ".");
      }
    } else if (node.isArray()) {
      int i = 0;
      for (JsonNode item : node) {
        check(item, where, path.isEmpty() ? "[" + i++ + "]." : path.substring(0, path.length() - 1) + "[" + i++ + "].");
      }
    }
  }

  private static String name(String path) {
    return path.isEmpty() ? "a value that is" : path.substring(0, path.length() - 1) + ",";
  }

  private static Rejection surrogate(String where, String what, String s) {
    int at = loneSurrogate(s);
    return new Rejection(Rule.INVALID_UNICODE, where + " " + what + " an escaped lone surrogate \\u"
        + Integer.toHexString(s.charAt(at)) + " at character " + (at + 1) + ", which is no Unicode character; "
        + "escape whole characters (a high surrogate followed by a low one)");
  }

  /** The index of the first unpaired UTF-16 surrogate in {@code s}, or -1. */
  static int loneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      } else if (Character.isLowSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  /** True when the bytes hold {@code \\uD8..}–{@code \\uDF..} (any case): an escaped surrogate, paired or not. */
  static boolean hasSurrogateEscape(byte[] b, int len) {
    for (int i = 0; i + 2 < len; i++) {
      if (b[i] == '\\' && (b[i + 1] == 'u' || b[i + 1] == 'U') && (b[i + 2] == 'd' || b[i + 2] == 'D')) {
        return true;
      }
    }
    return false;
  }

  /** Builds Jackson's tree as usual, noting whether any floating-point number overflowed to infinity. */
  private static final class NotingFactory extends JsonNodeFactory {
    private static final long serialVersionUID = 1L;
    boolean nonFinite;

    @Override
    public com.fasterxml.jackson.databind.node.NumericNode numberNode(double v) {
      if (!Double.isFinite(v)) {
        nonFinite = true;
      }
      return super.numberNode(v);
    }

    @Override
    public com.fasterxml.jackson.databind.node.NumericNode numberNode(float v) {
      if (!Float.isFinite(v)) {
        nonFinite = true;
      }
      return super.numberNode(v);
    }
  }
}

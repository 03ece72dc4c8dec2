package io.genlake.enrich;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Seed 001's {@code Generation.compute_hash()}: a reproducibility key over what determines a generation's
 * output. Pure Java, no Spark, no locale or platform dependence: the same inputs give the same hash on every
 * machine and run. The canonical form is compact JSON, documented in {@code docs/enrich.md}:
 *
 * <pre>{"checkpoint":C,"loras":[{"name":N,"strength":S}...],"model":M,"negative_prompt":NP,"operation":O,
 * "parameters":{...},"prompt":P,"provider":PR,"seed":SEED}</pre>
 *
 * <p>Object keys are sorted (Java {@link String#compareTo}) at every level, object members whose value is
 * null are dropped inside {@code parameters} (absent and null are the same), top-level fields are always
 * present (null when missing), LoRAs are sorted by name then strength, and numbers are written by
 * {@link #number(BigDecimal)}. The hash is the lower-case hex digest of the UTF-8 bytes of that text.
 */
final class CanonicalHash {
  /** Parameter keys that have a typed column of their own: the typed value wins over the JSON one. */
  static final List<String> TYPED_PARAMETERS = List.of("cfg_scale", "steps", "sampler", "scheduler", "width", "height");
  /** Seed 002's name for cfg_scale, folded into cfg_scale. */
  static final String CFG_ALIAS = "guidance_scale";
  /** Seed is a top-level field of the canonical form, so it is removed from the parameters. */
  static final String SEED_KEY = "seed";

  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
  private static final MathContext SIGNIFICANT = new MathContext(15, RoundingMode.HALF_EVEN);

  /** One LoRA as hashed. */
  record Lora(Optional<String> name, Optional<Double> strength) {}

  /** Everything the hash covers; {@code parameters} already merged (see {@link #parameters}). */
  record Input(
      Optional<String> provider,
      Optional<String> operation,
      Optional<String> model,
      Optional<String> checkpoint,
      List<Lora> loras,
      Optional<String> prompt,
      Optional<String> negativePrompt,
      Optional<Long> seed,
      Map<String, Object> parameters) {}

  private final String algorithm;

  CanonicalHash(String algorithm) {
    this.algorithm = algorithm;
    digest(); // fail fast on an unknown algorithm
  }

  /** The hex digest of {@link #canonicalForm(Input)}. */
  String hash(Input input) {
    byte[] bytes = digest().digest(canonicalForm(input).getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(bytes);
  }

  /** The canonical text the hash is computed over. */
  static String canonicalForm(Input in) {
    StringBuilder out = new StringBuilder(256);
    out.append("{\"checkpoint\":");
    string(out, in.checkpoint());
    out.append(",\"loras\":[");
    List<Lora> loras = new ArrayList<>(in.loras());
    loras.sort(Comparator.comparing((Lora l) -> l.name().orElse(null), Comparator.nullsFirst(Comparator.naturalOrder()))
        .thenComparing(l -> l.strength().orElse(null), Comparator.nullsFirst(Comparator.naturalOrder())));
    for (int i = 0; i < loras.size(); i++) {
      out.append(i == 0 ? "" : ",").append("{\"name\":");
      string(out, loras.get(i).name());
      out.append(",\"strength\":");
      value(out, loras.get(i).strength().orElse(null));
      out.append('}');
    }
    out.append("],\"model\":");
    string(out, in.model());
    out.append(",\"negative_prompt\":");
    string(out, in.negativePrompt());
    out.append(",\"operation\":");
    string(out, in.operation());
    out.append(",\"parameters\":");
    value(out, in.parameters());
    out.append(",\"prompt\":");
    string(out, in.prompt());
    out.append(",\"provider\":");
    string(out, in.provider());
    out.append(",\"seed\":");
    value(out, in.seed().orElse(null));
    return out.append('}').toString();
  }

  /**
   * The parameters object as hashed: the JSON object (if any) as plain Java values, {@code seed} removed,
   * {@code guidance_scale} renamed {@code cfg_scale}, then each non-null typed column value set over it.
   */
  static Map<String, Object> parameters(Optional<JsonNode> json, Map<String, Object> typed) {
    Map<String, Object> out = new TreeMap<>();
    json.filter(JsonNode::isObject).ifPresent(node -> out.putAll(objectValues(node)));
    out.remove(SEED_KEY);
    Object alias = out.remove(CFG_ALIAS);
    if (alias != null && !out.containsKey("cfg_scale")) {
      out.put("cfg_scale", alias);
    }
    typed.forEach((k, v) -> {
      if (v != null && !(v instanceof Double d && d.isNaN())) {
        out.put(k, v);
      }
    });
    return out;
  }

  /**
   * The canonical text of a number: integral values within the 64-bit range are written as plain integers
   * (7.0, 7.00, 7e0 and 7 all give {@code 7}; 1e1 gives {@code 10}); every other value is rounded to 15
   * significant digits (half-even, exact decimal arithmetic, so a double column and its JSON text agree) and
   * written in plain notation without exponent or trailing zeros (7.50 gives {@code 7.5}, 1.5e-7 gives
   * {@code 0.00000015}, the double nearest 0.1 gives {@code 0.1}).
   */
  static String number(BigDecimal value) {
    if (value.signum() == 0) {
      return "0";
    }
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() <= 0 && stripped.compareTo(LONG_MIN) >= 0 && stripped.compareTo(LONG_MAX) <= 0) {
      return stripped.toBigIntegerExact().toString();
    }
    return value.round(SIGNIFICANT).stripTrailingZeros().toPlainString();
  }

  private static Map<String, Object> objectValues(JsonNode node) {
    Map<String, Object> out = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      Object v = plain(e.getValue());
      if (v != null) {
        out.put(e.getKey(), v);
      }
    }
    return out;
  }

  private static Object plain(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isObject()) {
      return objectValues(node);
    }
    if (node.isArray()) {
      List<Object> items = new ArrayList<>();
      node.forEach(item -> items.add(plain(item)));
      return items;
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    return node.asText();
  }

  private static void string(StringBuilder out, Optional<String> s) {
    value(out, s.orElse(null));
  }

  private static void value(StringBuilder out, Object v) {
    if (v == null) {
      out.append("null");
    } else if (v instanceof String s) {
      out.append('"').append(JsonStringEncoder.getInstance().quoteAsString(s)).append('"');
    } else if (v instanceof BigDecimal b) {
      out.append(number(b));
    } else if (v instanceof Double d) {
      out.append(d.isNaN() || d.isInfinite() ? "null" : number(new BigDecimal(d)));
    } else if (v instanceof Long || v instanceof Integer) {
      out.append(number(BigDecimal.valueOf(((Number) v).longValue())));
    } else if (v instanceof Boolean b) {
      out.append(b);
    } else if (v instanceof Map<?, ?> m) {
      Map<String, Object> sorted = new TreeMap<>();
      m.forEach((k, val) -> {
        if (val != null) {
          sorted.put(String.valueOf(k), val);
        }
      });
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, Object> e : sorted.entrySet()) {
        out.append(first ? "" : ",");
        value(out, e.getKey());
        out.append(':');
        value(out, e.getValue());
        first = false;
      }
      out.append('}');
    } else if (v instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        out.append(i == 0 ? "" : ",");
        value(out, list.get(i));
      }
      out.append(']');
    } else {
      value(out, v.toString());
    }
  }

  private MessageDigest digest() {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalArgumentException("Unknown hash algorithm " + algorithm
          + ": this JVM does not provide it. Set enrich.hash_algorithm to SHA-256.", e);
    }
  }
}

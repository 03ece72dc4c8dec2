package io.genlake.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * JSON as commands print it: numbers with at most 15 significant digits, the precision a double carries
 * faithfully, so binary noise such as {@code 0.15000000000000002} prints as {@code 0.15}. Integers are untouched.
 */
final class JsonOutput {
  private static final MathContext DIGITS = new MathContext(15);
  private static final ObjectMapper COMPACT = mapper();
  private static final ObjectMapper INDENTED = mapper().enable(SerializationFeature.INDENT_OUTPUT);
  /** Reads numbers with fractions exactly, so that rounding starts from the digits Spark wrote. */
  private static final ObjectMapper READER = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private JsonOutput() {}

  /** {@code value} as indented JSON. */
  static String indented(Object value) throws JsonProcessingException {
    return INDENTED.writeValueAsString(value);
  }

  /** {@code value} as one line of JSON. */
  static String compact(Object value) throws JsonProcessingException {
    return COMPACT.writeValueAsString(value);
  }

  /** One line of JSON (Spark's {@code toJSON}) with its fractional numbers rounded to 15 significant digits. */
  static String tidy(String json) {
    try {
      return COMPACT.writeValueAsString(rounded(READER.readTree(json)));
    } catch (JsonProcessingException e) {
      return json;
    }
  }

  /** {@code node} with every fractional number rounded to 15 significant digits (tree nodes bypass serializers). */
  private static JsonNode rounded(JsonNode node) {
    if (node.isNumber() && !node.isIntegralNumber()) {
      BigDecimal b = node.decimalValue().round(Digits.FIFTEEN).stripTrailingZeros();
      return DecimalNode.valueOf(b.scale() < 0 ? b.setScale(0) : b);
    }
    if (node instanceof ObjectNode o) {
      o.fields().forEachRemaining(e -> e.setValue(rounded(e.getValue())));
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        a.set(i, rounded(a.get(i)));
      }
    }
    return node;
  }

  /** {@code d} rounded to 15 significant digits, as the shortest plain decimal ({@code 0.15}, {@code 100}). */
  static BigDecimal rounded(double d) {
    return Digits.rounded(d);
  }

  /** The rounding alone, without the mappers, for the fast {@code recommend} path. */
  static final class Digits {
    static final MathContext FIFTEEN = new MathContext(15);

    private Digits() {}

    static BigDecimal rounded(double d) {
      BigDecimal b = new BigDecimal(d).round(FIFTEEN).stripTrailingZeros();
      return b.scale() < 0 ? b.setScale(0) : b;
    }
  }

  private static ObjectMapper mapper() {
    SimpleModule module = new SimpleModule("genlake-numbers");
    JsonSerializer<Double> doubles = new JsonSerializer<>() {
      @Override
      public void serialize(Double d, JsonGenerator gen, SerializerProvider p) throws IOException {
        if (Double.isFinite(d)) {
          gen.writeNumber(rounded(d));
        } else {
          gen.writeString(d.toString());
        }
      }
    };
    JsonSerializer<BigDecimal> decimals = new JsonSerializer<>() {
      @Override
      public void serialize(BigDecimal d, JsonGenerator gen, SerializerProvider p) throws IOException {
        BigDecimal b = d.round(DIGITS).stripTrailingZeros();
        gen.writeNumber(b.scale() < 0 ? b.setScale(0) : b);
      }
    };
    module.addSerializer(Double.class, doubles);
    module.addSerializer(Double.TYPE, doubles);
    module.addSerializer(BigDecimal.class, decimals);
    return new ObjectMapper().registerModule(module);
  }
}

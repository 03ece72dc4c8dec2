package io.genlake.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalHashTest {
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final CanonicalHash SHA256 = new CanonicalHash("SHA-256");

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static CanonicalHash.Input fox(String parametersJson, List<CanonicalHash.Lora> loras) {
    return new CanonicalHash.Input(Optional.of("comfyui"), Optional.of("text_to_image"), Optional.of("sdxl-base-1.0"),
        Optional.of("epicrealismXL_pureFix.safetensors"), loras, Optional.of("a red fox in snow, cinematic"),
        Optional.of("blurry"), Optional.of(42L), CanonicalHash.parameters(Optional.of(json(parametersJson)), Map.of()));
  }

  private static List<CanonicalHash.Lora> loras(String first, double s1, String second, double s2) {
    return List.of(new CanonicalHash.Lora(Optional.of(first), Optional.of(s1)),
        new CanonicalHash.Lora(Optional.of(second), Optional.of(s2)));
  }

  private static final String FOX_PARAMETERS = "{\"steps\": 30, \"cfg_scale\": 7.50, \"sampler\": \"euler_a\","
      + " \"width\": 1024, \"height\": 1024, \"seed\": 42, \"extra\": {\"b\": 1e1, \"a\": null}}";

  /** The canonical text and its digest, computed independently with printf '%s' TEXT | sha256sum. */
  @Test
  void pinnedCanonicalFormAndHash() {
    CanonicalHash.Input in = fox(FOX_PARAMETERS, loras("detail_tweaker", 0.75, "add_brightness", 0.5));
    assertEquals("{\"checkpoint\":\"epicrealismXL_pureFix.safetensors\",\"loras\":[{\"name\":\"add_brightness\","
        + "\"strength\":0.5},{\"name\":\"detail_tweaker\",\"strength\":0.75}],\"model\":\"sdxl-base-1.0\","
        + "\"negative_prompt\":\"blurry\",\"operation\":\"text_to_image\",\"parameters\":{\"cfg_scale\":7.5,"
        + "\"extra\":{\"b\":10},\"height\":1024,\"sampler\":\"euler_a\",\"steps\":30,\"width\":1024},"
        + "\"prompt\":\"a red fox in snow, cinematic\",\"provider\":\"comfyui\",\"seed\":42}",
        CanonicalHash.canonicalForm(in));
    assertEquals("92785f76c37a0b85663fab6f509ce98fb4d63288a2ab7d1a0ddef63bfcdce1da", SHA256.hash(in));
  }

  @Test
  void everythingMissingHasAPinnedHashToo() {
    CanonicalHash.Input empty = new CanonicalHash.Input(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
        CanonicalHash.parameters(Optional.empty(), new HashMap<>()));
    assertEquals("{\"checkpoint\":null,\"loras\":[],\"model\":null,\"negative_prompt\":null,\"operation\":null,"
        + "\"parameters\":{},\"prompt\":null,\"provider\":null,\"seed\":null}", CanonicalHash.canonicalForm(empty));
    assertEquals("c17fc473de0fc89b506b60a5717ac79a8d5c9e202f5753ec21726c05b5b8dc8b", SHA256.hash(empty));
  }

  @Test
  void keyOrderAndLoraOrderDoNotMatter() {
    String reordered = "{\"extra\": {\"a\": null, \"b\": 10}, \"seed\": 42, \"height\": 1024, \"width\": 1024,"
        + " \"sampler\": \"euler_a\", \"cfg_scale\": 7.5, \"steps\": 30}";
    assertEquals(SHA256.hash(fox(FOX_PARAMETERS, loras("detail_tweaker", 0.75, "add_brightness", 0.5))),
        SHA256.hash(fox(reordered, loras("add_brightness", 0.50, "detail_tweaker", 0.750))));
  }

  @Test
  void anyChangedValueChangesTheHash() {
    String base = SHA256.hash(fox(FOX_PARAMETERS, loras("detail_tweaker", 0.75, "add_brightness", 0.5)));
    assertNotEquals(base, SHA256.hash(fox(FOX_PARAMETERS.replace("30", "31"),
        loras("detail_tweaker", 0.75, "add_brightness", 0.5))));
    assertNotEquals(base, SHA256.hash(fox(FOX_PARAMETERS, loras("detail_tweaker", 0.8, "add_brightness", 0.5))));
  }

  @ParameterizedTest
  @CsvSource({
      "7.50, 7.5", "7.5, 7.5", "7, 7", "7.0, 7", "7.000, 7", "7e0, 7", "1e1, 10", "1E+1, 10", "-0.0, 0", "0, 0",
      "0.1, 0.1", "1.5e-7, 0.00000015", "-2.50, -2.5", "100, 100", "1e2, 100", "9223372036854775807, 9223372036854775807",
      "0.1234567890123456789, 0.123456789012346", "123456789012345678901.5, 123456789012346000000"})
  void numbersAreNormalized(String written, String canonical) {
    assertEquals(canonical, CanonicalHash.number(new BigDecimal(written)));
  }

  @Test
  void aDoubleColumnAndItsJsonTextAgree() {
    Map<String, Object> typed = new HashMap<>();
    typed.put("cfg_scale", 0.1);
    CanonicalHash.Input fromColumn = fox("{}", List.of());
    CanonicalHash.Input fromJson = fox("{\"cfg_scale\": 0.10}", List.of());
    CanonicalHash.Input withColumn = new CanonicalHash.Input(fromColumn.provider(), fromColumn.operation(),
        fromColumn.model(), fromColumn.checkpoint(), List.of(), fromColumn.prompt(), fromColumn.negativePrompt(),
        fromColumn.seed(), CanonicalHash.parameters(Optional.empty(), typed));
    assertEquals(CanonicalHash.canonicalForm(fromJson), CanonicalHash.canonicalForm(withColumn));
  }

  @Test
  void intAndFloatAreTheSameValue() {
    assertEquals(SHA256.hash(fox("{\"steps\": 30, \"cfg_scale\": 7}", List.of())),
        SHA256.hash(fox("{\"steps\": 30.0, \"cfg_scale\": 7.00}", List.of())));
  }

  @Test
  void missingAndNullParametersAreTheSame() {
    assertEquals(SHA256.hash(fox("{\"steps\": 30}", List.of())),
        SHA256.hash(fox("{\"steps\": 30, \"scheduler\": null}", List.of())));
  }

  @Test
  void typedColumnsWinAndTheGuidanceScaleAliasFolds() {
    Map<String, Object> typed = new HashMap<>();
    typed.put("steps", 25);
    typed.put("sampler", null);
    assertEquals(Map.of("cfg_scale", new BigDecimal("6.5"), "steps", 25, "sampler", "ddim"),
        CanonicalHash.parameters(Optional.of(json("{\"guidance_scale\": 6.5, \"steps\": 20, \"sampler\": \"ddim\","
            + " \"seed\": 7}")), typed));
  }

  @Test
  void stringsAreJsonEscapedAndUnicodeKept() {
    CanonicalHash.Input in = new CanonicalHash.Input(Optional.of("p"), Optional.empty(), Optional.empty(),
        Optional.empty(), List.of(), Optional.of("quote \" back \\ newline \n tab \t café"), Optional.empty(),
        Optional.of(-1L), Map.of("list", List.of(true, new BigDecimal("2.50"), "x")));
    assertEquals("{\"checkpoint\":null,\"loras\":[],\"model\":null,\"negative_prompt\":null,\"operation\":null,"
        + "\"parameters\":{\"list\":[true,2.5,\"x\"]},\"prompt\":\"quote \\\" back \\\\ newline \\n tab \\t café\","
        + "\"provider\":\"p\",\"seed\":-1}", CanonicalHash.canonicalForm(in));
  }

  @Test
  void unknownAlgorithmFailsWithAFix() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CanonicalHash("SHA-999"));
    assertEquals("Unknown hash algorithm SHA-999: this JVM does not provide it. Set enrich.hash_algorithm to SHA-256.",
        e.getMessage());
  }
}

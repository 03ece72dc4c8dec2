package io.genlake.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Seed 001's {@code prompt_config}, read from its JSON text: {@code versionId}; {@code familyId} with
 * {@code autoSelectLatest}; {@code variables} for {@code {{name}}} placeholders; {@code inlinePrompt}
 * (deprecated). Unknown keys are ignored. Variable values that are not strings are used as their JSON text
 * (numbers as written, {@code true}/{@code false}); a null variable counts as not provided.
 */
record PromptConfig(
    Optional<String> versionId,
    Optional<String> familyId,
    boolean autoSelectLatest,
    Map<String, String> variables,
    Optional<String> inlinePrompt) {

  static final String VERSION_ID = "versionId";
  static final String FAMILY_ID = "familyId";
  static final String AUTO_SELECT_LATEST = "autoSelectLatest";
  static final String VARIABLES = "variables";
  static final String INLINE_PROMPT = "inlinePrompt";

  /** The config in {@code node}, or empty when it is not a JSON object (reported as invalid_json). */
  static Optional<PromptConfig> from(JsonNode node) {
    if (node == null || !node.isObject()) {
      return Optional.empty();
    }
    Map<String, String> variables = new LinkedHashMap<>();
    JsonNode vars = node.get(VARIABLES);
    if (vars != null && vars.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = vars.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isNull()) {
          variables.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
        }
      }
    }
    JsonNode auto = node.get(AUTO_SELECT_LATEST);
    return Optional.of(new PromptConfig(
        text(node, VERSION_ID),
        text(node, FAMILY_ID),
        auto != null && (auto.asBoolean(false) || "true".equalsIgnoreCase(auto.asText())),
        Map.copyOf(variables),
        text(node, INLINE_PROMPT)));
  }

  private static Optional<String> text(JsonNode node, String key) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull() || v.isContainerNode()) {
      return Optional.empty();
    }
    String s = v.asText();
    return s.isBlank() ? Optional.empty() : Optional.of(s);
  }
}

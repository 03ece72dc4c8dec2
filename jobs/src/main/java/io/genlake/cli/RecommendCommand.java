package io.genlake.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.genlake.config.PreferenceConfig;
import io.genlake.preference.ServingSnapshot;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code genlake recommend --prompt "…"}: ranks checkpoints for a prompt from the serving snapshot the nightly
 * preference step writes, and prints JSON. Never starts Spark: configuration, snapshot file and pure-Java scoring.
 */
@Command(name = "recommend", mixinStandardHelpOptions = true,
    description = "Recommend a checkpoint for a prompt from the nightly preference snapshot (JSON; no Spark).")
final class RecommendCommand implements Callable<Integer> {
  @Mixin WarehouseOptions warehouse;

  @Option(names = "--prompt", required = true, description = "The prompt (Stable-Diffusion syntax understood).")
  String prompt;

  @Option(names = "--checkpoints", split = ",", paramLabel = "A,B,C",
      description = "Candidates (default: the pool of --family/--tier, else the most selected checkpoints).")
  List<String> checkpoints = new ArrayList<>();

  @Option(names = "--user", description = "Personalize for this user (cold start: global statistics).")
  Optional<String> user = Optional.empty();

  @Option(names = "--family", description = "Model family of the pool, e.g. sdxl.")
  Optional<String> family = Optional.empty();

  @Option(names = "--tier", defaultValue = "standard", description = "Pool tier. Default: ${DEFAULT-VALUE}.")
  String tier;

  @Override
  public Integer call() throws Exception {
    requirePrompt(prompt);
    PreferenceConfig config = warehouse.config().preference();
    ServingSnapshot snapshot = snapshot(Path.of(warehouse.warehouseRoot()));
    long t0 = System.nanoTime();
    ObjectNode answer = answer(snapshot, config, prompt, checkpoints, user, family, tier);
    answer.put("lookup_ms", (System.nanoTime() - t0) / 1e6);
    print(answer, System.out);
    return 0;
  }

  /** Refuses an empty prompt: there is no keyword to score checkpoints by. */
  static void requirePrompt(String prompt) {
    if (prompt.isBlank()) {
      throw new IllegalArgumentException("Cannot recommend for an empty prompt: there is no keyword to score "
          + "checkpoints by. Pass the prompt text with --prompt \"...\".");
    }
  }

  /** The warehouse's preference snapshot, or an error that says how to make it. */
  static ServingSnapshot snapshot(Path root) {
    return ServingSnapshot.readIfPresent(root).orElseThrow(() -> new IllegalStateException(
        "No preference snapshot under " + root + ": the nightly preference step writes it. Run `genlake nightly` "
            + "(or `genlake preference`) on this warehouse first."));
  }

  /**
   * Prints the answer as pretty JSON (the same text as Jackson's default pretty printer) with the streaming
   * generator alone: creating an ObjectMapper would cost the fast entry point ({@link RecommendMain}) more
   * start-up time than the whole lookup.
   */
  static void print(JsonNode answer, PrintStream out) throws IOException {
    StringWriter text = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(text)) {
      g.setPrettyPrinter(new DefaultPrettyPrinter());
      write(answer, g);
    }
    out.println(text);
  }

  private static void write(JsonNode node, JsonGenerator g) throws IOException {
    if (node.isObject()) {
      g.writeStartObject();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        g.writeFieldName(e.getKey());
        write(e.getValue(), g);
      }
      g.writeEndObject();
    } else if (node.isArray()) {
      g.writeStartArray();
      for (JsonNode element : node) {
        write(element, g);
      }
      g.writeEndArray();
    } else if (node.isTextual()) {
      g.writeString(node.textValue());
    } else if (node.isBoolean()) {
      g.writeBoolean(node.booleanValue());
    } else if (node.isIntegralNumber()) {
      g.writeNumber(node.longValue());
    } else if (node.isNumber()) {
      // 15 significant digits: no binary noise such as 0.15000000000000002
      g.writeNumber(Double.isFinite(node.doubleValue()) ? JsonOutput.Digits.rounded(node.doubleValue()).toString()
          : String.valueOf(node.doubleValue()));
    } else {
      g.writeNull();
    }
  }

  /** The JSON answer for one prompt (shared with {@code bench recommend}); see {@link RecommendAnswer}. */
  static ObjectNode answer(ServingSnapshot snapshot, PreferenceConfig config, String prompt, List<String> checkpoints,
      Optional<String> user, Optional<String> family, String tier) {
    return RecommendAnswer.answer(snapshot, config, prompt, checkpoints, user, family, tier);
  }
}

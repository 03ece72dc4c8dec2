package io.genlake.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Seed 001 phase 9's regression harness: a folder of generation configs ({@code fixtures/generation-hashes/*.json}),
 * each with the canonical form and hash it must give. {@link #check} runs every fixture through the enrichment's own
 * pure code (prompt resolution with the fixture's prompt versions, {@link CanonicalHash}) and reports each whose form
 * or hash differs: a change to hashing shows up here, as a failed test or a failed {@code genlake enrich check-hashes},
 * before it silently changes the hashes of a warehouse. Fixture members: {@code name}, {@code generation} (silver
 * column names; {@code parameters} and {@code prompt_config} as JSON objects or text), optional {@code prompt_versions}
 * (version_id, family_id, version_number, prompt_text, created_at) and {@code expected} ({@code canonical_form},
 * {@code canonical_hash}, optionally {@code prompt_resolution_status}). Cost: a JSON parse and a SHA-256 per fixture.
 */
public final class HashFixtures {
  /** The folder the command and the tests check, relative to the repository root. */
  public static final String DEFAULT_DIR = "fixtures/generation-hashes";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One fixture's result; {@code ok} when form, hash (and status, when expected) are as expected. */
  public record Outcome(Path file, String name, boolean ok, String expectedForm, String actualForm, String expectedHash,
      String actualHash, String expectedStatus, String actualStatus) {}

  private HashFixtures() {}

  /** Checks every {@code *.json} of {@code dir}, in file-name order; fails when the folder has none. */
  public static List<Outcome> check(Path dir) {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted(Comparator.comparing(Path::toString))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the hash fixtures in " + dir + ": " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("No hash fixtures (*.json) in " + dir + ": point --fixtures at the folder.");
    }
    List<Outcome> out = new ArrayList<>();
    for (Path f : files) {
      out.add(check(f, read(f)));
    }
    return out;
  }

  private static JsonNode read(Path f) {
    try {
      return JSON.readTree(f.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException("Hash fixture " + f + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  /** Computes one fixture's canonical form and hash and compares them with its expectations. */
  static Outcome check(Path file, JsonNode fixture) {
    JsonNode g = fixture.path("generation");
    JsonNode expected = fixture.path("expected");
    Optional<String> configText = text(g, "prompt_config");
    Optional<PromptConfig> config = configText.flatMap(HashFixtures::parse).flatMap(PromptConfig::from);
    Resolution resolution = PromptResolver.resolve(configText, config, candidates(fixture, config, g));
    List<CanonicalHash.Lora> loras = new ArrayList<>();
    for (JsonNode l : g.path("loras")) {
      loras.add(new CanonicalHash.Lora(text(l, "name"), l.hasNonNull("strength")
          ? Optional.of(l.get("strength").asDouble()) : Optional.empty()));
    }
    Map<String, Object> typed = new LinkedHashMap<>();
    typed.put("cfg_scale", g.hasNonNull("cfg_scale") ? g.get("cfg_scale").asDouble() : null);
    typed.put("steps", g.hasNonNull("steps") ? g.get("steps").asInt() : null);
    typed.put("sampler", text(g, "sampler").orElse(null));
    typed.put("scheduler", text(g, "scheduler").orElse(null));
    typed.put("width", g.hasNonNull("width") ? g.get("width").asInt() : null);
    typed.put("height", g.hasNonNull("height") ? g.get("height").asInt() : null);
    Optional<JsonNode> parameters = text(g, "parameters").flatMap(HashFixtures::parse).filter(JsonNode::isObject);
    CanonicalHash.Input input = new CanonicalHash.Input(text(g, "provider"), text(g, "operation_type"),
        text(g, "model_name"), text(g, "checkpoint"), loras,
        resolution.prompt().or(() -> text(g, "final_prompt")), text(g, "negative_prompt"),
        g.hasNonNull("seed") ? Optional.of(g.get("seed").asLong()) : Optional.empty(),
        CanonicalHash.parameters(parameters, typed));
    String form = CanonicalHash.canonicalForm(input);
    String hash = new CanonicalHash("SHA-256").hash(input);
    String expectedStatus = text(expected, "prompt_resolution_status").orElse(null);
    String status = resolution.status().label();
    boolean ok = form.equals(text(expected, "canonical_form").orElse(null))
        && hash.equals(text(expected, "canonical_hash").orElse(null))
        && (expectedStatus == null || expectedStatus.equals(status));
    return new Outcome(file, text(fixture, "name").orElse(file.getFileName().toString()), ok,
        text(expected, "canonical_form").orElse(null), form, text(expected, "canonical_hash").orElse(null), hash,
        expectedStatus, status);
  }

  /** What the enrichment's joins would find among the fixture's prompt versions (the same rules). */
  private static PromptResolver.Candidates candidates(JsonNode fixture, Optional<PromptConfig> config, JsonNode g) {
    Optional<PromptResolver.Version> byId = Optional.empty();
    boolean familyKnown = false;
    Optional<PromptResolver.Version> latest = Optional.empty();
    if (config.isEmpty()) {
      return new PromptResolver.Candidates(byId, false, latest);
    }
    Instant created = text(g, "created_at").map(Instant::parse).orElse(Instant.MAX);
    int best = Integer.MIN_VALUE;
    for (JsonNode v : fixture.path("prompt_versions")) {
      PromptResolver.Version version = new PromptResolver.Version(v.path("version_id").asText(),
          v.path("prompt_text").asText());
      if (config.get().versionId().map(id -> id.equals(version.id())).orElse(false)) {
        byId = Optional.of(version);
      }
      if (config.get().familyId().map(f -> f.equals(v.path("family_id").asText())).orElse(false)) {
        familyKnown = true;
        boolean existed = !text(v, "created_at").map(Instant::parse).orElse(Instant.MIN).isAfter(created);
        if (existed && v.path("version_number").asInt() > best) {
          best = v.path("version_number").asInt();
          latest = Optional.of(version);
        }
      }
    }
    return new PromptResolver.Candidates(byId, familyKnown, latest);
  }

  /** A member as text: strings as they are, objects and arrays as their JSON text. */
  private static Optional<String> text(JsonNode n, String name) {
    JsonNode v = n.get(name);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    return Optional.of(v.isContainerNode() ? v.toString() : v.asText());
  }

  private static Optional<JsonNode> parse(String text) {
    try {
      return Optional.ofNullable(JSON.readTree(text)).filter(n -> !n.isMissingNode());
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}

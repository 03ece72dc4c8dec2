package io.genlake.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The generation dev panel's snapshot in memory ({@link ServingFiles#GENERATIONS}): the recent generations (newest
 * first) by id, their assets and block-fit ratings, provider health, reproducibility groups, content-rating
 * violations and prompt versions, as rows of the gold and silver tables. Read-only once loaded.
 */
public final class GenerationData {
  private final Map<String, JsonNode> header;
  private final Map<String, ObjectNode> generations = new LinkedHashMap<>();
  private final Map<String, List<ObjectNode>> assetsByGeneration = new HashMap<>();
  private final Map<String, List<ObjectNode>> ratingsByGeneration = new HashMap<>();
  private final Map<String, List<ObjectNode>> ratingsByAsset = new HashMap<>();
  private final Map<String, List<ObjectNode>> generationsByHash = new HashMap<>();
  private final Map<String, ObjectNode> reproducibility = new LinkedHashMap<>();
  private final Map<String, ObjectNode> versions = new HashMap<>();
  private final List<ObjectNode> providerHealth = new ArrayList<>();
  private final List<ObjectNode> violations = new ArrayList<>();

  private GenerationData(Path file) throws IOException {
    Map<String, Consumer<ObjectNode>> arrays = Map.of(
        "generations", g -> {
          generations.put(text(g, "generation_id"), g);
          String hash = text(g, "canonical_hash");
          if (hash != null) {
            generationsByHash.computeIfAbsent(hash, h -> new ArrayList<>()).add(g);
          }
        },
        "assets", a -> assetsByGeneration.computeIfAbsent(text(a, "source_generation_id"), k -> new ArrayList<>()).add(a),
        "ratings", r -> {
          if (text(r, "generation_id") != null) {
            ratingsByGeneration.computeIfAbsent(text(r, "generation_id"), k -> new ArrayList<>()).add(r);
          }
          if (text(r, "asset_id") != null) {
            ratingsByAsset.computeIfAbsent(text(r, "asset_id"), k -> new ArrayList<>()).add(r);
          }
        },
        "provider_health", providerHealth::add,
        "reproducibility", r -> reproducibility.put(text(r, "canonical_hash"), r),
        "violations", violations::add,
        "prompt_versions", v -> versions.put(text(v, "version_id"), v));
    header = SnapshotReader.read(file, ServingFiles.GENERATIONS_FORMAT, arrays);
  }

  /** Loads {@code file}. Cost: one streaming parse. */
  public static GenerationData read(Path file) throws IOException {
    return new GenerationData(file);
  }

  /** When the nightly wrote the snapshot (ISO-8601 instant). */
  public String asOf() {
    return SnapshotReader.text(header, "as_of");
  }

  /** Non-deleted generations in silver when the snapshot was written. */
  public long generationsTotal() {
    JsonNode n = header.get("generations_total");
    return n == null ? 0 : n.asLong();
  }

  /** The recent generations, newest first. */
  public Map<String, ObjectNode> generations() {
    return generations;
  }

  /** The assets a generation produced (silver.assets rows). */
  public List<ObjectNode> assets(String generationId) {
    return assetsByGeneration.getOrDefault(generationId, List.of());
  }

  /** Block-fit ratings naming the generation. */
  public List<ObjectNode> ratingsOfGeneration(String generationId) {
    return ratingsByGeneration.getOrDefault(generationId, List.of());
  }

  /** Block-fit ratings of an asset of the recent generations. */
  public List<ObjectNode> ratingsOfAsset(String assetId) {
    return ratingsByAsset.getOrDefault(assetId, List.of());
  }

  /** The recent generations sharing {@code hash}. */
  public List<ObjectNode> sameHash(String hash) {
    return generationsByHash.getOrDefault(hash, List.of());
  }

  /** gold.reproducibility groups of the recent generations' hashes, largest first. */
  public Map<String, ObjectNode> reproducibility() {
    return reproducibility;
  }

  /** Prompt versions by version_id (family, number). */
  public Map<String, ObjectNode> versions() {
    return versions;
  }

  /** gold.provider_health, by provider then day. */
  public List<ObjectNode> providerHealth() {
    return providerHealth;
  }

  /** gold.content_rating_violations, newest first. */
  public List<ObjectNode> violations() {
    return violations;
  }

  static String text(JsonNode n, String name) {
    JsonNode v = n.get(name);
    return v == null || v.isNull() ? null : v.asText();
  }
}

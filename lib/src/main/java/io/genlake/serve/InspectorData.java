package io.genlake.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.genlake.fit.FitScorer;
import io.genlake.ontology.Ontology;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The fit inspector's snapshot in memory: blocks and assets by id with their tags and a lower-case search text, the
 * scored ratings per pair, the candidates per block, the calibration rows, and the ontology the nightly used (parsed
 * from the text the snapshot carries, so scores here are those of the batch). Read-only once loaded.
 */
public final class InspectorData {
  /** A block as tagged by the nightly. */
  public record Block(String id, Optional<String> prompt, List<String> tags, List<String> ontologyIds,
      List<String> unmappedTags, String searchText) {}

  /** A tagged asset, the texts its tags came from, and where its image is. */
  public record Asset(String id, Optional<String> generationId, List<String> captions, Optional<String> generationPrompt,
      List<String> ontologyIds, List<String> negatedIds, List<String> sources, Optional<String> path,
      Optional<String> url, Optional<String> mediaType, String searchText) {}

  private final String asOf;
  private final String runId;
  private final Ontology ontology;
  private final FitScorer scorer;
  private final Map<String, Block> blocks;
  private final Map<String, Asset> assets;
  private final Map<String, List<ObjectNode>> ratingsByPair;
  private final Map<String, List<ObjectNode>> candidatesByBlock;
  private final List<ObjectNode> calibration;

  private InspectorData(String asOf, String runId, Ontology ontology, Map<String, Block> blocks,
      Map<String, Asset> assets, Map<String, List<ObjectNode>> ratingsByPair,
      Map<String, List<ObjectNode>> candidatesByBlock, List<ObjectNode> calibration) {
    this.asOf = asOf;
    this.runId = runId;
    this.ontology = ontology;
    this.scorer = new FitScorer(ontology);
    this.blocks = blocks;
    this.assets = assets;
    this.ratingsByPair = ratingsByPair;
    this.candidatesByBlock = candidatesByBlock;
    this.calibration = calibration;
  }

  /** Loads {@code file} (see {@link ServingFiles#FIT_INSPECTOR}). Cost: one streaming parse of the file. */
  public static InspectorData read(Path file) throws IOException {
    Map<String, Block> blocks = new LinkedHashMap<>();
    Map<String, Asset> assets = new LinkedHashMap<>();
    Map<String, List<ObjectNode>> ratings = new HashMap<>();
    Map<String, List<ObjectNode>> candidates = new HashMap<>();
    List<ObjectNode> calibration = new ArrayList<>();
    Map<String, Consumer<ObjectNode>> arrays = Map.of(
        "blocks", n -> {
          Block b = block(n);
          blocks.put(b.id(), b);
        },
        "assets", n -> {
          Asset a = asset(n);
          assets.put(a.id(), a);
        },
        "ratings", n -> ratings.computeIfAbsent(pairKey(text(n, "block_id"), text(n, "asset_id")),
            k -> new ArrayList<>()).add(n),
        "candidates", n -> candidates.computeIfAbsent(text(n, "block_id"), k -> new ArrayList<>()).add(n),
        "calibration", calibration::add);
    Map<String, JsonNode> header = SnapshotReader.read(file, ServingFiles.FIT_FORMAT, arrays);
    String yaml = SnapshotReader.text(header, "ontology_yaml");
    if (yaml == null) {
      throw new IOException("the snapshot carries no ontology");
    }
    Ontology ontology = Ontology.parse(yaml, SnapshotReader.text(header, "ontology_source") + " (as of the snapshot)");
    return new InspectorData(SnapshotReader.text(header, "as_of"), SnapshotReader.text(header, "run_id"), ontology,
        blocks, assets, ratings, candidates, calibration);
  }

  /** When the nightly wrote the snapshot (ISO-8601 instant). */
  public String asOf() {
    return asOf;
  }

  /** The nightly run that wrote it. */
  public String runId() {
    return runId;
  }

  /** The ontology the nightly used (parsed from the snapshot). */
  public Ontology ontology() {
    return ontology;
  }

  /** The batch's scorer over the snapshot's ontology. */
  public FitScorer scorer() {
    return scorer;
  }

  /** Non-deleted blocks by id, in id order. */
  public Map<String, Block> blocks() {
    return blocks;
  }

  /** Tagged (non-deleted) assets by id, in id order. */
  public Map<String, Asset> assets() {
    return assets;
  }

  /** The scored ratings of a pair (gold.block_image_fits rows), oldest first. */
  public List<ObjectNode> ratings(String blockId, String assetId) {
    return ratingsByPair.getOrDefault(pairKey(blockId, assetId), List.of());
  }

  /** The block's top candidates (block_id, rank, asset_id, heuristic_score), best first. */
  public List<ObjectNode> candidates(String blockId) {
    return candidatesByBlock.getOrDefault(blockId, List.of());
  }

  /** gold.fit_calibration rows of grouping {@code all} and {@code role_in_sequence}. */
  public List<ObjectNode> calibration() {
    return calibration;
  }

  private static String pairKey(String block, String asset) {
    return block + "\u0001" + asset;
  }

  private static Block block(ObjectNode n) {
    Optional<String> prompt = Optional.ofNullable(text(n, "prompt"));
    List<String> tags = strings(n, "tags");
    String search = String.join(" ", text(n, "block_id"), prompt.orElse(""), String.join(" ", tags));
    return new Block(text(n, "block_id"), prompt, tags, strings(n, "ontology_ids"), strings(n, "unmapped_tags"),
        search.toLowerCase(Locale.ROOT));
  }

  private static Asset asset(ObjectNode n) {
    List<String> captions = strings(n, "captions");
    Optional<String> prompt = Optional.ofNullable(text(n, "generation_prompt"));
    String search = String.join(" ", text(n, "asset_id"), String.join(" ", captions), prompt.orElse(""));
    return new Asset(text(n, "asset_id"), Optional.ofNullable(text(n, "source_generation_id")), captions, prompt,
        strings(n, "ontology_ids"), strings(n, "negated_ids"), strings(n, "sources"),
        Optional.ofNullable(text(n, "path")), Optional.ofNullable(text(n, "url")),
        Optional.ofNullable(text(n, "media_type")), search.toLowerCase(Locale.ROOT));
  }

  static String text(JsonNode n, String name) {
    JsonNode v = n.get(name);
    return v == null || v.isNull() ? null : v.asText();
  }

  static List<String> strings(JsonNode n, String name) {
    JsonNode v = n.get(name);
    List<String> out = new ArrayList<>();
    if (v != null && v.isArray()) {
      v.forEach(x -> out.add(x.asText()));
    }
    return List.copyOf(out);
  }
}

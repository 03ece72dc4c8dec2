package io.genlake.serve;

import io.genlake.fit.FitResult;
import io.genlake.ontology.Category;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The fit inspector's operations over the current {@link InspectorData}: search blocks and assets, score a pair with
 * the batch's {@code FitScorer} (with its explanation, the pair's existing ratings and calibration context), and
 * resolve an asset's local image. Ratings are {@link FitRatings}' job. Answers are maps, written as JSON by the
 * server. Cost: a search scans the blocks or assets once (substring tests); a score is one {@code FitScorer} call.
 */
public final class FitService {
  /** Roles in a sequence (seed 000), the same as silver.block_fit_ratings accepts. */
  public static final List<String> ROLES = List.of("initial", "continuation", "transition", "unspecified");

  private final Snapshot<InspectorData> snapshot;
  private final Path landing;

  /** The inspector over {@code snapshot}; local images are looked up under {@code landing}. */
  public FitService(Snapshot<InspectorData> snapshot, Path landing) {
    this.snapshot = snapshot;
    this.landing = landing;
  }

  /** The snapshot in use (a 503 when there is none yet). */
  public InspectorData data() {
    return snapshot.require();
  }

  /** Blocks whose id, prompt or tags contain every word of {@code query}; exact id first. */
  public Map<String, Object> searchBlocks(String query, int limit) {
    InspectorData d = data();
    List<Map<String, Object>> out = new ArrayList<>();
    search(query, limit, d.blocks(), InspectorData.Block::searchText, b -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("block_id", b.id());
      m.put("prompt", b.prompt().orElse(null));
      m.put("ontology_ids", b.ontologyIds());
      out.add(m);
    });
    return Map.of("snapshot_as_of", d.asOf(), "total", d.blocks().size(), "results", out);
  }

  /** Assets whose id, captions or generation prompt contain every word of {@code query}; exact id first. */
  public Map<String, Object> searchAssets(String query, int limit) {
    InspectorData d = data();
    List<Map<String, Object>> out = new ArrayList<>();
    search(query, limit, d.assets(), InspectorData.Asset::searchText, a -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("asset_id", a.id());
      m.put("caption", a.captions().isEmpty() ? a.generationPrompt().orElse(null) : a.captions().get(0));
      m.put("ontology_ids", a.ontologyIds());
      out.add(m);
    });
    return Map.of("snapshot_as_of", d.asOf(), "total", d.assets().size(), "results", out);
  }

  /** Adds to {@code add} the exact-id match, then items whose text contains every word, up to {@code limit}. */
  private static <T> void search(String query, int limit, Map<String, T> items, Function<T, String> text,
      Consumer<T> add) {
    String q = query == null ? "" : query.trim();
    int n = 0;
    T exact = items.get(q);
    if (exact != null) {
      add.accept(exact);
      n++;
    }
    String[] words = q.toLowerCase(Locale.ROOT).split("\\s+");
    Predicate<String> all = s -> Arrays.stream(words).allMatch(s::contains);
    for (T item : items.values()) {
      if (n >= limit) {
        break;
      }
      if (item != exact && all.test(text.apply(item))) {
        add.accept(item);
        n++;
      }
    }
  }

  /** The ontology's categories (name, prefix, label, required), for chip colours and legends. */
  public Map<String, Object> ontology() {
    InspectorData d = data();
    List<Map<String, Object>> categories = new ArrayList<>();
    for (Category c : d.ontology().categories()) {
      categories.add(Map.of("name", c.name(), "prefix", c.prefix(), "label", c.label(), "required", c.required()));
    }
    return Map.of("snapshot_as_of", d.asOf(), "source", d.ontology().source(), "categories", categories,
        "roles", ROLES);
  }

  /** The block, or a 404 saying where it looked. */
  public InspectorData.Block block(String blockId) {
    InspectorData.Block b = data().blocks().get(blockId == null ? "" : blockId);
    if (b == null) {
      throw ServeException.notFound("Block " + blockId + " is not in the serving snapshot (" + snapshot.file()
          + "): it is not in silver.action_blocks, or it is soft-deleted, or it arrived after the last nightly.");
    }
    return b;
  }

  /** The asset, or a 404 saying where it looked. */
  public InspectorData.Asset asset(String assetId) {
    InspectorData.Asset a = data().assets().get(assetId == null ? "" : assetId);
    if (a == null) {
      throw ServeException.notFound("Asset " + assetId + " is not in the serving snapshot (" + snapshot.file()
          + "): it is not in gold.asset_tags (unknown or soft-deleted), or it arrived after the last nightly.");
    }
    return a;
  }

  /** The role, or a 400 naming the four. */
  public static String role(String role) {
    if (role == null || role.isBlank()) {
      return "unspecified";
    }
    if (!ROLES.contains(role)) {
      throw ServeException.badRequest("role_in_sequence " + role + " is not a role: use one of "
          + String.join(", ", ROLES) + ".");
    }
    return role;
  }

  /** The pair's score as the batch computes it, with both tag sets and why. */
  public FitResult fit(InspectorData.Block b, InspectorData.Asset a) {
    return data().scorer().score(b.ontologyIds(), a.ontologyIds());
  }

  /**
   * Scores {@code blockId} against {@code assetId} for {@code role}: the score and explanation (the fields of
   * {@code genlake fit score}), both tag sets, the pair's ratings, its candidate rank and the calibration context.
   */
  public Map<String, Object> score(String blockId, String assetId, String role) {
    InspectorData d = data();
    String r = role(role);
    InspectorData.Block b = block(blockId);
    InspectorData.Asset a = asset(assetId);
    FitResult f = fit(b, a);
    Map<String, Object> details = f.explanation();
    details.put("block_unmapped_tags", b.unmappedTags());
    details.put("asset_negated_ids", a.negatedIds());
    details.put("asset_text_sources", a.sources());
    Map<String, Object> block = new LinkedHashMap<>();
    block.put("block_id", b.id());
    block.put("prompt", b.prompt().orElse(null));
    block.put("tags", b.tags());
    Map<String, Object> asset = new LinkedHashMap<>();
    asset.put("asset_id", a.id());
    asset.put("generation_id", a.generationId().orElse(null));
    asset.put("captions", a.captions());
    asset.put("generation_prompt", a.generationPrompt().orElse(null));
    asset.put("asset_own_ids", a.ontologyIds());
    asset.put("media_type", a.mediaType().orElse(null));
    LocalImage image = LocalImage.of(a.path(), a.url(), landing);
    asset.put("image", image.file().isPresent() ? "/thumb/" + a.id() : null);
    asset.put("image_label", image.label());
    asset.put("image_detail", image.detail());
    asset.put("remote_url", a.url().filter(u -> u.startsWith("https://") || u.startsWith("http://")).orElse(null));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("snapshot_as_of", d.asOf());
    out.put("block_id", b.id());
    out.put("asset_id", a.id());
    out.put("role_in_sequence", r);
    out.put("heuristic_score", f.score());
    out.put("details", details);
    out.put("block", block);
    out.put("asset", asset);
    out.put("ratings", d.ratings(b.id(), a.id()));
    out.put("candidate_rank", d.candidates(b.id()).stream().filter(c -> a.id().equals(InspectorData.text(c, "asset_id")))
        .map(c -> c.get("rank").asInt()).findFirst().orElse(null));
    out.put("candidates", d.candidates(b.id()));
    out.put("calibration", Calibrations.context(d.calibration(), r, f.score()));
    return out;
  }

  /** The local image of an asset, if it has one to serve. */
  public Optional<LocalImage> image(String assetId) {
    InspectorData.Asset a = asset(assetId);
    LocalImage image = LocalImage.of(a.path(), a.url(), landing);
    return image.file().isPresent() ? Optional.of(image) : Optional.empty();
  }
}

package io.genlake.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.genlake.ontology.Ontology;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * Serving snapshots for server tests, written as the nightly writes them but without Spark: seed 000's block b1
 * ("couple from behind … side by side … tender") and assets a1 (from behind, with a local PNG), a2 (front view: the
 * seed's "camera is front-facing, block expects from_behind") and a3 (no text), one rating of (b1, a2), calibration
 * of all roles and of role initial; and a generations snapshot of three generations.
 */
final class ServeFixtures {
  static final String AS_OF = "2026-11-20T03:00:00Z";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ServeFixtures() {}

  /** Writes both snapshots under {@code warehouse}'s serving/ and a1's image under {@code landing}. */
  static void write(Path warehouse, Path landing) throws IOException {
    Map<String, Object> fit = new LinkedHashMap<>();
    fit.put("format", ServingFiles.FIT_FORMAT);
    fit.put("version", ServingFiles.VERSION);
    fit.put("as_of", AS_OF);
    fit.put("run_id", "nightly-test");
    fit.put("ontology_source", "classpath:ontology.yaml");
    fit.put("ontology_yaml", Ontology.textOf(Optional.empty()));
    fit.put("blocks", List.of(
        Map.of("block_id", "b1", "prompt", "couple from behind, walking side by side on the beach, tender, slow motion",
            "tags", List.of("cam:from_behind", "mood:tender", "sparkles"),
            "ontology_ids", List.of("cam:from_behind", "rel:side_by_side", "actor:couple", "state:walking", "mood:tender",
                "speed:slow_motion", "setting:beach"), "unmapped_tags", List.of("sparkles")),
        Map.of("block_id", "b2", "prompt", "close-up of a cat", "tags", List.of(),
            "ontology_ids", List.of("cam:closeup", "actor:cat"), "unmapped_tags", List.of())));
    fit.put("assets", List.of(
        Map.of("asset_id", "a1", "captions", List.of("a couple walking side by side on the beach, from behind"),
            "ontology_ids", List.of("cam:from_behind", "rel:side_by_side", "actor:couple", "state:walking",
                "setting:beach"), "negated_ids", List.of(), "sources", List.of("caption"), "path", "images/a1.png"),
        Map.of("asset_id", "a2", "captions", List.of("front view of a couple, side by side, beach"),
            "ontology_ids", List.of("cam:front_view", "rel:side_by_side", "actor:couple", "setting:beach"),
            "negated_ids", List.of(), "sources", List.of("caption"), "url", "https://cdn.example.com/a2.png"),
        Map.of("asset_id", "a3", "ontology_ids", List.of(), "negated_ids", List.of(), "sources", List.of())));
    fit.put("ratings", List.of(Map.of("rating_key", "k1", "block_id", "b1", "asset_id", "a2", "role_in_sequence",
        "initial", "user_id", "u1", "fit_rating", 2, "heuristic_score", 0.6, "status", "scored", "notes",
        "Camera is front-facing, block expects from_behind", "created_at", "2026-11-19T10:00:00.000Z")));
    fit.put("candidates", List.of(Map.of("block_id", "b1", "rank", 1, "asset_id", "a1", "heuristic_score", 1.0)));
    Map<String, Object> all = calibration("all", null, 40, 0.41);
    Map<String, Object> initial = calibration("role_in_sequence", "initial", 12, 0.55);
    fit.put("calibration", List.of(all, initial));
    gzip(ServingFiles.local(warehouse.toString(), ServingFiles.FIT_INSPECTOR), fit);

    Map<String, Object> gen = new LinkedHashMap<>();
    gen.put("format", ServingFiles.GENERATIONS_FORMAT);
    gen.put("version", ServingFiles.VERSION);
    gen.put("as_of", AS_OF);
    gen.put("generations_total", 3);
    gen.put("generations_limit", 10);
    gen.put("generations", List.of(
        generation("g3", "2026-11-19T12:00:00.000Z", "failed", "comfyui", "h1", "mature_implied", "romantic"),
        generation("g2", "2026-11-18T12:00:00.000Z", "completed", "comfyui", "h1", null, null),
        generation("g1", "2026-11-10T12:00:00.000Z", "completed", "openai", "h2", null, null)));
    gen.put("assets", List.of(Map.of("asset_id", "a1", "source_generation_id", "g2", "captions", List.of("a couple"))));
    gen.put("ratings", List.of(Map.of("rating_key", "k9", "block_id", "b1", "asset_id", "a1", "generation_id", "g2",
        "role_in_sequence", "initial", "user_id", "u2", "fit_rating", 5, "created_at", "2026-11-18T13:00:00.000Z")));
    gen.put("provider_health", List.of(Map.of("provider", "comfyui", "day", "2026-11-18", "requests", 2, "completed", 1,
        "failed", 1, "cancelled", 0, "in_progress", 0, "success_rate", 0.5)));
    gen.put("reproducibility", List.of(Map.of("canonical_hash", "h1", "provider", "comfyui", "generations", 2,
        "statuses", List.of("completed", "failed"), "non_deterministic", true, "reasons", List.of("status"))));
    gen.put("violations", List.of(Map.of("generation_id", "g3", "created_at", "2026-11-19T12:00:00.000Z",
        "requested_content_rating", "mature_implied", "content_rating", "romantic")));
    gen.put("prompt_versions", List.of(Map.of("version_id", "v2", "family_id", "fam", "family_name", "fox",
        "version_number", 2)));
    gzip(ServingFiles.local(warehouse.toString(), ServingFiles.GENERATIONS), gen);

    Files.createDirectories(landing.resolve("images"));
    Files.write(landing.resolve("images/a1.png"), java.util.Base64.getDecoder().decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="));
  }

  private static Map<String, Object> calibration(String grouping, String value, int n, double rho) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("grouping", grouping);
    m.put("group_value", value);
    m.put("n", n);
    m.put("spearman", rho);
    m.put("spearman_ci_low", rho - 0.2);
    m.put("spearman_ci_high", rho + 0.2);
    m.put("mean_rating_by_decile", java.util.Arrays.asList(1.0, 1.5, null, 2.0, 2.5, 3.0, 3.25, 4.0, 4.5, 4.8));
    m.put("pairs_by_decile", List.of(2, 2, 0, 3, 4, 5, 4, 8, 6, 6));
    return m;
  }

  private static Map<String, Object> generation(String id, String created, String status, String provider, String hash,
      String requested, String rating) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("generation_id", id);
    m.put("created_at", created);
    m.put("status", status);
    m.put("provider", provider);
    m.put("model_name", provider.equals("openai") ? "dall-e-3" : "sdxl");
    m.put("canonical_hash", hash);
    m.put("resolved_prompt_version_id", "v2");
    m.put("resolved_prompt", "3 foxes at dusk");
    m.put("prompt_config", "{\"familyId\":\"fam\",\"autoSelectLatest\":true,\"variables\":{\"n\":3}}");
    m.put("requested_content_rating", requested);
    m.put("content_rating", rating);
    m.put("latency_ms", 1200);
    m.put("cost_usd", 0.04);
    return m;
  }

  private static void gzip(Path file, Object value) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      JSON.writeValue(out, value);
    }
  }
}

package io.genlake.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The generation dev panel's operations over the current {@link GenerationData}: the recent generations filtered by
 * status, provider, model, prompt version and creation date; one generation's drill-down (resolved prompt and
 * version, variables, canonical hash and its group, content rating and clamp, timing and cost, linked assets and
 * ratings); provider health per day; reproducibility groups; content-rating violations. Cost: a list scans the recent
 * generations once; a drill-down is a few map lookups.
 */
public final class GenerationService {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Content ratings, least to most explicit (seed 001 phase 4). */
  private static final List<String> RATINGS = List.of("sfw", "romantic", "mature_implied", "restricted");

  private final Snapshot<GenerationData> snapshot;

  /** The panel over {@code snapshot}. */
  public GenerationService(Snapshot<GenerationData> snapshot) {
    this.snapshot = snapshot;
  }

  /** Filters for the list; empty = any. Dates are UTC days {@code YYYY-MM-DD}, inclusive. */
  public record Filter(Optional<String> status, Optional<String> provider, Optional<String> model,
      Optional<String> promptVersion, Optional<String> from, Optional<String> to) {
    boolean matches(ObjectNode g) {
      String day = Optional.ofNullable(GenerationData.text(g, "created_at")).map(t -> t.substring(0, 10)).orElse("");
      return is(status, g, "status") && is(provider, g, "provider") && is(model, g, "model_name")
          && is(promptVersion, g, "resolved_prompt_version_id")
          && from.map(f -> day.compareTo(f) >= 0).orElse(true) && to.map(t -> day.compareTo(t) <= 0).orElse(true);
    }

    private static boolean is(Optional<String> want, ObjectNode g, String field) {
      return want.map(w -> w.equals(GenerationData.text(g, field))).orElse(true);
    }
  }

  /** Matching generations, newest first, {@code limit} from {@code offset}, with the values each filter offers. */
  public Map<String, Object> list(Filter filter, int offset, int limit) {
    GenerationData d = snapshot.require();
    for (Optional<String> day : List.of(filter.from(), filter.to())) {
      if (day.isPresent() && !day.get().matches("\\d{4}-\\d{2}-\\d{2}")) {
        throw ServeException.badRequest("Date " + day.get() + " is not YYYY-MM-DD (a UTC day, e.g. 2026-11-20).");
      }
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    int matched = 0;
    TreeMap<String, TreeSet<String>> options = new TreeMap<>();
    for (String f : List.of("status", "provider", "model_name", "resolved_prompt_version_id")) {
      options.put(f, new TreeSet<>());
    }
    for (ObjectNode g : d.generations().values()) {
      options.forEach((f, values) -> Optional.ofNullable(GenerationData.text(g, f)).ifPresent(values::add));
      if (!filter.matches(g)) {
        continue;
      }
      if (matched >= offset && rows.size() < limit) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String f : List.of("generation_id", "created_at", "status", "provider", "model_name",
            "resolved_prompt_version_id", "prompt_resolution_status", "content_rating", "latency_ms", "cost_usd",
            "canonical_hash")) {
          m.put(f, g.get(f));
        }
        m.put("prompt_version", versionLabel(d, GenerationData.text(g, "resolved_prompt_version_id")));
        rows.add(m);
      }
      matched++;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("snapshot_as_of", d.asOf());
    out.put("generations_total", d.generationsTotal());
    out.put("generations_in_snapshot", d.generations().size());
    out.put("matched", matched);
    out.put("offset", offset);
    out.put("results", rows);
    out.put("options", options);
    return out;
  }

  /** One generation's drill-down, or a 404 when it is not among the snapshot's recent generations. */
  public Map<String, Object> detail(String id) {
    GenerationData d = snapshot.require();
    ObjectNode g = d.generations().get(id);
    if (g == null) {
      throw ServeException.notFound("Generation " + id + " is not among the " + d.generations().size() + " most recent "
          + "generations of the snapshot (serve.generations): look it up with `genlake sql \"SELECT * FROM "
          + "silver.generations WHERE generation_id = '…'\"`.");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("snapshot_as_of", d.asOf());
    out.put("generation", g);
    String version = GenerationData.text(g, "resolved_prompt_version_id");
    out.put("prompt_version", version == null ? null : d.versions().get(version));
    out.put("prompt_version_label", versionLabel(d, version));
    out.put("variables", variables(GenerationData.text(g, "prompt_config")));
    String hash = GenerationData.text(g, "canonical_hash");
    out.put("hash_group", hash == null ? null : d.reproducibility().get(hash));
    out.put("same_hash", hash == null ? List.of() : d.sameHash(hash).stream()
        .map(s -> GenerationData.text(s, "generation_id")).filter(s -> !s.equals(id)).toList());
    String requested = GenerationData.text(g, "requested_content_rating");
    String rating = GenerationData.text(g, "content_rating");
    out.put("content_rating_clamped", requested != null && rating != null
        && RATINGS.indexOf(requested) > RATINGS.indexOf(rating));
    List<ObjectNode> assets = d.assets(id);
    out.put("assets", assets);
    List<ObjectNode> ratings = new ArrayList<>(d.ratingsOfGeneration(id));
    for (ObjectNode a : assets) {
      d.ratingsOfAsset(GenerationData.text(a, "asset_id")).stream().filter(r -> !ratings.contains(r)).forEach(ratings::add);
    }
    out.put("ratings", ratings);
    return out;
  }

  /** gold.provider_health per provider: one series of days each. */
  public Map<String, Object> providerHealth() {
    GenerationData d = snapshot.require();
    Map<String, List<ObjectNode>> byProvider = new TreeMap<>();
    d.providerHealth().forEach(r -> byProvider.computeIfAbsent(GenerationData.text(r, "provider"),
        k -> new ArrayList<>()).add(r));
    return Map.of("snapshot_as_of", d.asOf(), "providers", byProvider);
  }

  /** Reproducibility groups of the recent generations' hashes, largest first; non-deterministic only if asked. */
  public Map<String, Object> reproducibility(boolean nonDeterministicOnly, int limit) {
    GenerationData d = snapshot.require();
    List<ObjectNode> rows = d.reproducibility().values().stream()
        .filter(r -> !nonDeterministicOnly || r.path("non_deterministic").asBoolean()).limit(limit).toList();
    return Map.of("snapshot_as_of", d.asOf(), "groups", d.reproducibility().size(), "results", rows);
  }

  /** Content-rating violations, newest first. */
  public Map<String, Object> violations(int limit) {
    GenerationData d = snapshot.require();
    return Map.of("snapshot_as_of", d.asOf(), "total", d.violations().size(),
        "results", d.violations().stream().limit(limit).toList());
  }

  private static String versionLabel(GenerationData d, String versionId) {
    ObjectNode v = versionId == null ? null : d.versions().get(versionId);
    if (v == null) {
      return versionId;
    }
    String family = Optional.ofNullable(GenerationData.text(v, "family_name"))
        .orElse(GenerationData.text(v, "family_id"));
    return family + " v" + GenerationData.text(v, "version_number");
  }

  /** The prompt_config's {@code variables} object, or null (absent or not JSON). */
  private static JsonNode variables(String promptConfig) {
    if (promptConfig == null) {
      return null;
    }
    try {
      JsonNode n = JSON.readTree(promptConfig);
      return n != null && n.isObject() ? n.get("variables") : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}

package io.genlake.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.util.Fields;

/**
 * What each URL answers (docs/serve.md lists them): the two pages, the fit inspector's API (ontology, block and asset
 * search, score, ratings, thumbnails) and the generation panel's API (list, drill-down, provider health,
 * reproducibility, violations), and {@code /api/recommend} when a {@link RecommendService} is given. Independent of the
 * HTTP library: {@link WebServer} calls {@link #answer}.
 */
public final class Routes {
  /** An answer: status, media type and body. */
  public record Answer(int status, String contentType, byte[] bytes) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> PAGES = Set.of("/", "/fit", "/generations", "/favicon.ico");
  private static final int MAX_LIMIT = 500;

  private final FitService fits;
  private final FitRatings ratings;
  private final GenerationService generations;
  private final Optional<RecommendService> recommendations;

  /** The routes over the three services. */
  public Routes(FitService fits, FitRatings ratings, GenerationService generations) {
    this(fits, ratings, generations, Optional.empty());
  }

  /** The routes over the three services and, when given, the checkpoint recommendations. */
  public Routes(FitService fits, FitRatings ratings, GenerationService generations,
      Optional<RecommendService> recommendations) {
    this.fits = fits;
    this.ratings = ratings;
    this.generations = generations;
    this.recommendations = recommendations;
  }

  /** Paths that need no token: the page shells, which hold no data (their data comes from the API). */
  static boolean isPage(String path) {
    return PAGES.contains(path);
  }

  /** Answers one request; throws {@link ServeException} for a refused one. */
  public Answer answer(String method, String path, Fields query, JsonNode body) throws IOException {
    boolean get = "GET".equals(method);
    if (path.equals("/api/ratings")) {
      if (!"POST".equals(method)) {
        throw new ServeException(405, "POST a rating as JSON to /api/ratings.");
      }
      return json(201, ratings.rate(body));
    }
    if (!get) {
      throw new ServeException(405, method + " is not supported here: only GET (and POST /api/ratings).");
    }
    switch (path) {
      case "/":
      case "/fit":
        return page("inspector.html");
      case "/generations":
        return page("generations.html");
      case "/favicon.ico":
        return new Answer(204, "image/x-icon", new byte[0]);
      case "/healthz":
        return json(200, Map.of("ok", true));
      case "/api/ontology":
        return json(200, fits.ontology());
      case "/api/blocks":
        return json(200, fits.searchBlocks(value(query, "q").orElse(""), limit(query, 20)));
      case "/api/assets":
        return json(200, fits.searchAssets(value(query, "q").orElse(""), limit(query, 20)));
      case "/api/score":
        return json(200, score(query));
      case "/api/generations":
        return json(200, generations.list(new GenerationService.Filter(value(query, "status"), value(query, "provider"),
            value(query, "model"), value(query, "prompt_version"), value(query, "from"), value(query, "to")),
            number(query, "offset", 0, Integer.MAX_VALUE, 0), limit(query, 50)));
      case "/api/provider-health":
        return json(200, generations.providerHealth());
      case "/api/reproducibility":
        return json(200, generations.reproducibility(value(query, "non_deterministic").filter("true"::equals)
            .isPresent(), limit(query, 100)));
      case "/api/violations":
        return json(200, generations.violations(limit(query, 100)));
      case "/api/recommend":
        return recommend(query);
      default:
        break;
    }
    if (path.startsWith("/api/generations/")) {
      return json(200, generations.detail(path.substring("/api/generations/".length())));
    }
    if (path.startsWith("/thumb/")) {
      String asset = path.substring("/thumb/".length());
      LocalImage image = fits.image(asset).orElseThrow(() -> ServeException.notFound("Asset " + asset
          + " has no local image to show."));
      return new Answer(200, image.mime(), WebServer.file(image.file().orElseThrow()));
    }
    throw ServeException.notFound("No such page or API: " + path + ". Pages: /fit, /generations.");
  }

  private Map<String, Object> score(Fields query) {
    String block = value(query, "block_id").orElseThrow(() -> ServeException.badRequest("block_id is missing."));
    String asset = value(query, "asset_id").orElseThrow(() -> ServeException.badRequest("asset_id is missing."));
    Map<String, Object> out = new LinkedHashMap<>(fits.score(block, asset, value(query, "role").orElse(null)));
    List<Object> all = new ArrayList<>((List<?>) out.get("ratings"));
    all.addAll(ratings.pending(block, asset));
    out.put("ratings", all);
    return out;
  }

  /** The recommendation as {@code genlake recommend} prints it (parameters: prompt, checkpoints, user, family, tier). */
  private Answer recommend(Fields query) {
    RecommendService service = recommendations.orElseThrow(() -> ServeException.notFound("This server has no "
        + "recommendations: start it with `genlake serve`."));
    String prompt = Optional.ofNullable(query.getValue("prompt")).orElseThrow(() -> ServeException.badRequest(
        "prompt is missing."));
    List<String> checkpoints = value(query, "checkpoints").map(v -> List.of(v.split(",", -1))).orElse(List.of());
    try {
      String text = service.answer(prompt, checkpoints, value(query, "user"), value(query, "family"),
          value(query, "tier").orElse("standard"));
      return new Answer(200, "application/json; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw ServeException.badRequest(e.getMessage());
    } catch (IllegalStateException e) {
      throw ServeException.notFound(e.getMessage());
    }
  }

  private static Answer page(String name) throws IOException {
    return new Answer(200, "text/html; charset=utf-8", WebServer.resource(name));
  }

  private static Answer json(int status, Object value) {
    try {
      return new Answer(status, "application/json; charset=utf-8", JSON.writeValueAsString(value)
          .getBytes(StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Optional<String> value(Fields query, String name) {
    return Optional.ofNullable(query.getValue(name)).filter(v -> !v.isBlank());
  }

  private static int limit(Fields query, int dflt) {
    return number(query, "limit", 1, MAX_LIMIT, dflt);
  }

  private static int number(Fields query, String name, int min, int max, int dflt) {
    Optional<String> v = value(query, name);
    if (v.isEmpty()) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v.get());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw ServeException.badRequest(name + " " + v.get() + " is not a whole number from " + min + " to " + max + ".");
  }
}

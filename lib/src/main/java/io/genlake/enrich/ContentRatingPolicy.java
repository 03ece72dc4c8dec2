package io.genlake.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Seed 001 phase 4 for one generation's social context: intimacy level → band → requested rating, clamped by
 * the world's and the user's maximum. The level → band map comes from {@code enrich.intimacy_bands} (worlds
 * name their own levels); the band → rating map is fixed: none → sfw, light → romantic, deep → romantic,
 * intense → mature_implied. Intimacy never derives {@code restricted}; only an explicit contentRating can.
 * Pure logic, no Spark.
 */
final class ContentRatingPolicy implements Serializable {
  private static final long serialVersionUID = 1L;

  static final String INTIMACY_LEVEL = "intimacyLevelId";
  static final String INTIMACY_BAND = "intimacyBand";
  static final String CONTENT_RATING = "contentRating";
  static final String WORLD_MAX = "worldMaxRating";
  static final String USER_MAX = "userMaxRating";

  /** Seed 001's bands and the rating each one asks for. */
  static final Map<String, Rating> BAND_RATINGS = Map.of(
      "none", Rating.SFW,
      "light", Rating.ROMANTIC,
      "deep", Rating.ROMANTIC,
      "intense", Rating.MATURE_IMPLIED);

  /** How a social context was read; each is counted per run. */
  enum Status {
    /** No social context on the generation: no rating. */
    NONE,
    /** Rated. */
    RATED,
    /** social_context is not a JSON object. */
    INVALID_JSON,
    /** Neither a known intimacy level, a known band nor a known contentRating: no rating. */
    UNKNOWN_INTIMACY,
    /** A maximum (world or user) that is not a rating name: ignored, the other limits still apply. */
    UNKNOWN_MAX_RATING;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The requested rating, the most allowed, the final (clamped) rating and how the context was read. */
  record Decision(Optional<Rating> requested, Rating allowed, Optional<Rating> rating, Status status) {
    /** True when the request asked for more than the world or user allows. */
    boolean violates() {
      return requested.isPresent() && requested.get().compareTo(allowed) > 0;
    }
  }

  private final Map<String, String> levelBands;

  /** {@code levelBands}: intimacy level id → band (none, light, deep or intense). */
  ContentRatingPolicy(Map<String, String> levelBands) {
    for (Map.Entry<String, String> e : levelBands.entrySet()) {
      if (!BAND_RATINGS.containsKey(e.getValue())) {
        throw new IllegalArgumentException("Intimacy level " + e.getKey() + " maps to unknown band " + e.getValue()
            + ": expected one of none, light, deep, intense. Fix enrich.intimacy_bands.");
      }
    }
    this.levelBands = new LinkedHashMap<>(levelBands);
  }

  /** The configured intimacy level → band map. */
  Map<String, String> levelBands() {
    return Map.copyOf(levelBands);
  }

  /** The band of an intimacy level, or empty when the level is unknown. */
  Optional<String> band(String level) {
    return Optional.ofNullable(levelBands.get(level));
  }

  /**
   * Decides the rating for a generation whose social context is {@code context} (empty: none; a non-object
   * node: invalid). The request is the intimacy level's band (else the explicit intimacyBand, else the
   * explicit contentRating); the allowed maximum is the lower of worldMaxRating and userMaxRating (restricted
   * when neither is set).
   */
  Decision decide(Optional<JsonNode> context) {
    if (context.isEmpty()) {
      return new Decision(Optional.empty(), Rating.RESTRICTED, Optional.empty(), Status.NONE);
    }
    JsonNode c = context.get();
    if (!c.isObject()) {
      return new Decision(Optional.empty(), Rating.RESTRICTED, Optional.empty(), Status.INVALID_JSON);
    }
    Optional<String> band = text(c, INTIMACY_LEVEL).flatMap(this::band)
        .or(() -> text(c, INTIMACY_BAND).filter(BAND_RATINGS::containsKey));
    Optional<Rating> requested = band.map(BAND_RATINGS::get)
        .or(() -> text(c, CONTENT_RATING).flatMap(Rating::of));
    Status status = requested.isPresent() ? Status.RATED : Status.UNKNOWN_INTIMACY;
    Rating allowed = Rating.RESTRICTED;
    for (String key : new String[] {WORLD_MAX, USER_MAX}) {
      Optional<String> max = text(c, key);
      if (max.isPresent()) {
        Optional<Rating> r = Rating.of(max.get());
        if (r.isEmpty()) {
          status = status == Status.RATED ? Status.UNKNOWN_MAX_RATING : status;
        } else {
          allowed = allowed.clampTo(r.get());
        }
      }
    }
    final Rating limit = allowed;
    return new Decision(requested, allowed, requested.map(r -> r.clampTo(limit)), status);
  }

  private static Optional<String> text(JsonNode node, String key) {
    JsonNode v = node.get(key);
    return v == null || !v.isTextual() || v.asText().isBlank() ? Optional.empty() : Optional.of(v.asText().trim());
  }
}

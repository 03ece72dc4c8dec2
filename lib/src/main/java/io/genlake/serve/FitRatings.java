package io.genlake.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.genlake.fit.FitResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Seed 000's {@code /rate}: validates a rating, scores the pair with the snapshot the rater saw, and appends the
 * record (rating, notes, role, user, the heuristic score and both tag snapshots as shown) to the landing through
 * {@link RatingLanding}; the next nightly ingests it into {@code silver.block_fit_ratings} and
 * {@code gold.block_image_fits}. Invalid input is refused with a 4xx message naming the field and writes nothing.
 */
public final class FitRatings {
  /** Landing field names (docs/landing-formats.md, block-fit ratings). */
  static final Set<String> FIELDS = Set.of("block_id", "asset_id", "role_in_sequence", "fit_rating", "notes", "user_id",
      "snapshot_as_of");
  private static final int MAX_USER_CHARS = 200;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FitService fits;
  private final RatingLanding landing;
  private final int maxNotesChars;
  private final List<Map<String, Object>> recorded = new ArrayList<>();

  /** Ratings of pairs {@code fits} knows, appended to {@code landing}; notes up to {@code maxNotesChars}. */
  public FitRatings(FitService fits, RatingLanding landing, int maxNotesChars) {
    this.fits = fits;
    this.landing = landing;
    this.maxNotesChars = maxNotesChars;
  }

  /**
   * Records the rating in {@code request} (a JSON object with block_id, asset_id, fit_rating 1-5, user_id and
   * optionally role_in_sequence, notes, snapshot_as_of); returns the landing record and the file it went to.
   */
  public Map<String, Object> rate(JsonNode request) {
    if (request == null || !request.isObject()) {
      throw ServeException.badRequest("A rating is a JSON object with block_id, asset_id, fit_rating (1-5), user_id "
          + "and optionally role_in_sequence, notes.");
    }
    request.fieldNames().forEachRemaining(f -> {
      if (!FIELDS.contains(f)) {
        throw ServeException.badRequest("Unknown field " + f + ": a rating has " + String.join(", ", FIELDS.stream()
            .sorted().toList()) + ".");
      }
    });
    JsonNode r = request.get("fit_rating");
    if (r == null || !r.isIntegralNumber() || r.asLong() < 1 || r.asLong() > 5) {
      throw ServeException.badRequest("fit_rating " + (r == null ? "is missing" : r + " is not a whole number from 1 "
          + "to 5") + ": rate how well the block fits the image, 1 (not at all) to 5 (perfectly).");
    }
    String user = text(request, "user_id");
    if (user == null || user.isBlank() || user.length() > MAX_USER_CHARS) {
      throw ServeException.badRequest("user_id is " + (user == null || user.isBlank() ? "missing" : "longer than "
          + MAX_USER_CHARS + " characters") + ": say who rates (it keeps each rater's history apart).");
    }
    String notes = text(request, "notes");
    if (notes != null && notes.codePointCount(0, notes.length()) > maxNotesChars) {
      throw ServeException.badRequest("notes has " + notes.codePointCount(0, notes.length()) + " characters, more than "
          + "the " + maxNotesChars + " allowed (serve.max_notes_chars): shorten it.");
    }
    String role = FitService.role(text(request, "role_in_sequence"));
    InspectorData data = fits.data();
    String seen = text(request, "snapshot_as_of");
    if (seen != null && !seen.equals(data.asOf())) {
      throw new ServeException(409, "The serving snapshot changed since this fit was computed (" + seen + " -> "
          + data.asOf() + "): compute the fit again and check it before rating.");
    }
    InspectorData.Block b = fits.block(text(request, "block_id"));
    InspectorData.Asset a = fits.asset(text(request, "asset_id"));
    FitResult f = fits.fit(b, a);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("rating_id", "serve-" + UUID.randomUUID());
    record.put("block_id", b.id());
    record.put("asset_id", a.id());
    record.put("role_in_sequence", role);
    record.put("user_id", user);
    record.put("fit_rating", r.asInt());
    record.put("heuristic_score", f.score());
    record.put("notes", notes == null || notes.isBlank() ? null : notes);
    record.put("created_at", now.toString());
    record.put("block_tags_snapshot", Map.of("ontology_ids", f.blockOntologyIds(), "unmapped_tags", b.unmappedTags()));
    record.put("asset_tags_snapshot", Map.of("ontology_ids", f.assetOntologyIds()));
    record.put("snapshot_as_of", data.asOf());
    try {
      landing.append(JSON.writeValueAsString(record), now);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    } catch (IOException e) {
      throw new ServeException(500, "Cannot append the rating to " + landing.fileFor(now) + ": " + e.getMessage()
          + ". Check that the landing directory is writable; nothing was recorded.");
    }
    synchronized (recorded) {
      recorded.add(record);
    }
    Map<String, Object> out = new LinkedHashMap<>(record);
    out.put("landing_file", landing.fileFor(now).toString());
    return out;
  }

  /** Ratings of the pair recorded by this process since the snapshot was written (not in gold yet). */
  public List<Map<String, Object>> pending(String blockId, String assetId) {
    String asOf = fits.data().asOf();
    synchronized (recorded) {
      return recorded.stream().filter(m -> m.get("block_id").equals(blockId) && m.get("asset_id").equals(assetId)
          && (asOf == null || ((String) m.get("created_at")).compareTo(asOf) > 0)).toList();
    }
  }

  private static String text(JsonNode n, String name) {
    JsonNode v = n.get(name);
    return v == null || v.isNull() ? null : v.asText();
  }
}

package io.genlake.ingest;

import io.genlake.table.SilverBlockFitRatings;
import io.genlake.table.SilverImageRatings;
import io.genlake.table.SilverPreferenceEvents;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** Maps the three rating kinds: seed 000's block-fit ratings, seed 002's images, seed 003's preference events. */
final class RatingMappers {
  static final Map<String, List<String>> BLOCK_FIT_ALIASES = Map.of(
      SilverBlockFitRatings.RATING_ID, List.of("id"),
      SilverBlockFitRatings.APP_HEURISTIC_SCORE, List.of("heuristic_score"));
  static final Map<String, List<String>> IMAGE_ALIASES = Map.of(SilverImageRatings.IMAGE_ID, List.of("id"));
  /** The images table's column of ML predictions (seed 002). */
  static final String ML_PREDICTIONS = "ml_predictions";
  private static final Map<String, List<String>> IMAGE_METADATA_ALIASES = Map.of(
      "cfg_scale", List.of("guidance_scale"), SilverImageRatings.TEMPLATE, List.of("template_name"));
  static final Map<String, List<String>> PREFERENCE_ALIASES = Map.of(
      SilverPreferenceEvents.EVENT_ID, List.of("id"),
      SilverPreferenceEvents.CREATED_AT, List.of("timestamp"),
      SilverPreferenceEvents.APP_KEYWORDS, List.of("keywords"));

  private RatingMappers() {}

  static RowValues blockFit(RecordFields in, RowValues out) {
    String block = in.requireUuid(SilverBlockFitRatings.BLOCK_ID);
    String asset = in.id(SilverBlockFitRatings.ASSET_ID);
    String generation = in.id(SilverBlockFitRatings.GENERATION_ID);
    String role = in.enumOf(SilverBlockFitRatings.ROLE_IN_SEQUENCE, SilverBlockFitRatings.ROLES, "unspecified");
    String user = in.id(SilverBlockFitRatings.USER_ID);
    Integer rating = in.requireInteger(SilverBlockFitRatings.FIT_RATING, 1, 5);
    Timestamp created = in.requireTimestamp(SilverBlockFitRatings.CREATED_AT);
    if (asset == null && generation == null) {
      throw in.missingBecause("has neither asset_id nor generation_id: a rating needs one of them");
    }
    String ratingId = in.id(SilverBlockFitRatings.RATING_ID);
    return out.put(SilverBlockFitRatings.RATING_KEY, ratingKey(ratingId, block, asset, generation, user, role, created))
        .put(SilverBlockFitRatings.RATING_ID, ratingId)
        .put(SilverBlockFitRatings.BLOCK_ID, block)
        .put(SilverBlockFitRatings.ASSET_ID, asset)
        .put(SilverBlockFitRatings.GENERATION_ID, generation)
        .put(SilverBlockFitRatings.ROLE_IN_SEQUENCE, role)
        .put(SilverBlockFitRatings.USER_ID, user)
        .put(SilverBlockFitRatings.FIT_RATING, rating)
        .put(SilverBlockFitRatings.APP_HEURISTIC_SCORE, in.decimal(SilverBlockFitRatings.APP_HEURISTIC_SCORE, 0, 1))
        .put(SilverBlockFitRatings.BLOCK_TAGS_SNAPSHOT, tagSnapshot(in, SilverBlockFitRatings.BLOCK_TAGS_SNAPSHOT))
        .put(SilverBlockFitRatings.ASSET_TAGS_SNAPSHOT, tagSnapshot(in, SilverBlockFitRatings.ASSET_TAGS_SNAPSHOT))
        .put(SilverBlockFitRatings.NOTES, in.string(SilverBlockFitRatings.NOTES))
        .put(SilverBlockFitRatings.CREATED_AT, created)
        .eventTime(created);
  }

  /**
   * The ontology IDs of a tag snapshot as the app recorded it: seed 000's object {@code {"ontology_ids": [...], ...}}
   * (its other members stay in the bronze record); null when the record has no snapshot, empty when the object has no
   * {@code ontology_ids}.
   */
  private static List<String> tagSnapshot(RecordFields in, String name) {
    RecordFields snapshot = in.nested(name, Map.of());
    return snapshot == null ? null : snapshot.strings(SilverBlockFitRatings.SNAPSHOT_ONTOLOGY_IDS);
  }

  /**
   * The rating's own key, SHA-256 (hex): of the app's rating_id when it gave one (a record sent again with the same
   * id replaces the earlier one), else of the pair, user, role and created_at. Every rating is its own row: a
   * re-rating of the same pair by the same user and role is a new row, never a replacement.
   */
  static String ratingKey(String ratingId, String block, String asset, String generation, String user, String role,
      Timestamp created) {
    String[] parts = ratingId != null ? new String[] {"rating_id", ratingId}
        : new String[] {block, asset, generation, user, role, created.toInstant().toString()};
    StringBuilder b = new StringBuilder();
    for (String part : parts) {
      b.append(part == null ? "\u0000null" : part).append('\u0001');
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(b.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  static RowValues image(RecordFields in, RowValues out) {
    Timestamp created = in.requireTimestamp(SilverImageRatings.CREATED_AT);
    Timestamp updated = in.timestamp(SilverImageRatings.UPDATED_AT);
    out.put(SilverImageRatings.IMAGE_ID, in.requireId(SilverImageRatings.IMAGE_ID))
        .put(SilverImageRatings.SESSION_ID, in.requireId(SilverImageRatings.SESSION_ID))
        .put(SilverImageRatings.FILENAME, in.requireString(SilverImageRatings.FILENAME))
        .put(SilverImageRatings.STATUS, in.enumOf(SilverImageRatings.STATUS, SilverImageRatings.STATUSES, "ok"))
        .put(SilverImageRatings.TECHNICAL_QUALITY,
            in.enumOf(SilverImageRatings.TECHNICAL_QUALITY, SilverImageRatings.TECHNICAL_QUALITIES, null))
        .put(SilverImageRatings.IS_LIKED, in.bool(SilverImageRatings.IS_LIKED, false))
        .put(SilverImageRatings.FAILURE_CATEGORY,
            in.enumOf(SilverImageRatings.FAILURE_CATEGORY, SilverImageRatings.FAILURE_CATEGORIES, null))
        .put(SilverImageRatings.FAILURE_NOTES, in.string(SilverImageRatings.FAILURE_NOTES))
        .put(SilverImageRatings.METADATA, in.objectText(SilverImageRatings.METADATA))
        .put(SilverImageRatings.NOTES, in.string(SilverImageRatings.NOTES))
        .put(SilverImageRatings.IS_DELETED, in.bool(SilverImageRatings.IS_DELETED, false))
        .put(SilverImageRatings.CREATED_AT, created)
        .put(SilverImageRatings.UPDATED_AT, updated)
        .put(SilverImageRatings.VARIATIONS, Map.of());
    out.put(SilverImageRatings.ML_PREDICTION, mlPrediction(in));
    RecordFields meta = in.nested(SilverImageRatings.METADATA, IMAGE_METADATA_ALIASES);
    if (meta != null) {
      GenerationParams params = GenerationParams.of(meta);
      out.put(SilverImageRatings.CHECKPOINT, params.checkpoint())
          .put(SilverImageRatings.SAMPLER, params.sampler())
          .put(SilverImageRatings.STEPS, params.steps())
          .put(SilverImageRatings.CFG_SCALE, params.cfgScale())
          .put(SilverImageRatings.TEMPLATE, meta.string(SilverImageRatings.TEMPLATE));
      out.put(SilverImageRatings.GENERATION_ID, meta.string(SilverImageRatings.GENERATION_ID))
          .put(SilverImageRatings.ASSET_ID, meta.string(SilverImageRatings.ASSET_ID))
          .put(SilverImageRatings.MODEL_NAME, meta.string(SilverImageRatings.MODEL_NAME))
          .put(SilverImageRatings.SEED, meta.int64(SilverImageRatings.SEED, Long.MIN_VALUE, Long.MAX_VALUE))
          .put(SilverImageRatings.PROMPT, meta.string(SilverImageRatings.PROMPT))
          .put(SilverImageRatings.NEGATIVE_PROMPT, meta.string(SilverImageRatings.NEGATIVE_PROMPT))
          .put(SilverImageRatings.VARIATIONS, meta.stringMap(SilverImageRatings.VARIATIONS));
      List<String> dims = meta.strings("dimensions");
      if (dims.size() == 2) {
        out.put(SilverImageRatings.WIDTH, parseDimension(in, dims.get(0)))
            .put(SilverImageRatings.HEIGHT, parseDimension(in, dims.get(1)));
      } else if (!dims.isEmpty()) {
        throw in.reject(Rule.WRONG_TYPE, "has metadata.dimensions with " + dims.size()
            + " values, expected [width, height]");
      }
    }
    return out.eventTime(RowValues.firstOf(updated, created));
  }

  /**
   * Seed 002's free-form {@code ml_predictions} object as a typed struct: predicted_category (text),
   * confidence (0 to 1), model_version (text); other keys (features, ...) stay in the source. Null when absent or
   * when it names none of the three.
   */
  private static Row mlPrediction(RecordFields in) {
    RecordFields p = in.nested(ML_PREDICTIONS, Map.of());
    if (p == null) {
      return null;
    }
    String category = p.string(SilverImageRatings.PREDICTED_CATEGORY);
    Double confidence = p.decimal(SilverImageRatings.CONFIDENCE, 0, 1);
    String version = p.string(SilverImageRatings.MODEL_VERSION);
    return category == null && confidence == null && version == null ? null
        : RowFactory.create(category, confidence, version);
  }

  private static Integer parseDimension(RecordFields in, String text) {
    try {
      int v = Integer.parseInt(text);
      if (v >= 1) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw in.reject(Rule.WRONG_TYPE, "has metadata.dimensions value " + text + ", expected a positive integer");
  }

  static RowValues preference(RecordFields in, RowValues out) {
    String action = in.enumOf(SilverPreferenceEvents.ACTION, SilverPreferenceEvents.ACTIONS, null);
    if (action == null) {
      Boolean selected = in.bool("selected", null);
      Boolean rejected = in.bool("rejected", null);
      if (selected == null && rejected == null) {
        throw in.missingBecause("has no action (or selected / rejected flags), a required field");
      }
      boolean s = Boolean.TRUE.equals(selected);
      boolean r = Boolean.TRUE.equals(rejected);
      if (s == r) {
        throw in.inconsistent("has selected " + selected + " and rejected " + rejected
            + ", expected exactly one of them true");
      }
      action = s ? "selected" : "rejected";
    }
    Timestamp created = in.requireTimestamp(SilverPreferenceEvents.CREATED_AT);
    return out.put(SilverPreferenceEvents.EVENT_ID, in.requireId(SilverPreferenceEvents.EVENT_ID))
        .put(SilverPreferenceEvents.USER_ID, in.id(SilverPreferenceEvents.USER_ID))
        .put(SilverPreferenceEvents.PROMPT, in.string(SilverPreferenceEvents.PROMPT))
        .put(SilverPreferenceEvents.NEGATIVE_PROMPT, in.string(SilverPreferenceEvents.NEGATIVE_PROMPT))
        .put(SilverPreferenceEvents.APP_KEYWORDS, in.strings(SilverPreferenceEvents.APP_KEYWORDS))
        .put(SilverPreferenceEvents.CHECKPOINT, in.requireString(SilverPreferenceEvents.CHECKPOINT))
        .put(SilverPreferenceEvents.LORAS, in.loras(SilverPreferenceEvents.LORAS))
        .put(SilverPreferenceEvents.ACTION, action)
        .put(SilverPreferenceEvents.MODEL_FAMILY, in.string(SilverPreferenceEvents.MODEL_FAMILY))
        .put(SilverPreferenceEvents.TASK_TYPE, in.string(SilverPreferenceEvents.TASK_TYPE))
        .put(SilverPreferenceEvents.GENERATION_ID, in.id(SilverPreferenceEvents.GENERATION_ID))
        .put(SilverPreferenceEvents.SHARE_PREFERENCES, in.bool(SilverPreferenceEvents.SHARE_PREFERENCES, null))
        .put(SilverPreferenceEvents.CREATED_AT, created)
        .eventTime(created);
  }
}

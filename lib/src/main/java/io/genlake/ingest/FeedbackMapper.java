package io.genlake.ingest;

import static io.genlake.table.SilverFeedbackAttempts.*;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;

/** Maps seed 004's generation_attempts (every column) to a {@code silver.feedback_attempts} row. */
final class FeedbackMapper {
  static final Map<String, List<String>> ALIASES = Map.of(
      ATTEMPT_ID, List.of("id"),
      ATTEMPTED_AT, List.of("timestamp"));

  private FeedbackMapper() {}

  static RowValues map(RecordFields in, RowValues out) {
    Timestamp at = in.requireTimestamp(ATTEMPTED_AT);
    return out.put(ATTEMPT_ID, in.requireId(ATTEMPT_ID))
        .put(ATTEMPTED_AT, at)
        .put(MATERIAL, in.requireString(MATERIAL))
        .put(CATEGORY, in.requireString(CATEGORY))
        .put(MODEL_NAME, in.string(MODEL_NAME))
        .put(GEN_PROMPT_LENGTH, in.integer(GEN_PROMPT_LENGTH, 0, Integer.MAX_VALUE))
        .put(GUIDANCE_SCALE, in.decimal(GUIDANCE_SCALE, 0, 1000))
        .put(CONTAMINATION_UNIFORMITY, in.integer(CONTAMINATION_UNIFORMITY, Integer.MIN_VALUE, Integer.MAX_VALUE))
        .put(VIEW_MODE, in.string(VIEW_MODE))
        .put(PATTERNS_USED, in.strings(PATTERNS_USED))
        .put(FEEDBACK_APPLIED, in.bool(FEEDBACK_APPLIED, false))
        .put(FEEDBACK_TEXT, in.string(FEEDBACK_TEXT))
        .put(FEEDBACK_CATEGORY, in.enumOf(FEEDBACK_CATEGORY, FEEDBACK_CATEGORIES, null))
        .put(FEEDBACK_SOURCE, in.enumOf(FEEDBACK_SOURCE, FEEDBACK_SOURCES, null))
        .put(VAL_PROMPT_LENGTH, in.integer(VAL_PROMPT_LENGTH, 0, Integer.MAX_VALUE))
        .put(VAL_TRUNCATED, in.bool(VAL_TRUNCATED, null))
        .put(REALISM_SCORE, in.integer(REALISM_SCORE, 0, 100))
        .put(PASSED, in.requireBool(PASSED))
        .put(PHYSICS_ISSUES, in.strings(PHYSICS_ISSUES))
        .put(RED_FLAGS, in.strings(RED_FLAGS))
        .put(FAILURE_CATEGORY, in.string(FAILURE_CATEGORY))
        .put(RETRY_COUNT, in.integer(RETRY_COUNT, 0, Integer.MAX_VALUE))
        .put(FINAL_SUCCESS, in.bool(FINAL_SUCCESS, null))
        .put(IMAGE_PATH, in.string(IMAGE_PATH))
        .put(IMAGE_SIZE_KB, in.decimal(IMAGE_SIZE_KB, 0, Double.MAX_VALUE))
        .put(NOTES, in.string(NOTES))
        .eventTime(at);
  }
}

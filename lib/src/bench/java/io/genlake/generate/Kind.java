package io.genlake.generate;

/**
 * The kinds of landing record of docs/landing-formats.md: folder, field order (JSON Lines and CSV), key
 * field, and for each bad-row rule the field that breaks it and how. Field names are the contract's.
 */
enum Kind {
  GENERATIONS("generations", "generations", "gen", new String[] {
      "generation_id", "created_at", "completed_at", "updated_at", "status", "operation_type", "provider",
      "model_family", "model_name", "checkpoint", "loras", "final_prompt", "negative_prompt",
      "prompt_version_id", "prompt_config", "parameters", "variations", "session_id", "template", "user_id",
      "cost_usd", "latency_ms", "error_message", "asset_ids", "selection", "social_context", "is_deleted"},
      "status", "latency_ms", "slow", "latency_ms", -250, "status", "exploded", "final_prompt", false),
  ASSETS("assets", "reference/assets", "asset", new String[] {
      "asset_id", "media_type", "source_generation_id", "captions", "path", "url", "width", "height",
      "duration_sec", "created_at", "is_deleted"},
      "created_at", "width", "wide", null, null, "media_type", "audio", "path", false),
  ACTION_BLOCKS("action_blocks", "reference/action_blocks", "block", new String[] {
      "block_id", "prompt", "tags", "complexity_level", "source_type", "is_composite", "component_blocks",
      "prompt_version_id", "created_at", "updated_at", "is_deleted"},
      "created_at", "is_composite", "sometimes", null, null, null, null, "prompt", false),
  PROMPT_VERSIONS("prompt_versions", "reference/prompt_versions", "version", new String[] {
      "version_id", "family_id", "family_name", "version_number", "prompt_text", "author", "commit_message",
      "created_at"},
      "prompt_text", "version_number", "v2", "version_number", 0, null, null, "commit_message", false),
  SESSIONS("sessions", "reference/sessions", "session", new String[] {
      "session_id", "folder_name", "created_at", "is_test", "is_failed", "is_archived", "is_deleted",
      "metadata", "display_name", "notes", "updated_at"},
      "folder_name", "is_test", "sometimes", null, null, null, null, "notes", true),
  BLOCK_FIT("block_fit_ratings", "ratings/block_fit", "fit", new String[] {
      "rating_id", "block_id", "asset_id", "generation_id", "role_in_sequence", "user_id", "fit_rating",
      "heuristic_score", "notes", "created_at"},
      "fit_rating", "fit_rating", "five", "fit_rating", 7, "role_in_sequence", "middle", "notes", false),
  IMAGE_RATINGS("image_ratings", "ratings/image", "image", new String[] {
      "image_id", "session_id", "filename", "status", "technical_quality", "is_liked", "failure_category",
      "failure_notes", "metadata", "ml_predictions", "notes", "is_deleted", "created_at", "updated_at"},
      "created_at", "is_liked", "sometimes", null, null, "status", "maybe", "failure_notes", true),
  PREFERENCE_EVENTS("preference_events", "ratings/preference", "event", new String[] {
      "event_id", "user_id", "prompt", "negative_prompt", "keywords", "checkpoint", "loras", "action",
      "model_family", "task_type", "generation_id", "share_preferences", "created_at"},
      "checkpoint", "share_preferences", "sometimes", null, null, "action", "skipped", "prompt", false),
  FEEDBACK("feedback_attempts", "feedback", "attempt", new String[] {
      "id", "timestamp", "material", "category", "model_name", "gen_prompt_length", "guidance_scale",
      "contamination_uniformity", "view_mode", "patterns_used", "feedback_applied", "feedback_text",
      "feedback_category", "feedback_source", "val_prompt_length", "val_truncated", "realism_score", "passed",
      "physics_issues", "red_flags", "failure_category", "retry_count", "final_success", "image_path",
      "image_size_kb", "notes"},
      "passed", "retry_count", "twice", "realism_score", 140, "feedback_category", "vibes", "notes", false);

  /** Short name used in the summary and in _planted.json. */
  final String label;
  /** Folder under the landing root. */
  final String folder;
  /** File name stem of the part files. */
  final String stem;
  final String[] fields;
  /** A required field (not the key) that missing_field drops. */
  final String requiredField;
  final String wrongTypeField;
  final String wrongTypeValue;
  /** The ranged field and an out-of-range value, or null when the kind has no range rule. */
  final String rangeField;
  final Object rangeValue;
  /** The enumeration field and an unknown value, or null when the kind has no closed enumeration. */
  final String enumField;
  final String enumValue;
  /** The string field that string_too_long and invalid_utf8 break. */
  final String textField;
  /** Whether this kind's CSV writes booleans as 1/0 (seed 002's exports) instead of true/false. */
  final boolean numericCsvBooleans;

  Kind(String label, String folder, String stem, String[] fields, String requiredField, String wrongTypeField,
      String wrongTypeValue, String rangeField, Object rangeValue, String enumField, String enumValue,
      String textField, boolean numericCsvBooleans) {
    this.label = label;
    this.folder = folder;
    this.stem = stem;
    this.fields = fields;
    this.requiredField = requiredField;
    this.wrongTypeField = wrongTypeField;
    this.wrongTypeValue = wrongTypeValue;
    this.rangeField = rangeField;
    this.rangeValue = rangeValue;
    this.enumField = enumField;
    this.enumValue = enumValue;
    this.textField = textField;
    this.numericCsvBooleans = numericCsvBooleans;
  }

  /** Whether the key is a UUID (action blocks, prompt versions, feedback attempts): bad rows get a UUID key too. */
  boolean uuidKey() {
    return this == ACTION_BLOCKS || this == PROMPT_VERSIONS || this == FEEDBACK;
  }

  /**
   * The key of the {@code n}-th bad row derived from a row with key {@code key}: {@code <key>-bad-<n>}, or for
   * UUID keys a valid UUID starting {@code badbad00-} (so the bad row breaks only its own rule).
   */
  String badKey(Object key, long n) {
    if (!uuidKey()) {
      return key + "-bad-" + n;
    }
    String hex = Long.toHexString(n);
    return "badbad00-0000-4000-8000-" + "000000000000".substring(hex.length()) + hex;
  }

  /** The index of {@code field} in {@link #fields}; fails fast on a typo. */
  int index(String field) {
    for (int i = 0; i < fields.length; i++) {
      if (fields[i].equals(field)) {
        return i;
      }
    }
    throw new IllegalArgumentException(label + " has no field " + field);
  }

  /** A new, empty row for this kind. */
  Object[] row() {
    return new Object[fields.length];
  }
}

package io.genlake.generate;

import io.genlake.table.SilverAssets;
import io.genlake.table.SilverBlockFitRatings;
import io.genlake.table.SilverFeedbackAttempts;
import io.genlake.table.SilverGenerations;
import io.genlake.table.SilverImageRatings;
import io.genlake.table.SilverPreferenceEvents;
import java.util.List;
import java.util.Map;

/**
 * The landing contract of docs/landing-formats.md restated for tests, independently of the generator:
 * which rule (if any) a parsed record breaks. Enumerations come from the silver table contracts.
 */
final class ContractCheck {
  private ContractCheck() {}

  record Spec(List<String> required, Map<String, List<String>> enums, Map<String, double[]> ranges,
      List<String> numbers, List<String> booleans) {}

  private static final double INF = Double.POSITIVE_INFINITY;

  static Spec spec(Kind kind) {
    return switch (kind) {
      case GENERATIONS -> new Spec(
          List.of("generation_id", "created_at", "status", "operation_type", "provider"),
          Map.of("status", SilverGenerations.STATUSES, "operation_type", SilverGenerations.OPERATION_TYPES,
              "selection", SilverGenerations.SELECTIONS),
          Map.of("cost_usd", new double[] {0, INF}, "latency_ms", new double[] {0, INF}),
          List.of("cost_usd", "latency_ms"), List.of("is_deleted"));
      case ASSETS -> new Spec(List.of("asset_id", "media_type", "created_at"),
          Map.of("media_type", SilverAssets.MEDIA_TYPES), Map.of(),
          List.of("width", "height", "duration_sec"), List.of("is_deleted"));
      case ACTION_BLOCKS -> new Spec(List.of("block_id", "created_at"), Map.of(), Map.of(), List.of(),
          List.of("is_composite", "is_deleted"));
      case PROMPT_VERSIONS -> new Spec(
          List.of("version_id", "family_id", "version_number", "prompt_text", "created_at"), Map.of(),
          Map.of("version_number", new double[] {1, INF}), List.of("version_number"), List.of());
      case SESSIONS -> new Spec(List.of("session_id", "folder_name", "created_at"), Map.of(), Map.of(), List.of(),
          List.of("is_test", "is_failed", "is_archived", "is_deleted"));
      case BLOCK_FIT -> new Spec(List.of("block_id", "fit_rating", "created_at"),
          Map.of("role_in_sequence", SilverBlockFitRatings.ROLES),
          Map.of("fit_rating", new double[] {1, 5}, "heuristic_score", new double[] {0, 1}),
          List.of("fit_rating", "heuristic_score"), List.of());
      case IMAGE_RATINGS -> new Spec(List.of("image_id", "session_id", "filename", "created_at"),
          Map.of("status", SilverImageRatings.STATUSES, "technical_quality", SilverImageRatings.TECHNICAL_QUALITIES,
              "failure_category", SilverImageRatings.FAILURE_CATEGORIES),
          Map.of(), List.of(), List.of("is_liked", "is_deleted"));
      case PREFERENCE_EVENTS -> new Spec(List.of("event_id", "checkpoint", "action", "created_at"),
          Map.of("action", SilverPreferenceEvents.ACTIONS), Map.of(), List.of(), List.of("share_preferences"));
      case FEEDBACK -> new Spec(List.of("id", "timestamp", "material", "category", "passed"),
          Map.of("feedback_category", SilverFeedbackAttempts.FEEDBACK_CATEGORIES,
              "feedback_source", SilverFeedbackAttempts.FEEDBACK_SOURCES),
          Map.of("realism_score", new double[] {0, 100}, "retry_count", new double[] {0, INF}),
          List.of("realism_score", "retry_count", "gen_prompt_length", "guidance_scale", "val_prompt_length",
              "image_size_kb", "contamination_uniformity"),
          List.of("feedback_applied", "val_truncated", "passed", "final_success"));
    };
  }

  /** The rule {@code row} breaks, or null when it satisfies the contract. */
  static String brokenRule(Kind kind, Map<String, Object> row) {
    Spec spec = spec(kind);
    for (Object v : row.values()) {
      if (v instanceof String s && s.length() > 65_536) {
        return "string_too_long";
      }
    }
    for (String f : spec.required()) {
      if (row.get(f) == null || row.get(f).toString().isEmpty()) {
        return "missing_field";
      }
    }
    if ((kind == Kind.ACTION_BLOCKS || kind == Kind.BLOCK_FIT)
        && !String.valueOf(row.get("block_id")).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
      return "wrong_type";
    }
    for (String f : spec.numbers()) {
      if (row.get(f) != null && number(row.get(f)) == null) {
        return "wrong_type";
      }
    }
    for (String f : spec.booleans()) {
      Object v = row.get(f);
      if (v != null && !(v instanceof Boolean) && !List.of("true", "false", "0", "1").contains(v.toString().toLowerCase())) {
        return "wrong_type";
      }
    }
    for (Map.Entry<String, List<String>> e : spec.enums().entrySet()) {
      Object v = row.get(e.getKey());
      if (v != null && !e.getValue().contains(v.toString())) {
        return "unknown_enum";
      }
    }
    for (Map.Entry<String, double[]> e : spec.ranges().entrySet()) {
      Double d = row.get(e.getKey()) == null ? null : number(row.get(e.getKey()));
      if (d != null && (d < e.getValue()[0] || d > e.getValue()[1])) {
        return "out_of_range";
      }
    }
    return null;
  }

  private static Double number(Object v) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Double.valueOf(v.toString());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Whether the record's key marks it as a generated bad row. */
  static boolean badKey(Kind kind, Map<String, Object> row) {
    String key = String.valueOf(row.get(kind.fields[0]));
    return key.contains("-bad-") || key.startsWith("badbad00-")
        || (key.matches("[0-9]+") && Long.parseLong(key) >= 1_000_000_000L);
  }
}

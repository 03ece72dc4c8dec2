package io.genlake.failure;

import io.genlake.table.SilverFeedbackAttempts;
import io.genlake.table.SilverGenerations;
import io.genlake.table.SilverImageRatings;
import io.genlake.table.SilverSessions;
import io.genlake.warehouse.Warehouse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/** Silver rows for failure tests, built from the Silver*.SCHEMA contracts (never from ingestion code). */
final class FailureFixtures {
  static final Timestamp T0 = Timestamp.from(Instant.parse("2025-11-25T09:00:00Z"));

  private FailureFixtures() {}

  /** See {@link io.genlake.testing.TestSpark#forgetCatalog()}. */
  static void forgetCatalog(org.apache.spark.sql.SparkSession spark) {
    io.genlake.testing.TestSpark.forgetCatalog();
  }

  static Timestamp at(int minutes) {
    return new Timestamp(T0.getTime() + minutes * 60_000L);
  }

  static Timestamp day(int days) {
    return new Timestamp(T0.getTime() + days * 86_400_000L);
  }

  /** A row of {@code schema} from column values by name; absent columns are null, lineage is filled. */
  static Row row(StructType schema, Map<String, Object> values) {
    Map<String, Object> v = new HashMap<>(values);
    v.putIfAbsent("source", "fixture");
    v.putIfAbsent("source_line", 1L);
    v.putIfAbsent("ingest_run_id", "test");
    v.putIfAbsent("ingested_at", T0);
    v.putIfAbsent("event_time", T0);
    Object[] cells = new Object[schema.size()];
    for (int i = 0; i < cells.length; i++) {
      cells[i] = v.get(schema.fields()[i].name());
    }
    return RowFactory.create(cells);
  }

  /** One seed 004 attempt; {@code feedbackCategory} and {@code text} may be null. */
  static Row attempt(String id, int minute, String material, String category, boolean feedback, String feedbackCategory,
      String text, Integer score, boolean passed, List<String> physicsIssues, String failureCategory) {
    Map<String, Object> v = new HashMap<>();
    v.put(SilverFeedbackAttempts.ATTEMPT_ID, id);
    v.put(SilverFeedbackAttempts.ATTEMPTED_AT, at(minute));
    v.put(SilverFeedbackAttempts.MATERIAL, material);
    v.put(SilverFeedbackAttempts.CATEGORY, category);
    v.put(SilverFeedbackAttempts.MODEL_NAME, "imagen-4");
    v.put(SilverFeedbackAttempts.GEN_PROMPT_LENGTH, 3200);
    v.put(SilverFeedbackAttempts.GUIDANCE_SCALE, 0.35);
    v.put(SilverFeedbackAttempts.VIEW_MODE, "natural_placement");
    v.put(SilverFeedbackAttempts.PATTERNS_USED, List.of("dust", "dirt"));
    v.put(SilverFeedbackAttempts.FEEDBACK_APPLIED, feedback);
    v.put(SilverFeedbackAttempts.FEEDBACK_TEXT, text);
    v.put(SilverFeedbackAttempts.FEEDBACK_CATEGORY, feedbackCategory);
    v.put(SilverFeedbackAttempts.FEEDBACK_SOURCE, feedbackCategory == null ? null : "user");
    v.put(SilverFeedbackAttempts.VAL_PROMPT_LENGTH, 3940);
    v.put(SilverFeedbackAttempts.VAL_TRUNCATED, false);
    v.put(SilverFeedbackAttempts.REALISM_SCORE, score);
    v.put(SilverFeedbackAttempts.PASSED, passed);
    v.put(SilverFeedbackAttempts.PHYSICS_ISSUES, physicsIssues);
    v.put(SilverFeedbackAttempts.RED_FLAGS, List.of());
    v.put(SilverFeedbackAttempts.FAILURE_CATEGORY, failureCategory);
    v.put(SilverFeedbackAttempts.RETRY_COUNT, 0);
    return row(SilverFeedbackAttempts.SCHEMA, v);
  }

  static final String BIRCH_FEEDBACK = "Focus on realistic contamination distribution - dust should accumulate in "
      + "natural low points and crevices, not float in mid-air. Follow gravity rules.";
  static final String STEEL_FEEDBACK = "Rust patterns should show natural progression - starting at edges and "
      + "exposed areas, following oxidation chemistry.";

  /**
   * Six attempts consistent with seed 004's example report: 2 of 6 pass, wood_hardwood 5 attempts (scores 72,
   * 74, 76, 76, 82: average 76.0, 1 pass), metal_ferrous 1 (78, pass); one attempt without feedback (fails),
   * five with (two pass); physics and material_behavior feedback one use each; two attempts list each issue.
   * Failing attempts scored 76: the seed's averages need them (4 fails summing 298 cannot all be below 75).
   */
  static List<Row> seedAttempts() {
    String edge = "Edge concentration issues";
    String multiple = "Multiple quality issues";
    List<Row> rows = new ArrayList<>();
    rows.add(attempt("a1", 0, "Oak", "wood_hardwood", false, null, null, 72, false, List.of(edge), "physics"));
    rows.add(attempt("a2", 10, "Oak", "wood_hardwood", true, null,
        "Fine dust particles need microscopic scale, not visible chunks.", 74, false, List.of(edge, multiple), "physics"));
    rows.add(attempt("a3", 20, "Maple", "wood_hardwood", true, null, null, 76, false, List.of(multiple), "quality"));
    rows.add(attempt("a4", 30, "Maple", "wood_hardwood", true, null, null, 76, false, List.of(), null));
    rows.add(attempt("a5", 40, "Birch", "wood_hardwood", true, "physics", BIRCH_FEEDBACK, 82, true, List.of(), null));
    rows.add(attempt("a6", 50, "Steel", "metal_ferrous", true, "material_behavior", STEEL_FEEDBACK, 78, true, List.of(), null));
    return rows;
  }

  static void appendAttempts(Warehouse w, List<Row> rows) {
    w.ensure(SilverFeedbackAttempts.SPEC);
    w.append(SilverFeedbackAttempts.TABLE, w.spark().createDataFrame(rows, SilverFeedbackAttempts.SCHEMA));
  }

  static Row session(String id, boolean test, boolean deleted) {
    return row(SilverSessions.SCHEMA, Map.of(SilverSessions.SESSION_ID, id, SilverSessions.FOLDER_NAME, id,
        SilverSessions.CREATED_AT, T0, SilverSessions.IS_TEST, test, SilverSessions.IS_FAILED, false,
        SilverSessions.IS_ARCHIVED, false, SilverSessions.IS_DELETED, deleted));
  }

  static Row generation(String id, Timestamp at, String status, String model, String checkpoint, String sampler,
      Double cfg, Integer steps, Map<String, String> variations, String session) {
    Map<String, Object> v = new HashMap<>();
    v.put(SilverGenerations.GENERATION_ID, id);
    v.put(SilverGenerations.CREATED_AT, at);
    v.put(SilverGenerations.STATUS, status);
    v.put(SilverGenerations.OPERATION_TYPE, "text_to_image");
    v.put(SilverGenerations.PROVIDER, "local");
    v.put(SilverGenerations.MODEL_NAME, model);
    v.put(SilverGenerations.CHECKPOINT, checkpoint);
    v.put(SilverGenerations.SAMPLER, sampler);
    v.put(SilverGenerations.CFG_SCALE, cfg);
    v.put(SilverGenerations.STEPS, steps);
    v.put(SilverGenerations.LORAS, List.of());
    v.put(SilverGenerations.VARIATIONS, scala(variations));
    v.put(SilverGenerations.ASSET_IDS, List.of());
    v.put(SilverGenerations.SESSION_ID, session);
    v.put(SilverGenerations.IS_DELETED, false);
    return row(SilverGenerations.SCHEMA, v);
  }

  static Row rating(String id, Timestamp at, String session, String generationId, String status, String category,
      Map<String, String> variations) {
    Map<String, Object> v = new HashMap<>();
    v.put(SilverImageRatings.IMAGE_ID, id);
    v.put(SilverImageRatings.SESSION_ID, session);
    v.put(SilverImageRatings.FILENAME, id + ".png");
    v.put(SilverImageRatings.STATUS, status);
    v.put(SilverImageRatings.IS_LIKED, false);
    v.put(SilverImageRatings.FAILURE_CATEGORY, category);
    v.put(SilverImageRatings.GENERATION_ID, generationId);
    v.put(SilverImageRatings.VARIATIONS, scala(variations));
    v.put(SilverImageRatings.IS_DELETED, false);
    v.put(SilverImageRatings.CREATED_AT, at);
    return row(SilverImageRatings.SCHEMA, v);
  }

  private static Object scala(Map<String, String> m) {
    return m == null ? null : m;
  }
}

package io.genlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.genlake.table.GoldFailureOutcomes;
import io.genlake.table.GoldPredictionConfusion;
import io.genlake.testing.TestSpark;
import io.genlake.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real seed 002 {@code metadata.db} (the seed's own DDL, {@code SqliteSchemas.METADATA_DDL}) whose images carry no
 * model: the model and generation
 * parameters are only in {@code sessions.metadata}. Session 1 (sd-v1.5): 20 angry-profile images, 18 of them ko
 * (malformed); 60 others, 2 ko. Session 2 (sdxl-1.0): 40 images, 3 ko, none planted. Session 3 is flagged test: 10
 * angry-profile images, all ok (they would dilute the pattern to 18 of 30 if counted).
 */
class Seed002MetadataDbTest {
  @TempDir static Path dir;
  static String wh;
  static int analyzeExit;

  @BeforeAll
  static void ingest() throws Exception {
    Path landing = dir.resolve("landing");
    Path db = landing.resolve("sqlite/metadata.db");
    Files.createDirectories(db.getParent());
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      try (Statement s = c.createStatement()) {
        for (String ddl : io.genlake.generate.SqliteSchemas.METADATA_DDL) {
          s.execute(ddl);
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO sessions (id, folder_name, created_at, is_test, metadata) VALUES (?, ?, ?, ?, ?)")) {
        session(ps, 1, "2026-11-20_portrait_sd15", 0, "sd-v1.5", 7.5, 30, "Euler a");
        session(ps, 2, "2026-11-20_portrait_sdxl", 0, "sdxl-1.0", 5, 25, "DPM++ 2M Karras");
        session(ps, 3, "2026-11-20_test_run", 1, "sd-v1.5", 7.5, 30, "Euler a");
        ps.executeBatch();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO images (session_id, filename, status, failure_category, "
          + "metadata, ml_predictions, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        int n = 0;
        for (int i = 0; i < 20; i++) { // the planted pattern: 18 of 20 ko
          n = image(ps, n, 1, "angry", "profile", i < 18, i < 10 ? prediction("malformed") : null);
        }
        for (int i = 0; i < 20; i++) {
          n = image(ps, n, 1, "angry", "standing", i == 0, null);
        }
        for (int i = 0; i < 20; i++) {
          n = image(ps, n, 1, "happy", "profile", i == 0, null);
        }
        for (int i = 0; i < 20; i++) {
          n = image(ps, n, 1, "happy", "standing", false, i < 5 ? prediction("ok") : i < 10 ? prediction("noise") : null);
        }
        for (int i = 0; i < 40; i++) {
          n = image(ps, n, 2, i < 10 ? "angry" : "happy", i < 10 ? "profile" : "standing", i % 13 == 1, null);
        }
        for (int i = 0; i < 10; i++) {
          n = image(ps, n, 3, "angry", "profile", false, null);
        }
        ps.executeBatch();
      }
    }
    wh = dir.resolve("wh").toString();
    assertEquals(0, Genlake.run("ingest", "all", "--quiet", "--landing", landing.toString(), "--warehouse", wh));
    analyzeExit = Genlake.run("failures", "analyze", "--quiet", "--warehouse", wh);
  }

  private static void session(PreparedStatement ps, int id, String folder, int test, String model, double cfg, int steps,
      String sampler) throws Exception {
    ps.setInt(1, id);
    ps.setString(2, folder);
    ps.setString(3, "2026-11-20 09:00:00");
    ps.setInt(4, test);
    ps.setString(5, "{\"model_name\":\"" + model + "\",\"model_hash\":\"abc" + id + "\",\"template_name\":\"portrait.yaml\","
        + "\"generation_params\":{\"cfg_scale\":" + cfg + ",\"steps\":" + steps + ",\"sampler\":\"" + sampler
        + "\",\"scheduler\":\"karras\"},\"variations_config\":{\"Expression\":[\"angry\",\"happy\"],"
        + "\"Pose\":[\"profile\",\"standing\"]}}");
    ps.addBatch();
  }

  private static int image(PreparedStatement ps, int n, int session, String expression, String pose, boolean ko,
      String prediction) throws Exception {
    ps.setInt(1, session);
    ps.setString(2, String.format("img_%05d.png", n));
    ps.setString(3, ko ? "ko" : "ok");
    ps.setString(4, ko ? "malformed" : null);
    ps.setString(5, "{\"seed\":" + n + ",\"prompt\":\"portrait of a woman\",\"variations\":{\"Expression\":\"" + expression
        + "\",\"Pose\":\"" + pose + "\"},\"dimensions\":[512,768]}");
    ps.setString(6, prediction);
    ps.setString(7, "2026-11-20 10:00:00");
    ps.addBatch();
    return n + 1;
  }

  private static String prediction(String category) {
    return "{\"predicted_category\":\"" + category + "\",\"confidence\":0.9,\"model_version\":\"v1.0\","
        + "\"features\":{\"blur\":0.1}}";
  }

  @AfterAll
  static void forget() {
    TestSpark.forgetCatalog();
  }

  private static String[] run(String... args) {
    CommandRun r = CommandRun.of(args);
    assertEquals(0, r.status(), r.err());
    return new String[] {r.out(), r.err()};
  }

  @Test
  void patternsOfTheModelNamedOnlyInSessionsMetadataAreFound() throws Exception {
    String[] out = run("failures", "patterns", "--warehouse", wh, "--model", "sd-v1.5", "--min-occurrences", "10",
        "--failure-threshold", "0.7");
    JsonNode patterns = new ObjectMapper().readTree(out[0]);
    assertEquals(1, patterns.size(), out[0]);
    JsonNode p = patterns.get(0);
    assertEquals(Map.of("Expression", "angry", "Pose", "profile"),
        new ObjectMapper().convertValue(p.get("pattern"), Map.class));
    assertEquals(0.9, p.get("failure_rate").asDouble(), 0.0);
    assertEquals(20, p.get("sample_count").asLong());
    assertEquals(18, p.get("failures").asLong());
    assertEquals("malformed", p.get("common_category").asText());
    assertEquals("sd-v1.5", p.get("model").asText());
    assertEquals(0.25, p.get("baseline_rate").asDouble(), 0.0); // 20 ko of 80: the test session is left out
  }

  @Test
  void aModelWithoutPatternsSaysWhatWasTestedAndWhatCameClosest() throws Exception {
    String[] out = run("failures", "patterns", "--warehouse", wh, "--model", "sdxl-1.0", "--min-occurrences", "10",
        "--failure-threshold", "0.7");
    assertEquals(0, new ObjectMapper().readTree(out[0]).size(), out[0]);
    assertTrue(out[1].contains("[failures] no pattern passed the thresholds: 40 outcomes of sdxl-1.0, "), out[1]);
    assertTrue(out[1].contains("[failures] closest candidates (highest 95% Wilson lower bound of the failure rate):"),
        out[1]);
    assertTrue(out[1].contains("missed failure_threshold, alpha"), out[1]);
  }

  @Test
  void everyOutcomeRecordsWhereItsAttributesCameFrom() {
    assertEquals(0, analyzeExit);
    Warehouse w = new Warehouse(TestSpark.session(), wh);
    List<Row> rows = w.read(GoldFailureOutcomes.TABLE).filter("session_id = '1'").collectAsList();
    assertEquals(80, rows.size());
    Row r = rows.get(0);
    assertEquals("sd-v1.5", r.getAs(GoldFailureOutcomes.MODEL));
    assertEquals("Euler a", r.getAs(GoldFailureOutcomes.SAMPLER));
    assertEquals(Integer.valueOf(30), r.getAs(GoldFailureOutcomes.STEPS));
    assertEquals(7.5, r.<Double>getAs(GoldFailureOutcomes.CFG_SCALE), 0.0);
    assertEquals("portrait.yaml", r.getAs(GoldFailureOutcomes.TEMPLATE));
    assertEquals(Map.of("model", "session", "sampler", "session", "steps", "session", "cfg_scale", "session",
        "template", "session", "variations", "image"),
        Map.copyOf(r.getJavaMap(r.fieldIndex(GoldFailureOutcomes.ATTRIBUTE_SOURCES))));
    assertTrue(rows.stream().allMatch(x -> x.<List<String>>getAs(GoldFailureOutcomes.ITEMS) != null
        && x.getList(x.fieldIndex(GoldFailureOutcomes.ITEMS)).containsAll(List.of("sampler=Euler a", "cfg=6-8",
            "steps=30-40", "template=portrait.yaml"))));
  }

  @Test
  void predictionsAreComparedWithHumanLabelsPerModelVersion() {
    Warehouse w = new Warehouse(TestSpark.session(), wh);
    List<String> cells = w.read(GoldPredictionConfusion.TABLE).orderBy("actual", "predicted").collectAsList().stream()
        .map(r -> r.getAs(GoldPredictionConfusion.MODEL_VERSION) + " " + r.getAs(GoldPredictionConfusion.ACTUAL) + "->"
            + r.getAs(GoldPredictionConfusion.PREDICTED) + " " + r.getAs(GoldPredictionConfusion.IMAGES) + " "
            + r.getAs(GoldPredictionConfusion.SHARE_OF_ACTUAL) + " " + r.getAs(GoldPredictionConfusion.VERSION_ACCURACY))
        .toList();
    assertEquals(List.of("v1.0 malformed->malformed 10 1.0 0.75", "v1.0 ok->noise 5 0.5 0.75", "v1.0 ok->ok 5 0.5 0.75"),
        cells);
  }
}

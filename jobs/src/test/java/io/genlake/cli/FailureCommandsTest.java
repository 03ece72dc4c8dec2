package io.genlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.genlake.table.SilverGenerations;
import io.genlake.testing.TestSpark;
import io.genlake.warehouse.Warehouse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailureCommandsTest {
  @org.junit.jupiter.api.AfterEach
  void forgetCatalog() {
    TestSpark.forgetCatalog();
  }

  /** 30 angry-profile generations that all fail, 30 happy-standing ones that all complete. */
  private static void seedGenerations(Warehouse w) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      boolean bad = i < 30;
      Map<String, Object> v = new java.util.HashMap<>(Map.of(
          SilverGenerations.GENERATION_ID, "g" + i,
          SilverGenerations.CREATED_AT, Timestamp.valueOf("2026-11-20 10:00:00"),
          SilverGenerations.STATUS, bad ? "failed" : "completed",
          SilverGenerations.OPERATION_TYPE, "text_to_image",
          SilverGenerations.PROVIDER, "local",
          SilverGenerations.MODEL_NAME, "sd-v1.5",
          SilverGenerations.LORAS, List.of(),
          SilverGenerations.VARIATIONS, bad ? Map.of("Expression", "angry", "Pose", "profile")
              : Map.of("Expression", "happy", "Pose", "standing"),
          SilverGenerations.ASSET_IDS, List.of(),
          SilverGenerations.IS_DELETED, false));
      v.putAll(Map.of("source", "t", "source_line", (long) i, "ingest_run_id", "t",
          "ingested_at", Timestamp.valueOf("2026-11-20 10:00:00"), "event_time", Timestamp.valueOf("2026-11-20 10:00:00")));
      Object[] cells = new Object[SilverGenerations.SCHEMA.size()];
      StructField[] fields = SilverGenerations.SCHEMA.fields();
      for (int c = 0; c < cells.length; c++) {
        cells[c] = v.get(fields[c].name());
      }
      rows.add(RowFactory.create(cells));
    }
    w.ensure(SilverGenerations.SPEC);
    w.append(SilverGenerations.TABLE, w.spark().createDataFrame(rows, SilverGenerations.SCHEMA));
  }

  private static String stdout(Runnable r) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      r.run();
    } finally {
      System.setOut(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void patternsPrintSeedShapedJsonAndReportWritesFiles(@TempDir Path dir) throws Exception {
    String wh = dir.resolve("wh").toString();
    seedGenerations(new Warehouse(TestSpark.session(), wh));
    String json = stdout(() -> assertEquals(0, Genlake.run("failures", "patterns", "--warehouse", wh, "--model", "sd-v1.5",
        "--min-occurrences", "10", "--failure-threshold", "0.7")));
    JsonNode patterns = new ObjectMapper().readTree(json);
    // the pair is explained by either of its items (both fail 30 of 30): only the single items are reported
    assertEquals(2, patterns.size(), json);
    JsonNode first = patterns.get(0);
    assertEquals("angry", first.get("pattern").get("Expression").asText(), json);
    assertEquals(1.0, first.get("failure_rate").asDouble(), 0.0);
    assertEquals(30, first.get("sample_count").asLong());
    assertEquals("generation_error", first.get("common_category").asText());
    assertEquals(0.5, first.get("baseline_rate").asDouble(), 0.0);
    assertTrue(first.get("q_value").asDouble() <= 0.05);

    assertEquals(0, Genlake.run("failures", "analyze", "--quiet", "--warehouse", wh));
    Path reports = dir.resolve("reports");
    String config = "paths:\n  reports: " + reports + "\n";
    Path configFile = Files.writeString(dir.resolve("c.yaml"), config);
    String summary = stdout(() -> assertEquals(0, Genlake.run("report", "failures", "--quiet", "--warehouse", wh,
        "--config", configFile.toString())));
    assertTrue(summary.contains("🧩 TOP FAILURE PATTERNS:\n   (60 outcomes mined: "), summary);
    assertTrue(summary.contains("\n   • sd-v1.5: Expression=angry — 100.0% failed (30/30)"), summary);
    // every outcome is in the last 14 days: both patterns are new
    assertTrue(summary.contains("🔔 ALERTS:\n   • WARNING new_pattern: new failure pattern on sd-v1.5: Expression=angry "
        + "fails 100.0% (30/30, 95% interval 88.6% to 100.0%) against a baseline of 50.0%; before 2026-11-07 it failed "
        + "0 of 0\n"), summary);
    assertTrue(Files.exists(reports.resolve("failures/index.html")));
    assertTrue(Files.exists(reports.resolve("failures/report.md")));
  }

  @Test
  void badPatternOptionsFailWithExitTwo(@TempDir Path dir) {
    assertEquals(2, Genlake.run("failures", "patterns", "--warehouse", dir.toString(), "--failure-threshold", "1.5"));
  }
}

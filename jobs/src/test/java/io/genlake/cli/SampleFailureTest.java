package io.genlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.genlake.table.GoldAlerts;
import io.genlake.table.GoldFailurePatterns;
import io.genlake.table.GoldFeedbackSuggestions;
import io.genlake.table.GoldParameterCorrelations;
import io.genlake.table.GoldParameterOptimization;
import io.genlake.table.GoldPredictionConfusion;
import io.genlake.testing.TestSpark;
import io.genlake.warehouse.Warehouse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled sample shows the failure area at work with the documented defaults: the planted angry-profile
 * failure is a reported pattern, the planted ComfyUI regression raises an alert, and there are parameter and
 * feedback suggestions. Asserted robustly (kinds of rows, not one realization's counts): the lead regenerates the
 * sample at merge.
 */
class SampleFailureTest {
  @TempDir static Path dir;
  static Warehouse w;
  static String summary;

  @BeforeAll
  static void run() {
    Path sample = Files.isDirectory(Path.of("../data/sample")) ? Path.of("../data/sample") : Path.of("data/sample");
    String wh = dir.resolve("wh").toString();
    assertEquals(0, Genlake.run("ingest", "all", "--quiet", "--landing", sample.toString(), "--warehouse", wh));
    assertEquals(0, Genlake.run("failures", "analyze", "--quiet", "--warehouse", wh));
    Path config;
    try {
      config = Files.writeString(dir.resolve("c.yaml"), "paths:\n  reports: " + dir.resolve("reports") + "\n");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    PrintStream out = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      assertEquals(0, Genlake.run("report", "failures", "--quiet", "--warehouse", wh, "--config", config.toString()));
    } finally {
      System.setOut(out);
    }
    summary = buf.toString(StandardCharsets.UTF_8);
    w = new Warehouse(TestSpark.session(), wh);
  }

  @AfterAll
  static void forget() {
    TestSpark.forgetCatalog();
  }

  @Test
  void thePlantedAngryProfileFailureIsAReportedPattern() {
    List<Row> reported = w.read(GoldFailurePatterns.TABLE).filter("status = 'reported'").collectAsList();
    assertTrue(reported.stream().anyMatch(r -> {
      Map<String, String> p = r.getJavaMap(r.fieldIndex(GoldFailurePatterns.PATTERN));
      return "angry".equals(p.get("Expression")) && "profile".equals(p.get("Pose"));
    }), "reported: " + reported);
    assertTrue(summary.contains("Expression=angry & Pose=profile"), summary);
  }

  @Test
  void thePlantedComfyUiRegressionRaisesAnAlertShownFirst() {
    List<Row> alerts = w.read(GoldAlerts.TABLE).filter("rule = 'failure_rate_increase' AND subject = 'provider=comfyui'")
        .collectAsList();
    assertEquals(1, alerts.size(), w.read(GoldAlerts.TABLE).collectAsList().toString());
    assertTrue(alerts.get(0).<Double>getAs(GoldAlerts.CI_LOW) > 0);
    assertTrue(summary.indexOf("🔔 ALERTS:") < summary.indexOf("📈 OVERALL STATISTICS:"));
    assertTrue(summary.contains(" failure_rate_increase: provider comfyui failed "), summary);
  }

  @Test
  void thereAreParameterAndFeedbackSuggestionsAndACorrelationMatrix() {
    assertTrue(w.read(GoldParameterOptimization.TABLE).filter("suggested").count() > 0);
    assertTrue(w.read(GoldFeedbackSuggestions.TABLE).filter("rank = 1").count() > 0);
    assertTrue(w.read(GoldParameterCorrelations.TABLE).filter("significant").count() > 0);
    assertTrue(w.read(GoldPredictionConfusion.TABLE).select(GoldPredictionConfusion.MODEL_VERSION).distinct().count() >= 2,
        "v1.0 and v1.1");
    assertTrue(summary.contains("🎛  PARAMETER SUGGESTIONS:\n   • "), summary);
    assertTrue(summary.contains("🧭 FEEDBACK SUGGESTIONS:\n   • for "), summary);
  }
}

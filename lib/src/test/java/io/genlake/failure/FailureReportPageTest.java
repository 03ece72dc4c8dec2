package io.genlake.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.genlake.config.FailureConfig;
import io.genlake.failure.report.FailureReport;
import io.genlake.pipeline.StepResult;
import io.genlake.table.GoldDailyTrends;
import io.genlake.table.GoldFailurePatterns;
import io.genlake.table.SilverGenerations;
import io.genlake.testing.HeadlessChromium;
import io.genlake.testing.PageParts;
import io.genlake.testing.SelfContained;
import io.genlake.testing.TestSpark;
import io.genlake.warehouse.Warehouse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failure report's HTML page against its own tables: every chart's drawn values (embedded as JSON) equal the
 * numbers of the table beside it, intervals included; axes keep their range; small samples are flagged; the page
 * loads nothing from elsewhere and renders in headless Chromium. Data: seed 004's six attempts, plus 60 sd-v1.5
 * generations (30 angry-profile ones fail) over three days and 4 flux-dev ones on one day.
 */
class FailureReportPageTest {
  static final FailureConfig CONFIG = io.genlake.config.ConfigLoader.defaults().failure();
  @TempDir static Path dir;
  static Warehouse w;
  static StepResult written;
  static String page;

  @BeforeAll
  static void run() throws Exception {
    w = new Warehouse(TestSpark.session(), dir.resolve("wh").toString());
    FailureFixtures.appendAttempts(w, FailureFixtures.seedAttempts());
    List<Row> generations = new ArrayList<>();
    Map<String, String> angry = Map.of("Expression", "angry", "Pose", "profile");
    Map<String, String> happy = Map.of("Expression", "happy", "Pose", "standing");
    for (int i = 0; i < 60; i++) {
      boolean bad = i % 2 == 0;
      generations.add(FailureFixtures.generation("g" + i, FailureFixtures.day(i % 3), bad ? "failed" : "completed",
          "sd-v1.5", "ck", "Euler a", 7.0, 30, bad ? angry : happy, null));
    }
    for (int i = 0; i < 4; i++) {
      generations.add(FailureFixtures.generation("f" + i, FailureFixtures.day(0), "completed", "flux-dev", "ck", "Euler a",
          7.0, 30, happy, null));
    }
    w.ensure(SilverGenerations.SPEC);
    w.append(SilverGenerations.TABLE, w.spark().createDataFrame(generations, SilverGenerations.SCHEMA));
    FailureAnalytics.run(w, CONFIG);
    written = FailureReport.write(w, CONFIG, dir.resolve("reports"), new PrintStream(new ByteArrayOutputStream(), true, "UTF-8"));
    page = Files.readString(dir.resolve("reports/failures/index.html"), StandardCharsets.UTF_8);
  }

  @AfterAll
  static void forget() {
    FailureFixtures.forgetCatalog(w.spark());
  }

  private static String pct(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  @Test
  void everyChartIsInThePageBesideItsSection() {
    assertEquals(List.of("pass-rate-by-category", "pass-rate-feedback", "correlation-matrix", "failure-patterns",
        "trend-generation", "trend-generation-by-model", "trend-attempt"), PageParts.chartIds(page),
        "no line chart of material categories: their 6 attempts make no reliable week");
    assertEquals(7L, written.count("report.charts"));
    assertTrue(page.indexOf("<h2>Alerts</h2>") < page.indexOf("<h2>Overall statistics</h2>"), "alerts come first");
    assertTrue(page.indexOf("<h2>By category</h2>") < page.indexOf("id=\"chart-pass-rate-by-category\""));
    assertTrue(page.indexOf("id=\"chart-pass-rate-by-category\"") < page.indexOf("<h2>Top physics violations</h2>"));
  }

  @Test
  void categoryBarsAndWhiskersAreTheTablesRatesAndWilsonIntervals() throws Exception {
    JsonNode chart = PageParts.chart(page, "pass-rate-by-category");
    assertEquals(0.0, chart.get("valueAxis").get("min").asDouble());
    assertEquals(100.0, chart.get("valueAxis").get("max").asDouble());
    List<List<String>> table = PageParts.tableAfter(page, "<h2>By category</h2>");
    assertEquals(List.of("category", "attempts", "pass rate", "95% interval", "avg score"), table.get(0));
    // 1 of 5 and 1 of 1: Wilson 3.6% to 62.4% and 20.7% to 100.0% (the interval is not symmetric about the rate)
    assertEquals(List.of("metal_ferrous", "1", "100.0%", "20.7% to 100.0%", "78.0"), table.get(1));
    assertEquals(List.of("wood_hardwood", "5", "20.0%", "3.6% to 62.4%", "76.0"), table.get(2));
    JsonNode bars = chart.get("categories");
    assertEquals(2, bars.size());
    for (int i = 0; i < bars.size(); i++) {
      JsonNode b = bars.get(i);
      List<String> row = table.get(i + 1);
      assertEquals(row.get(0), b.get("label").asText());
      assertEquals(row.get(0) + " (n=" + row.get(1) + ")", b.get("tickLabel").asText());
      assertEquals(Long.parseLong(row.get(1)), b.get("n").asLong());
      assertEquals(row.get(2), pct(b.get("value").asDouble() / 100));
      assertEquals(row.get(3), pct(b.get("low").asDouble() / 100) + " to " + pct(b.get("high").asDouble() / 100));
      assertTrue(b.get("uncertain").asBoolean(), "n < 10");
    }
    Stats.Interval wood = Stats.wilson(1, 5, Stats.Z95);
    assertEquals(wood.low() * 100, bars.get(1).get("low").asDouble(), 0.0);
    assertEquals(wood.high() * 100, bars.get(1).get("high").asDouble(), 0.0);
    assertEquals(100.0, bars.get(0).get("high").asDouble(), 0.0);
  }

  @Test
  void feedbackBarsCarryTheirNAndTheTablesIntervals() throws Exception {
    List<List<String>> table = PageParts.tableAfter(page, "<h2>Feedback effectiveness</h2>");
    assertEquals(List.of("overall (without vs with feedback)", "0.0% of 1 (0.0% to 79.3%)", "40.0% of 5 (11.8% to 76.9%)",
        "+40.0%", "-44.2% to +76.9%"), table.get(1));
    JsonNode bars = PageParts.chart(page, "pass-rate-feedback").get("categories");
    assertEquals("without feedback (n=1)", bars.get(0).get("tickLabel").asText());
    assertEquals("with feedback (n=5)", bars.get(1).get("tickLabel").asText());
    assertEquals("0.0% of 1 (" + pct(bars.get(0).get("low").asDouble() / 100) + " to "
        + pct(bars.get(0).get("high").asDouble() / 100) + ")", table.get(1).get(1));
    assertEquals("40.0% of 5 (" + pct(bars.get(1).get("low").asDouble() / 100) + " to "
        + pct(bars.get(1).get("high").asDouble() / 100) + ")", table.get(1).get(2));
    assertEquals(4, bars.size(), "overall and retry chains");
  }

  @Test
  void patternBarsShowTheGoldIntervalAndTheBaselineAsAMarker() throws Exception {
    List<Row> gold = w.read(GoldFailurePatterns.TABLE).filter(GoldFailurePatterns.STATUS + " = 'reported'")
        .orderBy(org.apache.spark.sql.functions.col(GoldFailurePatterns.FAILURE_RATE).desc(),
            org.apache.spark.sql.functions.col(GoldFailurePatterns.SAMPLE_COUNT).desc(),
            org.apache.spark.sql.functions.col(GoldFailurePatterns.PATTERN_KEY))
        .collectAsList();
    JsonNode chart = PageParts.chart(page, "failure-patterns");
    assertEquals("the model's baseline failure rate", chart.get("referenceName").asText());
    JsonNode bars = chart.get("categories");
    List<List<String>> table = PageParts.tableAfter(page, "<h2>Top failure patterns</h2>");
    assertEquals(gold.size(), bars.size());
    assertTrue(gold.size() >= 2, "Expression=angry and Pose=profile are reported: " + gold);
    for (int i = 0; i < gold.size(); i++) {
      Row g = gold.get(i);
      JsonNode b = bars.get(i);
      assertEquals("#" + (i + 1), b.get("label").asText());
      assertEquals(g.<Long>getAs(GoldFailurePatterns.SAMPLE_COUNT), b.get("n").asLong());
      assertEquals(g.<Double>getAs(GoldFailurePatterns.CI_LOW) * 100, b.get("low").asDouble(), 0.0);
      assertEquals(g.<Double>getAs(GoldFailurePatterns.CI_HIGH) * 100, b.get("high").asDouble(), 0.0);
      assertEquals(g.<Double>getAs(GoldFailurePatterns.BASELINE_RATE) * 100, b.get("reference").asDouble(), 0.0);
      List<String> row = table.get(i + 1);
      assertEquals(pct(b.get("low").asDouble() / 100) + " to " + pct(b.get("high").asDouble() / 100), row.get(4));
      assertEquals(pct(b.get("reference").asDouble() / 100), row.get(6));
    }
  }

  @Test
  void weeklyTrendChartsShowTheGoldPeriodsWithIntervalsAndN() throws Exception {
    JsonNode all = PageParts.chart(page, "trend-generation");
    List<Row> gold = w.read(GoldDailyTrends.TABLE).filter("period = 'week' AND source = 'generation' AND dimension = 'all'")
        .orderBy(GoldDailyTrends.PERIOD_START).collectAsList();
    JsonNode weeks = all.get("categories");
    assertEquals(gold.size(), weeks.size());
    for (int i = 0; i < gold.size(); i++) {
      Row g = gold.get(i);
      assertEquals(g.<Long>getAs(GoldDailyTrends.OUTCOMES), weeks.get(i).get("n").asLong());
      assertEquals(g.<Double>getAs(GoldDailyTrends.FAILURE_RATE) * 100, weeks.get(i).get("value").asDouble(), 0.0);
      assertEquals(g.<Double>getAs(GoldDailyTrends.CI_LOW) * 100, weeks.get(i).get("low").asDouble(), 0.0);
      assertEquals(g.<Double>getAs(GoldDailyTrends.CI_HIGH) * 100, weeks.get(i).get("high").asDouble(), 0.0);
      assertEquals(!g.<Boolean>getAs(GoldDailyTrends.RELIABLE), weeks.get(i).get("uncertain").asBoolean());
    }
    // 64 outcomes in one week (2025-11-24): 30 failed
    assertEquals(List.of(64L), gold.stream().map(r -> r.<Long>getAs(GoldDailyTrends.OUTCOMES)).toList());
    assertEquals(30.0 / 64 * 100, weeks.get(0).get("value").asDouble(), 1e-12);
    JsonNode lines = PageParts.chart(page, "trend-generation-by-model").get("lines");
    assertEquals(List.of("sd-v1.5", "flux-dev"), List.of(lines.get(0).get("name").asText(), lines.get(1).get("name").asText()));
    assertEquals(60, lines.get(0).get("points").get(0).get("n").asLong());
    assertTrue(lines.get(1).get("points").get(0).get("uncertain").asBoolean(), "4 outcomes: faded");
    assertEquals(20, PageParts.chart(page, "trend-generation-by-model").get("minN").asInt());
  }

  @Test
  void pageIsSelfContainedAndRendersInHeadlessChromium() throws Exception {
    assertEquals(List.of(), SelfContained.externalResources(page));
    HeadlessChromium.Rendered r = HeadlessChromium.render(dir.resolve("reports/failures/index.html"), dir);
    assertTrue(r.dom().contains("data-rendered=\"ok\""), r.dom().substring(0, 400));
    assertTrue(r.dom().contains("data-images=\"7\""));
    assertTrue(!r.dom().contains("data-errors"));
    assertEquals(List.of(), r.consoleErrors());
    assertEquals(List.of(), r.requests(), "the page requested nothing but itself");
  }
}

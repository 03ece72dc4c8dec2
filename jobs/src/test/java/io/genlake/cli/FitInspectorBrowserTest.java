package io.genlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.genlake.table.SilverAssets;
import io.genlake.testing.FitFixtures;
import io.genlake.testing.HeadlessChromium;
import io.genlake.testing.PageParts;
import io.genlake.testing.SelfContained;
import io.genlake.testing.TestSpark;
import io.genlake.warehouse.Warehouse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fit inspector page of block b1 over {@link FitFixtures} (plus asset a5, known only by a remote URL, and
 * a1's image file in the landing): its charts draw the calibration table's numbers, intervals as computed; the
 * local image is embedded, the remote one is a link; it loads nothing from elsewhere and renders in Chromium.
 */
class FitInspectorBrowserTest {
  private static final byte[] PNG = Base64.getDecoder().decode(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
  @TempDir static Path dir;
  static Path file;
  static String page;

  @BeforeAll
  static void writePage() throws Exception {
    String wh = dir.resolve("wh").toString();
    Warehouse w = new Warehouse(TestSpark.session(), wh);
    FitFixtures.write(w);
    FitFixtures.append(w, SilverAssets.SPEC, List.of(Map.of("asset_id", "a5", "url", "https://cdn.example.com/a5.png",
        "captions", List.of("a couple walking side by side on the beach, from behind"))));
    Files.createDirectories(dir.resolve("images"));
    Files.write(dir.resolve("images/a1.png"), PNG);
    Path config = dir.resolve("genlake.yaml");
    Files.writeString(config, "paths: {reports: " + dir.resolve("reports") + "}\nfit: {bootstrap_samples: 200}\n");
    String[] common = {"--quiet", "--warehouse", wh, "--config", config.toString(), "--landing", dir.toString()};
    assertEquals(0, Genlake.run(concat(new String[] {"fit", "run"}, common)));
    assertEquals(0, Genlake.run(concat(new String[] {"report", "fit", "--block-id", "b1"}, common)));
    file = dir.resolve("reports/fit/block-b1.html");
    page = Files.readString(file, StandardCharsets.UTF_8);
  }

  private static String ci(JsonNode c) {
    return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", c.get("value").asDouble(), c.get("low").asDouble(),
        c.get("high").asDouble());
  }

  /** Calibration table rows as "grouping: value" to [n, Spearman cell]. */
  private static Map<String, List<String>> calibration() {
    Map<String, List<String>> out = new java.util.HashMap<>();
    for (List<String> row : PageParts.tableAfter(page, "<table id=\"calibration\"")) {
      out.put(row.get(0), List.of(row.get(1), row.get(2)));
    }
    return out;
  }

  @Test
  void correlationWhiskersAreTheTablesBootstrapIntervalsNotSymmetric() throws Exception {
    JsonNode byCategory = PageParts.chart(page, "rho-by-category");
    assertEquals(-1.0, byCategory.get("valueAxis").get("min").asDouble());
    assertEquals(1.0, byCategory.get("valueAxis").get("max").asDouble());
    Map<String, List<String>> table = calibration();
    List<String> labels = new ArrayList<>();
    for (JsonNode c : byCategory.get("categories")) {
      List<String> row = table.get("category: " + c.get("label").asText());
      assertEquals(row.get(0), c.get("n").asText());
      assertEquals(row.get(1), ci(c));
      assertEquals(c.get("label").asText() + " (n=" + row.get(0) + ")", c.get("tickLabel").asText());
      assertTrue(c.get("uncertain").asBoolean(), "4 ratings: grey");
      labels.add(c.get("label").asText());
    }
    assertEquals(List.of("actor", "camera", "mood", "relation", "setting", "speed", "state"), labels);
    JsonNode actor = byCategory.get("categories").get(0);
    assertEquals("0.894 [0.816, 1.000]", ci(actor));
    assertEquals(1.0, actor.get("high").asDouble(), 0.0); // the bootstrap's own bound, not value + 0.106 = 1.106
    JsonNode byRole = PageParts.chart(page, "rho-by-role").get("categories");
    assertEquals("continuation (n=1)", byRole.get(0).get("tickLabel").asText());
    assertTrue(byRole.get(0).get("value").isNull(), "one rating: no rho, no bar");
    assertEquals(table.get("role_in_sequence: initial").get(1), ci(byRole.get(1)));
  }

  @Test
  void decileMeansAreDotsOnTheOneToFiveScaleWithTheirPairs() throws Exception {
    JsonNode deciles = PageParts.chart(page, "rating-by-decile");
    assertEquals("dot", deciles.get("mark").asText());
    assertEquals(1.0, deciles.get("valueAxis").get("min").asDouble());
    assertEquals(5.0, deciles.get("valueAxis").get("max").asDouble());
    List<List<String>> table = PageParts.tableAfter(page, "<table class=\"deciles\"");
    assertEquals(List.of("heuristic score", "scored ratings", "mean rating (1–5)"), table.get(0));
    assertEquals(11, table.size());
    for (int d = 0; d < 10; d++) {
      JsonNode c = deciles.get("categories").get(d);
      List<String> row = table.get(d + 1);
      assertEquals(row.get(0), c.get("label").asText());
      assertEquals(row.get(1), c.get("n").asText());
      assertEquals(row.get(2), c.get("value").isNull() ? "none" : String.format(Locale.ROOT, "%.2f", c.get("value").asDouble()));
    }
    assertEquals(List.of("0.6–0.7", "2", "1.50"), table.get(7));
    assertEquals(List.of("0.9–1.0", "2", "4.50"), table.get(10));
  }

  @Test
  void localImagesAreEmbeddedRemoteOnesAreLinksAndNothingIsLoadedFromElsewhere() throws Exception {
    assertTrue(page.contains("<img class=\"thumb\" alt=\"a1\" title=\"images/a1.png\" src=\"data:image/png;base64,"
        + Base64.getEncoder().encodeToString(PNG) + "\">"), "a1 embedded");
    assertTrue(page.contains("<div class=\"thumb none\" title=\"remote image https://cdn.example.com/a5.png: not loaded, "
        + "the page is self-contained\">remote only</div><a class=\"asset-link\" href=\"https://cdn.example.com/a5.png\""),
        "a5 a placeholder and a link");
    assertEquals(List.of(), SelfContained.externalResources(page));

    HeadlessChromium.Rendered r = HeadlessChromium.render(file, dir);
    assertEquals(List.of(), r.console());
    assertEquals(List.of(), r.requests(), "the page requested nothing but itself");
    assertTrue(r.dom().contains("<section class=\"block\" id=\"block-b1\"><h2>Block b1</h2>"));
    assertTrue(r.dom().contains("couple from behind, walking side by side on the beach"));
    assertTrue(r.dom().contains("<span class=\"chip conflict\">cam:from_behind ✗ cam:front_view</span>"));
    assertTrue(r.dom().contains("Camera is front-facing, block expects from_behind"));
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}

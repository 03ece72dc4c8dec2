package io.genlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.genlake.config.ConfigLoader;
import io.genlake.serve.InspectorData;
import io.genlake.serve.ServeApp;
import io.genlake.serve.ServingFiles;
import io.genlake.serve.WebServer;
import io.genlake.table.GoldBlockImageFits;
import io.genlake.table.SilverBlockFitRatings;
import io.genlake.testing.HeadlessChromium;
import io.genlake.testing.TestSpark;
import io.genlake.warehouse.Warehouse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's done-criterion, end to end: the nightly runs on a copy of data/sample; {@code genlake serve}'s pages are
 * driven in headless Chromium (puppeteer-core, {@code src/test/browser/inspector.mjs}) to search a block and an asset
 * that is not one of its top-20 candidates, change the role, compute the fit, and rate it; the score the page showed
 * equals {@code genlake fit score}'s; after the next nightly the rating is in silver.block_fit_ratings and
 * gold.block_image_fits with the score and tag snapshots the page showed. Screenshots of both pages at 1400 and 800 px
 * are kept in target/screenshots; neither page overflows 800 px or loads anything from elsewhere.
 */
class ServeBrowserTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path BROWSER = Path.of("src/test/browser");

  @Test
  void rateAPairFromTheBrowserAndFindItAfterTheNextNightly(@TempDir Path dir) throws Exception {
    requireBrowser();
    Path landing = dir.resolve("landing");
    copy(Path.of("../data/sample"), landing);
    String wh = dir.resolve("wh").toString();
    Path config = dir.resolve("genlake.yaml");
    Files.writeString(config, "paths: {reports: " + dir.resolve("reports") + ", exports: " + dir.resolve("exports")
        + "}\nfit: {bootstrap_samples: 200}\n");
    String[] common = {"--quiet", "--warehouse", wh, "--config", config.toString(), "--landing", landing.toString(),
        "--date", NightlyRuns.DATE.toString()};
    assertEquals(0, Genlake.run(concat(new String[] {"nightly"}, common)));

    // a block with a prompt, and a captioned asset that is neither one of its top-20 candidates nor rated with it
    InspectorData data = InspectorData.read(ServingFiles.local(wh, ServingFiles.FIT_INSPECTOR));
    InspectorData.Block block = data.blocks().values().stream().filter(b -> b.prompt().isPresent()
        && !data.candidates(b.id()).isEmpty()).findFirst().orElseThrow();
    Set<String> candidates = data.candidates(block.id()).stream().map(c -> c.get("asset_id").asText())
        .collect(Collectors.toSet());
    assertEquals(20, candidates.size());
    InspectorData.Asset asset = data.assets().values().stream().filter(a -> !a.captions().isEmpty()
        && !candidates.contains(a.id()) && data.ratings(block.id(), a.id()).isEmpty()).findFirst().orElseThrow();

    ServeApp app = new ServeApp(wh, landing, ConfigLoader.load(Optional.of(config)).serve());
    Path shots = Files.createDirectories(Path.of("target/screenshots"));
    JsonNode page;
    try (WebServer server = app.start("127.0.0.1", 0, Optional.empty(), System.err)) {
      Map<String, Object> cfg = new LinkedHashMap<>();
      cfg.put("base", "http://127.0.0.1:" + server.port());
      cfg.put("blockQuery", query(app.fits().searchBlocks(words(block.prompt().get()), 20), "block_id", block.id(),
          words(block.prompt().get())));
      cfg.put("blockId", block.id());
      cfg.put("assetQuery", query(app.fits().searchAssets(words(asset.captions().get(0)), 20), "asset_id", asset.id(),
          words(asset.captions().get(0))));
      cfg.put("assetId", asset.id());
      cfg.put("role", "transition");
      cfg.put("rating", 4);
      cfg.put("notes", "browser test: mood fits, camera does not");
      cfg.put("rater", "browser-rater");
      cfg.put("screenshots", shots.toAbsolutePath().toString());
      page = JSON.readTree(node(JSON.writeValueAsString(cfg)));
    }
    String base = page.path("requests").get(0).asText().replaceAll("(http://127\\.0\\.0\\.1:\\d+).*", "$1");
    for (JsonNode url : page.get("requests")) {
      assertTrue(url.asText().startsWith(base) || url.asText().startsWith("blob:") || url.asText().startsWith("data:"),
          "the pages load nothing from elsewhere: " + url);
    }
    assertEquals("[]", page.get("console").toString());
    for (String p : List.of("inspector1400", "inspector800", "generations1400", "generations800")) {
      assertTrue(page.get("overflow").get(p).asInt() <= 0, p + " overflows by " + page.get("overflow").get(p));
    }
    assertTrue(page.get("generationRows").asInt() > 0);
    assertTrue(page.get("detail").asText().contains("canonical hash"), page.get("detail").asText());

    // the score the page showed is fit score's for the pair
    double shown = Double.parseDouble(page.get("shownScore").asText());
    JsonNode cli = JSON.readTree(stdout("fit", "score", "--warehouse", wh, "--config", config.toString(), "--block-id",
        block.id(), "--asset-id", asset.id()));
    assertEquals(cli.get("heuristic_score").asDouble(), shown, 0.0);
    assertEquals(list(cli.get("details").get("block_ontology_ids")), list(page.get("blockChips")));
    assertEquals(list(cli.get("details").get("asset_ontology_ids")), list(page.get("assetChips")));
    assertEquals(list(cli.get("details").get("required_misses")), list(page.get("requiredMisses")));
    String ratingId = page.get("ratingId").asText();
    assertTrue(ratingId.startsWith("serve-"), page.get("message").asText());

    // the next nightly ingests it: silver and gold keep the snapshot the page showed
    assertEquals(0, Genlake.run(concat(new String[] {"nightly"}, common)));
    Warehouse w = new Warehouse(TestSpark.session(), wh);
    List<Row> silver = w.read(SilverBlockFitRatings.TABLE)
        .where(org.apache.spark.sql.functions.col(SilverBlockFitRatings.RATING_ID).equalTo(ratingId)).collectAsList();
    assertEquals(1, silver.size());
    Row s = silver.get(0);
    assertEquals(block.id(), s.getAs(SilverBlockFitRatings.BLOCK_ID));
    assertEquals(asset.id(), s.getAs(SilverBlockFitRatings.ASSET_ID));
    assertEquals("transition", s.getAs(SilverBlockFitRatings.ROLE_IN_SEQUENCE));
    assertEquals("browser-rater", s.getAs(SilverBlockFitRatings.USER_ID));
    assertEquals(4, (int) s.getAs(SilverBlockFitRatings.FIT_RATING));
    assertEquals("browser test: mood fits, camera does not", s.getAs(SilverBlockFitRatings.NOTES));
    assertEquals(shown, (double) s.getAs(SilverBlockFitRatings.APP_HEURISTIC_SCORE), 0.0);
    assertEquals(list(page.get("blockChips")), s.getList(s.fieldIndex(SilverBlockFitRatings.BLOCK_TAGS_SNAPSHOT)));
    assertEquals(list(page.get("assetChips")), s.getList(s.fieldIndex(SilverBlockFitRatings.ASSET_TAGS_SNAPSHOT)));
    List<Row> gold = w.read(GoldBlockImageFits.TABLE).where(org.apache.spark.sql.functions.col(GoldBlockImageFits.RATING_KEY)
        .equalTo((String) s.getAs(SilverBlockFitRatings.RATING_KEY))).collectAsList();
    assertEquals(1, gold.size());
    Row g = gold.get(0);
    assertEquals(GoldBlockImageFits.SCORED, g.getAs(GoldBlockImageFits.STATUS));
    assertEquals(shown, (double) g.getAs(GoldBlockImageFits.APP_HEURISTIC_SCORE), 0.0);
    assertEquals(shown, (double) g.getAs(GoldBlockImageFits.HEURISTIC_SCORE), 0.0, "same data: gold agrees with the page");
    assertEquals(list(page.get("blockChips")), g.getList(g.fieldIndex(GoldBlockImageFits.BLOCK_TAGS_SNAPSHOT)));
    assertEquals(list(page.get("assetChips")), g.getList(g.fieldIndex(GoldBlockImageFits.ASSET_TAGS_SNAPSHOT)));
    for (String shot : List.of("inspector-1400.png", "inspector-800.png", "generations-1400.png", "generations-800.png")) {
      assertTrue(Files.size(shots.resolve(shot)) > 10_000, shot);
    }
  }

  /** Skips without node_modules or Chromium, unless CI is "true" (then it fails: .ci/run installs both). */
  private static void requireBrowser() {
    boolean ready = Files.isDirectory(BROWSER.resolve("node_modules/puppeteer-core"))
        && Files.isExecutable(HeadlessChromium.CHROMIUM);
    if (!ready) {
      Assumptions.assumeTrue("true".equals(System.getenv("CI")), "puppeteer-core (npm ci --prefix jobs/src/test/browser) "
          + "or chromium missing, and CI is not true: browser test skipped");
      throw new IllegalStateException("CI=true but puppeteer-core or chromium is missing: .ci/run installs them.");
    }
  }

  /** The first words of a text, as typed into a search box. */
  private static String words(String text) {
    return Arrays.stream(text.split("\\s+")).limit(4).collect(Collectors.joining(" "));
  }

  /** {@code q} when its results list {@code id} within the first 20, else the id itself (search by id). */
  private static String query(Map<String, Object> results, String field, String id, String q) {
    boolean found = ((List<?>) results.get("results")).stream().anyMatch(r -> id.equals(((Map<?, ?>) r).get(field)));
    return found ? q : id;
  }

  private static List<String> list(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(x -> out.add(x.asText()));
    return out;
  }

  private static String node(String cfg) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("node", "inspector.mjs", cfg).directory(BROWSER.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "node did not finish");
    assertEquals(0, p.exitValue(), "inspector.mjs failed: " + out);
    return out;
  }

  private static String stdout(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      assertEquals(0, Genlake.run(args));
    } finally {
      System.setOut(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
    assertFalse(Files.exists(to.resolve("ratings/block_fit/serve")));
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}

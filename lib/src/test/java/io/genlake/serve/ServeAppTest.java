package io.genlake.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.genlake.config.ServeConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server over {@link ServeFixtures}: seed 000's pair scored with its explanation and calibration context, bad
 * ratings refused with 4xx and nothing written (and the server still answering), a good rating appended to the
 * landing with the score and tag snapshots shown, thumbnails only from local files, the token check.
 */
class ServeAppTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @TempDir static Path dir;
  static Path landing;
  static WebServer server;
  static String base;
  static ByteArrayOutputStream log = new ByteArrayOutputStream();

  @BeforeAll
  static void start() throws Exception {
    landing = dir.resolve("landing");
    ServeFixtures.write(dir.resolve("wh"), landing);
    ServeApp app = new ServeApp(dir.resolve("wh").toString(), landing, config());
    server = app.start("127.0.0.1", 0, Optional.empty(), new PrintStream(log, true, StandardCharsets.UTF_8));
    base = "http://127.0.0.1:" + server.port();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static ServeConfig config() {
    return new ServeConfig("127.0.0.1", 0, "GENLAKE_SERVE_TOKEN", 40, 100, 1);
  }

  static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/ratings")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Seed 000's example: camera front-facing, block expects from_behind = 1 - 0.50 + 0.05 + 0.05. */
  @Test
  void scoresTheSeedPairLikeTheBatchWithItsExplanationAndCalibration() throws Exception {
    HttpResponse<String> r = get("/api/score?block_id=b1&asset_id=a2&role=initial");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode f = JSON.readTree(r.body());
    assertEquals(0.6, f.get("heuristic_score").asDouble(), 1e-12);
    JsonNode d = f.get("details");
    assertEquals("[\"rel:side_by_side\"]", d.get("required_matches").toString());
    assertEquals("[\"cam:from_behind\"]", d.get("required_misses").toString());
    assertEquals("[\"cam:from_behind!cam:front_view\"]", d.get("conflicts").toString());
    assertEquals("[\"actor:couple\",\"setting:beach\"]", d.get("soft_matches").toString());
    assertEquals("[\"sparkles\"]", d.get("block_unmapped_tags").toString());
    assertEquals(1, f.get("ratings").size());
    assertEquals("Camera is front-facing, block expects from_behind", f.get("ratings").get(0).get("notes").asText());
    assertTrue(f.get("candidate_rank").isNull());
    assertEquals("remote only", f.get("asset").get("image_label").asText());
    assertTrue(f.get("asset").get("image").isNull());
    // role initial has ratings: its row; 0.6000000000000001 is in decile 0.6-0.7 (mean 3.25 over 4 pairs)
    assertEquals("For role initial (12 scored ratings): pairs scored 0.6–0.7 were rated 3.25 on average (n=4); "
        + "Spearman's ρ between score and rating 0.55 [0.35, 0.75].", f.get("calibration").get("text").asText());
    // role transition has none: the all-roles row
    JsonNode t = JSON.readTree(get("/api/score?block_id=b1&asset_id=a2&role=transition").body());
    assertEquals("all", t.get("calibration").get("grouping").asText());
    assertEquals(40, t.get("calibration").get("n").asInt());
  }

  @Test
  void searchFindsBlocksByPromptAndAssetsByCaptionOrId() throws Exception {
    JsonNode b = JSON.readTree(get("/api/blocks?q=BEACH%20tender").body());
    assertEquals(List.of("b1"), ids(b, "block_id"));
    JsonNode a = JSON.readTree(get("/api/assets?q=front%20view").body());
    assertEquals(List.of("a2"), ids(a, "asset_id"));
    JsonNode exact = JSON.readTree(get("/api/assets?q=a3").body());
    assertEquals(List.of("a3"), ids(exact, "asset_id"));
  }

  private static List<String> ids(JsonNode r, String field) {
    List<String> out = new java.util.ArrayList<>();
    r.get("results").forEach(x -> out.add(x.get(field).asText()));
    return out;
  }

  @Test
  void badRatingsGetAClear4xxAndWriteNothingAndTheServerKeepsAnswering() throws Exception {
    String ok = "\"block_id\":\"b1\",\"asset_id\":\"a2\",\"user_id\":\"u7\"";
    assertRefused(400, "{" + ok + ",\"fit_rating\":0}", "fit_rating 0 is not a whole number from 1 to 5: rate how well "
        + "the block fits the image, 1 (not at all) to 5 (perfectly).");
    assertRefused(400, "{" + ok + ",\"fit_rating\":6}", "fit_rating 6 is not a whole number from 1 to 5");
    assertRefused(400, "{" + ok + ",\"fit_rating\":3,\"role_in_sequence\":\"middle\"}",
        "role_in_sequence middle is not a role: use one of initial, continuation, transition, unspecified.");
    assertRefused(400, "{" + ok + ",\"fit_rating\":3,\"notes\":\"" + "x".repeat(41) + "\"}",
        "notes has 41 characters, more than the 40 allowed (serve.max_notes_chars): shorten it.");
    assertRefused(404, "{\"block_id\":\"b9\",\"asset_id\":\"a2\",\"user_id\":\"u7\",\"fit_rating\":3}",
        "Block b9 is not in the serving snapshot");
    assertRefused(404, "{\"block_id\":\"b1\",\"asset_id\":\"a9\",\"user_id\":\"u7\",\"fit_rating\":3}",
        "Asset a9 is not in the serving snapshot");
    assertRefused(400, "{\"block_id\":\"b1\",\"asset_id\":\"a2\",\"fit_rating\":3}", "user_id is missing");
    assertRefused(400, "not json", "The request body is not JSON");
    assertRefused(409, "{" + ok + ",\"fit_rating\":3,\"snapshot_as_of\":\"2020-01-01T00:00:00Z\"}",
        "The serving snapshot changed since this fit was computed");
    assertFalse(Files.exists(landing.resolve(RatingLanding.DIRECTORY)), "a refused rating wrote nothing");
    assertEquals(200, get("/healthz").statusCode());
    assertEquals(200, get("/api/score?block_id=b1&asset_id=a1").statusCode());
  }

  private static void assertRefused(int status, String body, String message) throws Exception {
    HttpResponse<String> r = post(body);
    assertEquals(status, r.statusCode(), r.body());
    String error = JSON.readTree(r.body()).get("error").asText();
    assertTrue(error.startsWith(message), error);
  }

  @Test
  void aRatingIsAppendedToTheLandingWithTheScoreAndTagSnapshotsShown() throws Exception {
    Path dirOfRatings = dir.resolve("landing-ok");
    ServeApp app = new ServeApp(dir.resolve("wh").toString(), dirOfRatings, config());
    JsonNode request = JSON.readTree("{\"block_id\":\"b1\",\"asset_id\":\"a2\",\"user_id\":\"u7\",\"fit_rating\":2,"
        + "\"role_in_sequence\":\"initial\",\"notes\":\"camera is front-facing\",\"snapshot_as_of\":\"" + ServeFixtures.AS_OF
        + "\"}");
    app.ratings().rate(request);
    app.ratings().rate(request);
    Path file;
    try (var files = Files.list(dirOfRatings.resolve(RatingLanding.DIRECTORY))) {
      List<Path> all = files.toList();
      assertEquals(1, all.stream().filter(p -> p.getFileName().toString().endsWith(".jsonl")).count(), all.toString());
      assertEquals(0, all.stream().filter(p -> p.getFileName().toString().endsWith(".tmp")).count(), all.toString());
      file = all.stream().filter(p -> p.getFileName().toString().endsWith(".jsonl")).findFirst().orElseThrow();
    }
    List<String> lines = Files.readAllLines(file);
    assertEquals(2, lines.size(), "a re-rating is a second line, never a replacement");
    JsonNode rec = JSON.readTree(lines.get(0));
    assertEquals("b1", rec.get("block_id").asText());
    assertEquals(2, rec.get("fit_rating").asInt());
    assertEquals("initial", rec.get("role_in_sequence").asText());
    assertEquals(0.6, rec.get("heuristic_score").asDouble(), 1e-12);
    assertEquals("[\"cam:from_behind\",\"rel:side_by_side\",\"actor:couple\",\"state:walking\",\"mood:tender\","
        + "\"speed:slow_motion\",\"setting:beach\"]", rec.get("block_tags_snapshot").get("ontology_ids").toString());
    assertEquals("[\"sparkles\"]", rec.get("block_tags_snapshot").get("unmapped_tags").toString());
    assertEquals("[\"cam:front_view\",\"rel:side_by_side\",\"actor:couple\",\"setting:beach\"]",
        rec.get("asset_tags_snapshot").get("ontology_ids").toString());
    assertTrue(rec.get("rating_id").asText().startsWith("serve-"));
    assertFalse(lines.get(0).equals(lines.get(1)));
  }

  @Test
  void thumbnailsComeOnlyFromLocalFilesAndPagesAllowNothingElse() throws Exception {
    HttpResponse<byte[]> png = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/thumb/a1")).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, png.statusCode());
    assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(""));
    assertEquals(Files.size(landing.resolve("images/a1.png")), png.body().length);
    assertEquals(404, get("/thumb/a2").statusCode());
    HttpResponse<String> page = get("/fit");
    assertEquals(200, page.statusCode());
    assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").startsWith("default-src 'none'"));
    assertTrue(page.body().contains("<title>genlake · fit inspector</title>"));
    assertEquals(404, get("/nope").statusCode());
    assertEquals(405, HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/score")).DELETE().build(),
        HttpResponse.BodyHandlers.ofString()).statusCode());
  }

  @Test
  void generationPanelFiltersAndDrillsDown() throws Exception {
    JsonNode list = JSON.readTree(get("/api/generations?provider=comfyui").body());
    assertEquals(2, list.get("matched").asInt());
    assertEquals("g3", list.get("results").get(0).get("generation_id").asText());
    assertEquals("fox v2", list.get("results").get(0).get("prompt_version").asText());
    JsonNode day = JSON.readTree(get("/api/generations?from=2026-11-18&to=2026-11-18").body());
    assertEquals(1, day.get("matched").asInt());
    assertEquals(400, get("/api/generations?from=yesterday").statusCode());
    JsonNode g3 = JSON.readTree(get("/api/generations/g3").body());
    assertTrue(g3.get("content_rating_clamped").asBoolean());
    assertEquals("[\"g2\"]", g3.get("same_hash").toString());
    assertTrue(g3.get("hash_group").get("non_deterministic").asBoolean());
    assertEquals(3, g3.get("variables").get("n").asInt());
    JsonNode g2 = JSON.readTree(get("/api/generations/g2").body());
    assertEquals(1, g2.get("ratings").size());
    assertEquals("a1", g2.get("assets").get(0).get("asset_id").asText());
    assertEquals(404, get("/api/generations/g0").statusCode());
    assertEquals(1, JSON.readTree(get("/api/violations").body()).get("total").asInt());
    assertEquals(1, JSON.readTree(get("/api/reproducibility?non_deterministic=true").body()).get("results").size());
  }

  @Test
  void aTokenIsRequiredOnTheApiAndNonLoopbackBindsNeedOne() throws Exception {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WebServer.start("0.0.0.0", 0,
        Optional.empty(), new Routes(null, null, null), System.err));
    assertTrue(e.getMessage().startsWith("Refusing to bind to 0.0.0.0 without a token"), e.getMessage());
    ServeApp app = new ServeApp(dir.resolve("wh").toString(), dir.resolve("landing-token"), config());
    try (WebServer s = app.start("127.0.0.1", 0, Optional.of("s3cret-token"), System.err)) {
      String url = "http://127.0.0.1:" + s.port();
      HttpResponse<String> none = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/ontology")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(401, none.statusCode());
      assertFalse(none.body().contains("s3cret"), "the token is never echoed");
      HttpResponse<String> wrong = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/ontology"))
          .header(WebServer.TOKEN_HEADER, "s3cret-tokeN").build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(401, wrong.statusCode());
      HttpResponse<String> right = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/ontology"))
          .header(WebServer.TOKEN_HEADER, "s3cret-token").build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, right.statusCode());
      assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(url + "/fit")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode(), "the page shell holds no data and needs no token");
    }
  }
}

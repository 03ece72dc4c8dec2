package io.genlake.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/recommend} hands its parameters to the {@link RecommendService} and returns its text as is; refusals
 * become 400/404 with the message, a server without the service answers 404; the endpoint file names the server.
 */
class RecommendRouteTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void passesTheQuestionAndReturnsTheTextAsIs(@TempDir Path dir) throws Exception {
    Path landing = dir.resolve("landing");
    ServeFixtures.write(dir.resolve("wh"), landing);
    List<String> asked = new ArrayList<>();
    RecommendService service = (prompt, checkpoints, user, family, tier) -> {
      if (prompt.isBlank()) {
        throw new IllegalArgumentException("Cannot recommend for an empty prompt");
      }
      if (prompt.equals("none")) {
        throw new IllegalStateException("No preference snapshot under wh");
      }
      asked.add(prompt + "|" + checkpoints + "|" + user.orElse("-") + "|" + family.orElse("-") + "|" + tier);
      return "{\n  \"recommended\" : \"A\"\n}\n";
    };
    ServeApp app = new ServeApp(dir.resolve("wh").toString(), landing, ServeAppTest.config());
    try (WebServer server = app.start("127.0.0.1", 0, Optional.empty(),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Optional.of(service))) {
      String base = "http://127.0.0.1:" + server.port() + "/api/recommend?prompt=";
      HttpResponse<String> ok = get(base + enc("anime boy, red hair") + "&checkpoints=A,B&user=u1");
      assertEquals(200, ok.statusCode(), ok.body());
      assertEquals("{\n  \"recommended\" : \"A\"\n}\n", ok.body());
      assertEquals(List.of("anime boy, red hair|[A, B]|u1|-|standard"), asked);
      HttpResponse<String> empty = get(base + "%20");
      assertEquals(400, empty.statusCode());
      assertTrue(empty.body().contains("empty prompt"), empty.body());
      assertEquals(404, get(base + "none").statusCode());
      assertEquals(400, get(base.substring(0, base.indexOf('?'))).statusCode()); // no prompt at all
      assertEquals(1, asked.size());
    }
    try (WebServer bare = app.start("127.0.0.1", 0, Optional.empty(),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
      assertEquals(404, get("http://127.0.0.1:" + bare.port() + "/api/recommend?prompt=x").statusCode());
    }
  }

  @Test
  void theEndpointFileNamesTheServerAndIsRemovedOnlyByIt(@TempDir Path dir) throws Exception {
    String root = dir.toString();
    ServeEndpoint ours = new ServeEndpoint("http://127.0.0.1:8080", 4242, false, Optional.empty());
    ours.write(root);
    assertEquals("url=http://127.0.0.1:8080\npid=4242\ntoken=none\nconfig=default\n",
        Files.readString(ServeEndpoint.path(root)));
    new ServeEndpoint("http://127.0.0.1:9090", 4243, true, Optional.of(Path.of("/etc/g.yaml"))).removeIfOurs(root);
    assertTrue(Files.exists(ServeEndpoint.path(root)), "another server's file is left alone");
    ours.removeIfOurs(root);
    assertFalse(Files.exists(ServeEndpoint.path(root)));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}

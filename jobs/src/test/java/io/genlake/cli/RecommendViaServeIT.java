package io.genlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.genlake.config.ConfigLoader;
import io.genlake.serve.ServeApp;
import io.genlake.serve.ServeEndpoint;
import io.genlake.serve.WebServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/genlake recommend} asks a running {@code genlake serve} for the same warehouse (its endpoint file, curl)
 * and prints exactly what the JVM path prints; it takes the JVM path when the file names a dead process, when the
 * server needs a token, or when the arguments are not plain option pairs. Runs the real launcher after
 * {@code package} (failsafe, {@code mvn verify}).
 */
class RecommendViaServeIT {
  private static final Path LAUNCHER = Path.of("..", "bin", "genlake").toAbsolutePath().normalize();

  @Test
  void theLauncherAsksARunningServerAndFallsBackToTheJvm(@TempDir Path dir) throws Exception {
    Path wh = dir.resolve("wh");
    RecommendFixtures.writeSnapshot(wh);
    String root = wh.toString();
    ServeApp app = new ServeApp(root, dir.resolve("landing"), ConfigLoader.defaults().serve());
    List<String> ask = List.of("recommend", "--warehouse", root, "--prompt", "portrait of a woman", "--user", "alice",
        "--checkpoints", "A,B");
    Run jvm = run(Map.of("GENLAKE_SERVE_RECOMMEND", "0"), ask);
    assertEquals(0, jvm.status, jvm.err);
    assertTrue(jvm.out.contains("\"recommended\" : \"B\""), jvm.out);

    try (WebServer server = app.start("127.0.0.1", 0, Optional.empty(),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        Optional.of(new RecommendEndpoint(wh, ConfigLoader.defaults().preference())))) {
      String url = "http://127.0.0.1:" + server.port();
      long pid = ProcessHandle.current().pid();
      new ServeEndpoint(url, pid, false, Optional.empty()).write(root);

      Run served = run(Map.of(), ask);
      assertEquals(0, served.status, served.err);
      assertTrue(served.err.contains("answered by genlake serve at " + url), served.err);
      assertEquals(withoutLookupTime(jvm.out), withoutLookupTime(served.out));

      Run quiet = run(Map.of(), List.of("recommend", "-q", "--warehouse", root, "--prompt", "portrait"));
      assertEquals(0, quiet.status, quiet.err);
      assertFalse(quiet.err.contains("answered by"), quiet.err);

      // an option the endpoint does not take (here --config) goes to the JVM, which says what is wrong with it
      Run config = run(Map.of(), List.of("recommend", "--warehouse", root, "--prompt", "portrait", "--config",
          dir.resolve("missing.yaml").toString()));
      assertEquals(1, config.status);
      assertFalse(config.err.contains("answered by"), config.err);
      assertTrue(config.err.contains("missing.yaml"), config.err);

      // an empty prompt: the server refuses it, and the JVM path gives the command's own message and status
      Run empty = run(Map.of(), List.of("recommend", "--warehouse", root, "--prompt", " "));
      assertEquals(1, empty.status);
      assertTrue(empty.err.contains("empty prompt"), empty.err);

      // a server that needs a token is not asked
      new ServeEndpoint(url, pid, true, Optional.empty()).write(root);
      Run token = run(Map.of(), ask);
      assertEquals(0, token.status, token.err);
      assertFalse(token.err.contains("answered by"), token.err);
    }
    // a file left by a server that is gone: the JVM answers
    new ServeEndpoint("http://127.0.0.1:1", Long.MAX_VALUE / 2, false, Optional.empty()).write(root);
    Run stale = run(Map.of(), ask);
    assertEquals(0, stale.status, stale.err);
    assertFalse(stale.err.contains("answered by"), stale.err);
    assertEquals(withoutLookupTime(jvm.out), withoutLookupTime(stale.out));
  }

  private static String withoutLookupTime(String json) {
    return json.replaceAll("\"lookup_ms\" : [0-9.E-]+", "\"lookup_ms\" : _");
  }

  private record Run(int status, String out, String err) {}

  private static Run run(Map<String, String> env, List<String> args) throws Exception {
    List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().remove("GENLAKE_WAREHOUSE");
    pb.environment().putAll(env);
    Path err = Files.createTempFile("genlake-recommend", ".err");
    try {
      Process p = pb.redirectError(err.toFile()).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int status = p.waitFor();
      return new Run(status, out, Files.readString(err));
    } finally {
      Files.deleteIfExists(err);
    }
  }
}

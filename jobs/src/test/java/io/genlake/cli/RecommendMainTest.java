package io.genlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.genlake.preference.PairCounts;
import io.genlake.preference.ServingSnapshot;
import io.genlake.preference.SnapshotData;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fast entry point answers exactly as {@code genlake recommend} under the picocli root, errors included. */
class RecommendMainTest {
  private record Outcome(int status, String out, String err) {}

  private static Outcome capture(ToIntFunction<String[]> main, String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int status = main.applyAsInt(args);
      // the lookup time is the one field that differs between two runs
      return new Outcome(status, out.toString(StandardCharsets.UTF_8).replaceAll("\"lookup_ms\" : [0-9.E-]+", "T"),
          err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  private static void assertSameAsRoot(String... args) {
    String[] rooted = new String[args.length + 1];
    rooted[0] = "recommend";
    System.arraycopy(args, 0, rooted, 1, args.length);
    Outcome expected = capture(Genlake::run, rooted);
    Outcome fast = capture(RecommendMain::run, args);
    assertEquals(expected, fast, String.join(" ", args));
  }

  private static String warehouse(Path dir) throws Exception {
    ServingSnapshot s = new SnapshotData(Instant.parse("2026-11-21T00:00:00Z"))
        .putGlobal("anime", "A", PairCounts.of(0, 8))
        .putGlobal("anime", "B", PairCounts.of(7, 8))
        .putGlobal("photorealistic", "A", PairCounts.of(90, 100))
        .putCheckpoint("A", PairCounts.of(90, 108))
        .putCheckpoint("B", PairCounts.of(7, 8))
        .putUser("alice", "anime", "A", PairCounts.of(3, 3))
        .build();
    Path file = dir.resolve(ServingSnapshot.RELATIVE_PATH);
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file)) {
      s.write(out);
    }
    return dir.toString();
  }

  @Test
  void answersAndFailsExactlyAsTheRootCommand(@TempDir Path dir) throws Exception {
    String wh = warehouse(dir);
    Outcome anime = capture(RecommendMain::run, "--warehouse", wh, "--prompt", "anime girl", "--checkpoints", "A,B");
    assertEquals(0, anime.status());
    assertTrue(anime.out().contains("\"recommended\" : \"B\""), anime.out());
    // parsed by the fast path
    assertSameAsRoot("--warehouse", wh, "--prompt", "anime girl", "--checkpoints", "A,B");
    assertSameAsRoot("-q", "--prompt", "anime", "--user", "alice", "--warehouse", wh, "--checkpoints", "A",
        "--checkpoints", "B,Z", "--tier", "standard", "--master", "local[1]");
    assertSameAsRoot("--warehouse", wh, "--prompt", "photorealistic castle");
    assertSameAsRoot("--warehouse", wh, "--prompt", "anime", "--family", "sdxl");
    assertSameAsRoot("--warehouse", wh, "--prompt", "  ");
    assertSameAsRoot("--warehouse", dir.resolve("none").toString(), "--prompt", "anime");
    assertSameAsRoot("--warehouse", wh, "--prompt", "anime", "--config", dir.resolve("missing.yaml").toString());
    // left to picocli
    assertSameAsRoot("--help");
    assertSameAsRoot("--warehouse", wh);
    assertSameAsRoot("--warehouse", wh, "--prompt=anime", "--checkpoints=A,B");
    assertSameAsRoot("--warehouse", wh, "--prompt", "anime", "--bogus", "1");
    assertSameAsRoot("--warehouse", wh, "--prompt", "anime", "--prompt", "girl");
    assertSameAsRoot("--warehouse", wh, "--prompt", "anime", "--checkpoints", "A,,B");
    assertSameAsRoot("--warehouse", wh, "--prompt", "anime", "--checkpoints", "\"A,B\",C");
    assertSameAsRoot("--warehouse", wh, "--prompt", "anime", "--user");
  }

  @Test
  void parsesPlainOptionsAndLeavesTheRestToPicocli() {
    RecommendCommand cmd = RecommendMain.parse("--prompt", "castle", "--checkpoints", "a,b", "--checkpoints", "c",
        "--user", "u", "--family", "sdxl", "--tier", "xl", "--warehouse", "w", "--config", "c.yaml", "--quiet")
        .orElseThrow();
    assertEquals("castle", cmd.prompt);
    assertEquals(List.of("a", "b", "c"), cmd.checkpoints);
    assertEquals("u", cmd.user.orElseThrow());
    assertEquals("sdxl", cmd.family.orElseThrow());
    assertEquals("xl", cmd.tier);
    assertEquals("w", cmd.warehouse.warehouse.orElseThrow());
    assertEquals(Path.of("c.yaml"), cmd.warehouse.config.orElseThrow());
    assertTrue(cmd.warehouse.quiet);
    assertEquals("standard", RecommendMain.parse("--prompt", "x").orElseThrow().tier);
    assertTrue(RecommendMain.parse("--prompt", "-x").isEmpty());
    assertTrue(RecommendMain.parse("--checkpoints", "a").isEmpty());
    assertTrue(RecommendMain.parse("--prompt", "x", "extra").isEmpty());
    assertTrue(RecommendMain.parse("--prompt", "x", "-V").isEmpty());
  }
}

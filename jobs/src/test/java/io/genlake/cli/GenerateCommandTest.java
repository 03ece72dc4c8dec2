package io.genlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
  @Test
  void writesLandingDataAndPrintsTheSummary(@TempDir Path dir) {
    Path out = dir.resolve("landing");
    String printed = captureOut(() -> assertEquals(0,
        Genlake.run("generate", "--quiet", "--scale", "40", "--out", out.toString(), "--seed", "5", "--bad-rate", "0.1")));
    assertTrue(Files.exists(out.resolve("sqlite/metadata.db")));
    assertTrue(Files.exists(out.resolve("_planted.json")));
    assertTrue(printed.startsWith("kind "), printed);
    assertTrue(printed.contains("generations                    40"), printed);
  }

  @Test
  void refusesANonEmptyDirectoryUnlessForced(@TempDir Path dir) throws IOException {
    Path keep = Files.writeString(dir.resolve("keep.txt"), "mine");
    PrintStream oldErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      assertEquals(2, Genlake.run("generate", "--quiet", "--scale", "10", "--out", dir.toString()));
    } finally {
      System.setErr(oldErr);
    }
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("Cannot generate into " + dir
        + ": the directory is not empty"), err.toString(StandardCharsets.UTF_8));
    assertEquals(1, Files.list(dir).count());
    captureOut(() -> assertEquals(0, Genlake.run("generate", "--quiet", "--force", "--scale", "10", "--out", dir.toString())));
    assertEquals("mine", Files.readString(keep));
    assertTrue(Files.exists(dir.resolve("generations/gen-part-0000.jsonl")));
  }

  private static String captureOut(Runnable r) {
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
}

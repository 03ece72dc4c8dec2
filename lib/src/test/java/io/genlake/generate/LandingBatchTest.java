package io.genlake.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.genlake.pipeline.Progress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An added batch: new files beside the landing's, keys never seen in it, deterministic for (seed, batch). */
class LandingBatchTest {
  @Test
  void aBatchWritesNewFilesWithKeysTheLandingDoesNotHave(@TempDir Path dir) throws IOException {
    Path landing = dir.resolve("landing");
    LandingGenerator.write(landing, 60, 5, 0.05);
    List<Path> before = files(landing);
    LandingGenerator.write(landing, 30, 5, 0.05, 1, Progress.silent());
    List<Path> after = files(landing);
    assertTrue(after.containsAll(before));
    assertTrue(Files.isRegularFile(landing.resolve("generations/batch-0001/gen-part-0000.jsonl")));
    assertTrue(Files.isRegularFile(landing.resolve("sqlite/batch-0001/metadata.db")));
    assertTrue(Files.isRegularFile(landing.resolve("_summary.batch-0001.json")));
    for (Path f : after) {
      if (!before.contains(f)) {
        assertTrue(f.toString().contains("batch-0001"), f + " is not in the batch's folders");
      }
    }

    // the batch's files moved to a landing of their own, read by the independent test reader
    Path batch = dir.resolve("batch");
    for (Path f : after) {
      if (f.getParent().getFileName().toString().equals("batch-0001")) {
        Path target = batch.resolve(landing.relativize(f.getParent().getParent())).resolve(f.getFileName());
        Files.createDirectories(target.getParent());
        Files.copy(f, target);
      }
    }
    int kinds = 0;
    for (Kind kind : Kind.values()) {
      Set<Object> base = keys(landing, kind);
      Set<Object> added = keys(batch, kind);
      assertTrue(!added.isEmpty(), kind + " has no rows in the batch");
      added.retainAll(base);
      assertEquals(Set.of(), added, kind + " keys repeated by the batch");
      kinds++;
    }
    assertEquals(Kind.values().length, kinds);
  }

  @Test
  void theSameBatchIsByteIdentical(@TempDir Path dir) throws IOException {
    LandingGenerator.write(dir.resolve("a"), 40, 9, 0.02, 2, Progress.silent());
    LandingGenerator.write(dir.resolve("b"), 40, 9, 0.02, 2, Progress.silent());
    String part = "generations/batch-0002/gen-part-0000.jsonl";
    assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(part)), Files.readAllBytes(dir.resolve("b").resolve(part)));
    String text = new String(Files.readAllBytes(dir.resolve("a").resolve(part)), StandardCharsets.ISO_8859_1);
    assertTrue(text.contains("\"generation_id\":\"gen-20000000001\""), text.substring(0, 200));
  }

  @Test
  void batchNumbersAreBounded(@TempDir Path dir) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LandingGenerator.write(dir, 10, 1, 0, 10_000, Progress.silent()));
    assertEquals("Cannot generate batch 10000: batches are numbered 0 (the landing) to 9999 (added data).", e.getMessage());
  }

  private static Set<Object> keys(Path root, Kind kind) {
    Set<Object> out = new HashSet<>();
    for (LandingFiles.Line line : LandingFiles.read(root, kind)) {
      if (line.fields() != null && line.fields().get(kind.fields[0]) != null) {
        out.add(String.valueOf(line.fields().get(kind.fields[0])));
      }
    }
    return out;
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    }
  }
}

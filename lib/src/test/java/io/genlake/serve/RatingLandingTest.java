package io.genlake.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Appends are whole lines, never lost under concurrency, and leave no temporary file. */
class RatingLandingTest {
  @Test
  void concurrentAppendsKeepEveryWholeLine(@TempDir Path dir) throws Exception {
    RatingLanding landing = new RatingLanding(dir);
    Instant at = Instant.parse("2026-11-20T23:59:59Z");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Path>> done = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String line = "{\"n\":" + i + "}";
      done.add(pool.submit(() -> landing.append(line, at)));
    }
    for (Future<Path> f : done) {
      assertEquals(dir.resolve("ratings/block_fit/serve/2026-11-20.jsonl"), f.get());
    }
    pool.shutdown();
    List<String> lines = Files.readAllLines(dir.resolve("ratings/block_fit/serve/2026-11-20.jsonl"));
    assertEquals(40, lines.size());
    Set<String> distinct = new HashSet<>(lines);
    for (int i = 0; i < 40; i++) {
      distinct.remove("{\"n\":" + i + "}");
    }
    assertEquals(Set.of(), distinct);
    try (var files = Files.list(dir.resolve(RatingLanding.DIRECTORY))) {
      assertEquals(List.of(".lock", "2026-11-20.jsonl"), files.map(p -> p.getFileName().toString()).sorted().toList());
    }
    assertThrows(IllegalArgumentException.class, () -> landing.append("{}\n{}", at));
  }
}

package io.genlake.sqlendpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The endpoint file: written, read back while its process lives, ignored when stale, removed only by its owner. */
class EndpointFileTest {
  @Test
  void liveWhileItsProcessRuns(@TempDir Path wh) {
    EndpointFile f = new EndpointFile("127.0.0.1", 10123, ProcessHandle.current().pid(),
        Instant.parse("2026-12-05T15:00:00Z"), false, false, 0);
    f.write(wh.toString());
    assertEquals(f, EndpointFile.live(wh.toString()).orElseThrow());
    assertEquals("jdbc:hive2://127.0.0.1:10123/default", f.jdbcUrl());
    new EndpointFile("127.0.0.1", 10123, f.pid() + 1, f.startedAt(), false, false, 0).removeIfOurs(wh.toString());
    assertTrue(Files.exists(EndpointFile.path(wh.toString())), "another process's endpoint removed the file");
    f.removeIfOurs(wh.toString());
    assertFalse(Files.exists(EndpointFile.path(wh.toString())));
  }

  @Test
  void staleWhenItsProcessIsGone(@TempDir Path wh) throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    new EndpointFile("127.0.0.1", 10000, p.pid(), Instant.now(), false, false, 0).write(wh.toString());
    assertTrue(Files.exists(EndpointFile.path(wh.toString())));
    assertTrue(EndpointFile.live(wh.toString()).isEmpty());
  }

  @Test
  void brokenFileIsNoEndpoint(@TempDir Path wh) throws Exception {
    Files.createDirectories(EndpointFile.path(wh.toString()).getParent());
    Files.writeString(EndpointFile.path(wh.toString()), "{\"host\": \"127.0.0.1\", \"po");
    assertTrue(EndpointFile.live(wh.toString()).isEmpty());
  }
}

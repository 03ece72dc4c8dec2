package io.genlake.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarehouseLockTest {

  @Test
  void secondProcessIsRefusedUntilTheFirstExits(@TempDir Path dir) throws Exception {
    Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), dir.toString())
        .redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("locked", out.readLine());
      WarehouseLock.WarehouseBusyException e = assertThrows(WarehouseLock.WarehouseBusyException.class,
          () -> WarehouseLock.acquire(dir.toString(), "mine", "nightly"));
      assertTrue(e.getMessage().startsWith("Warehouse " + dir.toAbsolutePath() + " is in use by another genlake run (pid "
          + holder.pid() + ", nightly run holder-run, started "), e.getMessage());
    } finally {
      holder.getOutputStream().close();
      holder.waitFor();
    }
    WarehouseLock.acquire(dir.toString(), "mine", "nightly"); // free once the holder has exited
    WarehouseLock.acquire(dir.toString(), "mine-again", "ingest"); // re-entrant in one JVM
    WarehouseLock.release(dir.toString());
  }
}

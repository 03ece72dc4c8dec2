package io.genlake.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * One writer per warehouse. Delta on a local file system does not protect concurrent writers in different
 * processes, so every writing command takes an exclusive OS lock on {@code <warehouse>/_genlake.lock} first.
 * The OS releases it when the process exits, however it exits (a killed run leaves no stale lock). Within
 * one JVM the lock is re-entrant. Warehouses on remote file systems (URIs) are not locked: there the
 * scheduler must ensure a single writer, as the README says.
 */
public final class WarehouseLock {
  public static final String FILE_NAME = "_genlake.lock";
  private static final Map<Path, FileLock> HELD = new HashMap<>();

  private WarehouseLock() {}

  /** Takes the lock of the warehouse at {@code root} for {@code runId}, or explains who holds it. */
  public static synchronized void acquire(String root, String runId, String command) {
    if (root.contains("://")) {
      return;
    }
    Path dir = Path.of(root).toAbsolutePath().normalize();
    if (HELD.containsKey(dir)) {
      return;
    }
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve(FILE_NAME);
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
        channel.close();
        throw new WarehouseBusyException("Warehouse " + dir + " is in use by another genlake run ("
            + (holder.isEmpty() ? "holder unknown" : holder) + "). Only one run may write to a warehouse at a time "
            + "because Delta on a local file system does not protect writers in different processes. Wait for "
            + "that run to finish and start again; the lock is released as soon as its process exits.");
      }
      String info = "pid " + ProcessHandle.current().pid() + ", " + command + " run " + runId + ", started "
          + Instant.now();
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(info.getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
      HELD.put(dir, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot lock warehouse " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Releases the lock this JVM holds on {@code root}, if any (tests; commands keep it until exit). */
  public static synchronized void release(String root) {
    FileLock lock = HELD.remove(Path.of(root).toAbsolutePath().normalize());
    if (lock != null) {
      try {
        lock.release();
        lock.channel().close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Another process holds the warehouse. */
  public static final class WarehouseBusyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WarehouseBusyException(String message) {
      super(message);
    }
  }
}

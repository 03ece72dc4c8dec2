package io.genlake.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Predicate;

/**
 * A small file under {@code <warehouse>/_genlake/} that a running process writes to say where it answers (the web
 * server's {@code serve-endpoint}, the SQL endpoint's {@code sql-endpoint.json}) and removes when it stops. Readers
 * never see half a file: it is written to a sibling named after the writer's pid and renamed over the old one. A file
 * left behind by a process that died names a dead pid; its readers check the pid and ignore it. Cost: one small write.
 */
public final class RuntimeFile {
  private RuntimeFile() {}

  /**
   * Writes {@code text} to {@code file} atomically, creating its directory.
   *
   * @param what names the file in the error message, e.g. "SQL endpoint file"
   */
  public static void replace(Path file, String text, long pid, String what) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + "." + pid);
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the " + what + " " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Deletes {@code file} if its text passes {@code ours} (it still names the calling process: a later process may
   * have replaced it). Errors are ignored: the caller is stopping, and a file left behind names a dead pid.
   */
  public static void removeIf(Path file, Predicate<String> ours) {
    try {
      if (Files.isRegularFile(file) && ours.test(Files.readString(file, StandardCharsets.UTF_8))) {
        Files.delete(file);
      }
    } catch (IOException | RuntimeException e) {
      // stopping: a file left behind names a dead pid and is ignored
    }
  }
}

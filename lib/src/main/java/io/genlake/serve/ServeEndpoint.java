package io.genlake.serve;

import io.genlake.warehouse.RuntimeFile;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code <warehouse>/_genlake/serve-endpoint}: where a running {@code genlake serve} for the warehouse answers, so
 * {@code bin/genlake recommend} can ask it instead of starting a JVM. Plain {@code key=value} lines (the launcher
 * reads them with the shell alone): {@code url}, {@code pid}, {@code token} ({@code required} or {@code none}) and
 * {@code config} (the {@code --config} file the server was started with, or {@code default}). Written atomically when
 * the server is up, removed when it stops; a file whose pid is not a live process is stale and ignored.
 */
public record ServeEndpoint(String url, long pid, boolean tokenRequired, Optional<Path> config) {
  /** The file's path under a warehouse root. */
  public static final String RELATIVE_PATH = "_genlake/serve-endpoint";

  /** Where the file lives for a local warehouse root. */
  public static Path path(String warehouseRoot) {
    return Path.of(warehouseRoot).resolve(RELATIVE_PATH);
  }

  /** The file's text. */
  public String text() {
    return "url=" + url + "\npid=" + pid + "\ntoken=" + (tokenRequired ? "required" : "none") + "\nconfig="
        + config.map(c -> c.toAbsolutePath().normalize().toString()).orElse("default") + "\n";
  }

  /** Writes the file atomically (a temporary file renamed over it). */
  public void write(String warehouseRoot) {
    RuntimeFile.replace(path(warehouseRoot), text(), pid, "serve endpoint file");
  }

  /** Removes the file if it still names this process (a later server may have replaced it). */
  public void removeIfOurs(String warehouseRoot) {
    RuntimeFile.removeIf(path(warehouseRoot), text -> text.contains("\npid=" + pid + "\n"));
  }
}

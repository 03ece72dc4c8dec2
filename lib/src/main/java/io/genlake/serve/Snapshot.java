package io.genlake.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

/**
 * One serving snapshot file, loaded on first use and again whenever the nightly has replaced it (its modification
 * time changed; looked at no more often than every {@code recheckMillis}). Requests always see one whole snapshot.
 *
 * @param <T> the loaded form
 */
public final class Snapshot<T> {
  /** Loads a snapshot file. */
  @FunctionalInterface
  public interface Loader<T> {
    T load(Path file) throws IOException;
  }

  private final Path file;
  private final Loader<T> loader;
  private final long recheckMillis;
  private final String missingHint;
  private T loaded;
  private FileTime loadedTime;
  private long checkedAt;

  /** {@code missingHint} tells a user how to make the file (e.g. "Run `genlake nightly`"). */
  public Snapshot(Path file, Loader<T> loader, long recheckMillis, String missingHint) {
    this.file = file;
    this.loader = loader;
    this.recheckMillis = recheckMillis;
    this.missingHint = missingHint;
  }

  /** The snapshot file this reads. */
  public Path file() {
    return file;
  }

  /** The current snapshot, or empty when the file does not exist (yet). A broken file fails with its path. */
  public synchronized Optional<T> current() {
    long now = System.currentTimeMillis();
    if (loaded != null && now - checkedAt < recheckMillis) {
      return Optional.of(loaded);
    }
    checkedAt = now;
    try {
      if (!Files.isRegularFile(file)) {
        return Optional.ofNullable(loaded);
      }
      FileTime t = Files.getLastModifiedTime(file);
      if (loaded == null || !t.equals(loadedTime)) {
        loaded = loader.load(file);
        loadedTime = t;
      }
      return Optional.of(loaded);
    } catch (IOException | RuntimeException e) {
      if (loaded != null) {
        return Optional.of(loaded); // keep answering from the last good snapshot
      }
      throw new ServeException(503, "Cannot read the serving snapshot " + file + ": " + e.getMessage() + ". "
          + missingHint + " to write it again.");
    }
  }

  /** The current snapshot, or a 503 saying how to make it. */
  public T require() {
    return current().orElseThrow(() -> new ServeException(503, "No serving snapshot at " + file + " yet. "
        + missingHint + " to write it."));
  }
}

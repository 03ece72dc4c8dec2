package io.genlake.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** The scratch directories benchmarks create for themselves (and only those) are removed with {@link #delete}. */
final class ScratchDir {
  private ScratchDir() {}

  /** Deletes {@code dir} and everything under it, deepest first; a file that cannot be deleted is left behind. */
  static void delete(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}

package io.genlake.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options of commands that run pipeline steps. */
public final class RunOptions {
  @Option(names = "--landing", paramLabel = "DIR",
      description = "Landing directory with <stream>/ exports. Default: the bundled data/sample of the genlake installation (paths.landing in --config).")
  Optional<Path> landing = Optional.empty();

  @Option(names = "--date", paramLabel = "YYYY-MM-DD",
      description = "The run's logical date (default: today, UTC); used for exports and recency.")
  Optional<LocalDate> date = Optional.empty();

  @Option(names = "--full",
      description = "Recompute everything from silver instead of only what changed since the last successful run.")
  boolean full;
}

package io.genlake.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code genlake bench <area>}: benchmark commands; each prints rows per second and its reference ratio. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks: each prints rows per second (and a reference engine's figure where one applies).",
    subcommands = {BenchIngestCommand.class, BenchEnrichCommand.class, BenchFailuresCommand.class, BenchFitCommand.class,
        BenchPrefsCommand.class, BenchRecommendCommand.class, BenchNightlyCommand.class, BenchServeCommand.class,
        BenchSqlEndpointCommand.class})
final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Name a benchmark: see `genlake bench --help`.");
  }
}

package io.genlake.cli;

import io.genlake.generate.GenerationSummary;
import io.genlake.generate.LandingGenerator;
import io.genlake.pipeline.Progress;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code genlake generate --scale N --out DIR}: synthetic landing data for every stream, without Spark.
 * Refuses a non-empty directory unless {@code --force} (which overwrites same-named files, never deletes).
 * {@code --batch B} adds more data to an existing landing instead, as new files with new ids.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Write realistic synthetic landing data (JSON Lines, CSV, SQLite) for every stream, "
        + "with bad rows and planted signals; deterministic for a seed. Does not start Spark.")
final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--scale", required = true, paramLabel = "N", description = "Number of generations; the other streams are proportional.")
  long scale;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Landing directory to write.")
  Path out;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed (same seed, same files). Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--bad-rate", defaultValue = "0.02", paramLabel = "R", description = "Share of bad rows, 0 to 0.5. Default: ${DEFAULT-VALUE}.")
  double badRate;

  @Option(names = "--batch", defaultValue = "0", paramLabel = "B",
      description = "Add batch B (1 to 9999) to an existing landing: new files under <kind>/batch-000B/ and "
          + "sqlite/batch-000B/, new ids, same time window; 0 (default) writes the landing itself.")
  int batch;

  @Option(names = "--preference-rounds", defaultValue = "0", paramLabel = "R",
      description = "Extra preference rounds per checkpoint generation (0 to 100): the same prompt tried again in the "
          + "preference app on its own, 2-3 candidates each, no generation id. Default: ${DEFAULT-VALUE}; the bundled "
          + "sample uses 20.")
  int preferenceRounds;

  @Option(names = "--force", description = "Write into a non-empty directory (same-named files are overwritten; nothing is deleted).")
  boolean force;

  @Option(names = "--quiet", description = "No progress lines on standard error.")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    if (batch > 0 && !force && Files.exists(out.resolve("sqlite").resolve(LandingGenerator.batchName(batch)))) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Cannot add batch " + batch + " to " + out
          + ": it is already there (" + out.resolve("sqlite").resolve(LandingGenerator.batchName(batch))
          + "). Choose another --batch number, or pass --force to overwrite it.");
    }
    if (batch == 0 && !force && nonEmpty(out)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Cannot generate into " + out
          + ": the directory is not empty, and generated files would mix with what is there. "
          + "Choose an empty or new directory, or pass --force to overwrite same-named files.");
    }
    Progress progress = new Progress(System.err, quiet);
    progress.step("generate", "writing " + Progress.count(scale) + " generations under " + out + " (seed " + seed
        + ", bad rate " + badRate + (batch > 0 ? ", batch " + batch : "")
        + (preferenceRounds > 0 ? ", " + preferenceRounds + " preference rounds" : "") + ")");
    GenerationSummary summary = LandingGenerator.write(out, scale, seed, badRate, batch, preferenceRounds, progress);
    PrintStream stdout = System.out;
    stdout.print(summary.toText());
    stdout.println("landing data in " + out.toAbsolutePath() + " (summary in " + LandingGenerator.SUMMARY_FILE
        + ", planted signals in " + LandingGenerator.PLANTED_FILE + ")");
    stdout.flush();
    return 0;
  }

  private static boolean nonEmpty(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return false;
    }
    if (!Files.isDirectory(dir)) {
      return true;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isPresent();
    }
  }
}

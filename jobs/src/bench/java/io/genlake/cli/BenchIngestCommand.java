package io.genlake.cli;

import io.genlake.config.ConfigLoader;
import io.genlake.config.GenlakeConfig;
import io.genlake.config.SparkSettings;
import io.genlake.generate.LandingGenerator;
import io.genlake.ingest.Ingestion;
import io.genlake.ingest.Stream;
import io.genlake.pipeline.Progress;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StepResult;
import io.genlake.spark.SparkSessions;
import io.genlake.warehouse.Warehouse;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code genlake bench ingest --landing DIR | --scale N [--seed S] | --small-files N | --seed002}: ingests a landing directory (given,
 * generated, or seed 002's migration-size metadata.db) into a temporary warehouse, one stream after the other,
 * and prints rows read per second for each stream and in total. Wall times exclude JVM and Spark start-up,
 * which are printed separately with the end-to-end time.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Ingest a landing directory into a temporary warehouse and print rows/s per stream and in total.")
final class BenchIngestCommand implements Callable<Integer> {
  @Option(names = "--landing", paramLabel = "DIR",
      description = "Landing directory to ingest (or use --scale / --seed002 to write one first).")
  Optional<Path> landing = Optional.empty();

  @Option(names = "--scale", paramLabel = "N",
      description = "Generate landing data for N generations (bin/genlake generate) into a temporary directory first.")
  Optional<Long> scale = Optional.empty();

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Generator seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--bad-rate", paramLabel = "R", defaultValue = "0.01",
      description = "Share of bad rows generated with --scale. Default: ${DEFAULT-VALUE}.")
  double badRate;

  @Option(names = "--seed002", description = "Write seed 002's migration size first: sqlite/metadata.db with "
      + "12,000 sessions and 31,000 images.")
  boolean seed002;

  @Option(names = "--small-files", paramLabel = "N",
      description = "Write N one-record JSON Lines files (one generation each) first: ingestion's cost per file.")
  Optional<Integer> smallFiles = Optional.empty();

  @Option(names = "--config", paramLabel = "FILE", description = "YAML file merged over the built-in defaults.")
  Optional<Path> config = Optional.empty();

  @Option(names = "--master", paramLabel = "URL", description = "Spark master. Default: local[*] (spark.master in --config).")
  Optional<String> master = Optional.empty();

  @Option(names = {"-q", "--quiet"}, description = "Print no progress lines of the ingestion itself.")
  boolean quiet;

  @Option(names = "--sequential", description = "Ingest the streams one after another, each timed alone "
      + "(default: all streams in one ingestion, as the nightly run does, kinds running concurrently).")
  boolean sequential;

  @Option(names = "--keep", description = "Keep the temporary warehouse and print where it is.")
  boolean keep;

  @Option(names = "--runs", paramLabel = "N", defaultValue = "1",
      description = "Ingest the landing N times in this JVM, each into a new empty warehouse, and print each run: "
          + "the first is what a nightly run sees (cold JVM), later ones the warmed-up steady state. "
          + "Default: ${DEFAULT-VALUE}.")
  int runs = 1;

  @Override
  public Integer call() throws IOException, java.sql.SQLException {
    if (runs < 1) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
          "--runs must be at least 1, got " + runs + ".");
    }
    PrintStream out = System.out;
    long generateNanos = 0;
    Path dir;
    Path scratch = null;
    if (landing.isPresent()) {
      dir = landing.get();
    } else if (scale.isPresent() || seed002 || smallFiles.isPresent()) {
      scratch = Files.createTempDirectory("genlake-bench-landing");
      dir = scratch;
      long g0 = System.nanoTime();
      if (smallFiles.isPresent()) {
        SmallFiles.write(dir, smallFiles.get());
      } else if (seed002) {
        Seed002Migration.write(dir, 12_000, 31_000, seed);
      } else {
        LandingGenerator.write(dir, scale.get(), seed, badRate);
      }
      generateNanos = System.nanoTime() - g0;
      out.printf(Locale.ROOT, "landing written to %s in %.2f s (not part of the figures below)%n", dir,
          generateNanos / 1e9);
    } else {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
          "Give --landing DIR, --scale N, --small-files N or --seed002.");
    }
    GenlakeConfig cfg = ConfigLoader.load(config);
    SparkSettings settings = master.map(cfg.spark()::withMaster)
        .orElse(cfg.spark());
    Path wh = Files.createTempDirectory("genlake-bench-ingest");
    long sparkStart = System.nanoTime();
    SparkSession spark = SparkSessions.create("genlake bench ingest", settings, wh);
    long sparkReady = System.nanoTime();
    List<Double> seconds = new ArrayList<>();
    for (int run = 1; run <= runs; run++) {
      if (run > 1) {
        if (keep) {
          out.println("warehouse kept at " + wh);
        } else {
          ScratchDir.delete(wh);
        }
        wh = Files.createTempDirectory("genlake-bench-ingest");
        out.printf(Locale.ROOT, "%nrun %d of %d (same JVM, new empty warehouse %s)%n", run, runs, wh);
      }
      seconds.add(ingestOnce(out, spark, cfg, wh, dir));
      if (run == 1) {
        out.printf(Locale.ROOT, "Spark session start %.2f s; end to end from JVM start, landing writing excluded: "
            + "%.2f s (machine: %d cores)%n", (sparkReady - sparkStart) / 1e9,
            ManagementFactory.getRuntimeMXBean().getUptime() / 1e3 - generateNanos / 1e9,
            Runtime.getRuntime().availableProcessors());
      }
    }
    if (runs > 1) {
      List<Double> warm = new ArrayList<>(seconds.subList(1, seconds.size()));
      java.util.Collections.sort(warm);
      out.printf(Locale.ROOT, "%nrun 1 (cold JVM): %.2f s; runs 2-%d (warm JVM): median %.2f s%n", seconds.get(0),
          runs, warm.get(warm.size() / 2));
    }
    if (keep) {
      out.println("warehouse kept at " + wh);
    } else {
      ScratchDir.delete(wh);
      if (scratch != null) {
        ScratchDir.delete(scratch);
      }
    }
    return 0;
  }

  /** One ingestion of {@code dir} into the empty warehouse {@code wh}; prints the table, returns its seconds. */
  private double ingestOnce(PrintStream out, SparkSession spark, GenlakeConfig cfg, Path wh, Path dir) {
    Warehouse warehouse = new Warehouse(spark, wh.toString());
    RunContext ctx = new RunContext(spark, warehouse, cfg, "bench-ingest", LocalDate.now(ZoneOffset.UTC), dir,
        wh.resolve("reports"), wh.resolve("exports"), new Progress(System.err, quiet), Optional.empty(), false);
    out.printf(Locale.ROOT, "%-12s %12s %12s %12s %10s %12s%n", "stream", "read", "accepted", "quarantined",
        "seconds", "rows/s");
    long totalRows = 0;
    long totalNanos = 0;
    if (sequential) {
      for (Stream s : Stream.values()) {
        long t0 = System.nanoTime();
        StepResult r = Ingestion.run(ctx, EnumSet.of(s));
        long nanos = System.nanoTime() - t0;
        totalRows += r.count("read");
        totalNanos += nanos;
        printStream(out, s, r, nanos);
      }
    } else {
      long t0 = System.nanoTime();
      StepResult r = Ingestion.run(ctx, EnumSet.allOf(Stream.class));
      totalNanos = System.nanoTime() - t0;
      totalRows = r.count("read");
      for (Stream s : Stream.values()) {
        printStream(out, s, r, -1);
      }
    }
    out.printf(Locale.ROOT, "%-12s %12s %12s %12s %10.2f %12s%n", "total", Progress.count(totalRows), "", "",
        totalNanos / 1e9, Progress.count(rate(totalRows, totalNanos)));
    if (smallFiles.isPresent()) {
      out.printf(Locale.ROOT, "small files: %s files in %.2f s = %s files/s, %s rows/s%n",
          Progress.count(smallFiles.get()), totalNanos / 1e9, Progress.count(rate(smallFiles.get(), totalNanos)),
          Progress.count(rate(totalRows, totalNanos)));
    }
    return totalNanos / 1e9;
  }

  /** One stream's line; its own seconds and rate only when it ran alone ({@code nanos >= 0}). */
  private static void printStream(PrintStream out, Stream s, StepResult r, long nanos) {
    String prefix = "stream." + s.label();
    long read = r.count(prefix + ".read");
    out.printf(Locale.ROOT, "%-12s %12s %12s %12s %10s %12s%n", s.label(), Progress.count(read),
        Progress.count(r.count(prefix + ".accepted")), Progress.count(r.count(prefix + ".quarantined")),
        nanos < 0 ? "(together)" : String.format(Locale.ROOT, "%.2f", nanos / 1e9),
        nanos < 0 ? "" : Progress.count(rate(read, nanos)));
  }

  private static long rate(long rows, long nanos) {
    return nanos == 0 ? 0 : Math.round(rows / (nanos / 1e9));
  }

}

package io.genlake.cli;

import io.genlake.config.ConfigLoader;
import io.genlake.config.GenlakeConfig;
import io.genlake.config.SparkSettings;
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
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code genlake bench ingest --landing DIR}: ingests a landing directory into a temporary warehouse, one stream
 * after the other, and prints rows read per second for each stream and in total. Wall times exclude JVM and
 * Spark start-up, which are printed separately.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Ingest a landing directory into a temporary warehouse and print rows/s per stream and in total.")
final class BenchIngestCommand implements Callable<Integer> {
  @Option(names = "--landing", paramLabel = "DIR", required = true, description = "Landing directory to ingest.")
  Path landing;

  @Option(names = "--config", paramLabel = "FILE", description = "YAML file merged over the built-in defaults.")
  Optional<Path> config = Optional.empty();

  @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: spark.master from config).")
  Optional<String> master = Optional.empty();

  @Option(names = "--keep", description = "Keep the temporary warehouse and print where it is.")
  boolean keep;

  @Override
  public Integer call() throws IOException {
    PrintStream out = System.out;
    GenlakeConfig cfg = ConfigLoader.load(config);
    SparkSettings settings = master.map(m -> new SparkSettings(m, cfg.spark().shufflePartitions(), cfg.spark().conf()))
        .orElse(cfg.spark());
    Path wh = Files.createTempDirectory("genlake-bench-ingest");
    long sparkStart = System.nanoTime();
    SparkSession spark = SparkSessions.create("genlake bench ingest", settings, wh);
    long sparkReady = System.nanoTime();
    Warehouse warehouse = new Warehouse(spark, wh.toString());
    RunContext ctx = new RunContext(spark, warehouse, cfg, "bench-ingest", LocalDate.now(ZoneOffset.UTC), landing,
        wh.resolve("reports"), wh.resolve("exports"), new Progress(System.err, true), Optional.empty(), false);
    out.printf(Locale.ROOT, "%-12s %12s %12s %12s %10s %12s%n", "stream", "read", "accepted", "quarantined",
        "seconds", "rows/s");
    long totalRows = 0;
    long totalNanos = 0;
    for (Stream s : Stream.values()) {
      long t0 = System.nanoTime();
      StepResult r = Ingestion.run(ctx, EnumSet.of(s));
      long nanos = System.nanoTime() - t0;
      long read = r.count("read");
      totalRows += read;
      totalNanos += nanos;
      out.printf(Locale.ROOT, "%-12s %12s %12s %12s %10.2f %12s%n", s.label(), Progress.count(read),
          Progress.count(r.count("accepted")), Progress.count(r.count("quarantined")), nanos / 1e9,
          Progress.count(rate(read, nanos)));
    }
    out.printf(Locale.ROOT, "%-12s %12s %12s %12s %10.2f %12s%n", "total", Progress.count(totalRows), "", "",
        totalNanos / 1e9, Progress.count(rate(totalRows, totalNanos)));
    out.printf(Locale.ROOT, "Spark session start %.2f s; JVM uptime at the end %.2f s (machine: %d cores)%n",
        (sparkReady - sparkStart) / 1e9, ManagementFactory.getRuntimeMXBean().getUptime() / 1e3,
        Runtime.getRuntime().availableProcessors());
    if (keep) {
      out.println("warehouse kept at " + wh);
    } else {
      delete(wh);
    }
    return 0;
  }

  private static long rate(long rows, long nanos) {
    return nanos == 0 ? 0 : Math.round(rows / (nanos / 1e9));
  }

  private static void delete(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}

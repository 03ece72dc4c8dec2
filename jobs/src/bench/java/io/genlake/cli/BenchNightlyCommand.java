package io.genlake.cli;

import static org.apache.spark.sql.functions.col;

import io.genlake.config.ConfigLoader;
import io.genlake.config.GenlakeConfig;
import io.genlake.config.SparkSettings;
import io.genlake.generate.LandingGenerator;
import io.genlake.nightly.NightlySteps;
import io.genlake.ops.OpsPipelineRuns;
import io.genlake.ops.PipelineRuns.Status;
import io.genlake.pipeline.Progress;
import io.genlake.pipeline.RunContext;
import io.genlake.scheduler.RunOutcome;
import io.genlake.scheduler.Scheduler;
import io.genlake.spark.SparkSessions;
import io.genlake.warehouse.Warehouse;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code genlake bench nightly [--scale N] [--seed S]}: the cost of incremental nightly runs. Generates a landing of
 * N generations, runs the nightly pipeline in full into a temporary warehouse, again with no new data, again after
 * adding 1% new data (a generated batch of new files with new ids), and finally {@code --full} on the grown
 * landing; prints seconds, landing rows read and steps run for each, seconds per step, and the ratio of the
 * incremental run to the full one. Every run is in this process (one JVM, one Spark session), so JVM and Spark
 * start-up are not in the figures.
 */
@Command(name = "nightly", mixinStandardHelpOptions = true,
    description = "Time nightly runs on a generated landing: full, no new data, 1%% new data, --full again.")
final class BenchNightlyCommand implements Callable<Integer> {
  @Option(names = "--scale", paramLabel = "N", defaultValue = "100000",
      description = "Generations in the landing. Default: ${DEFAULT-VALUE}.")
  long scale;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Generator seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--new-share", paramLabel = "R", defaultValue = "0.01",
      description = "New data added before the incremental run, as a share of --scale. Default: ${DEFAULT-VALUE}.")
  double newShare;

  @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Run date of every run (default: today, UTC).")
  Optional<LocalDate> date = Optional.empty();

  @Option(names = "--config", paramLabel = "FILE", description = "YAML file merged over the built-in defaults.")
  Optional<Path> config = Optional.empty();

  @Option(names = "--master", paramLabel = "URL", description = "Spark master. Default: local[*] (spark.master in --config).")
  Optional<String> master = Optional.empty();

  @Option(names = {"-q", "--quiet"}, description = "Print no progress lines of the runs themselves.")
  boolean quiet;

  @Option(names = "--keep", description = "Keep the temporary landing and warehouse and print where they are.")
  boolean keep;

  /** One timed run: its label, wall seconds, and what ops.pipeline_runs recorded for its steps. */
  private record Timed(String label, double seconds, long landingRowsRead, int stepsRun, Map<String, Double> steps) {}

  @Override
  public Integer call() throws IOException {
    if (scale < 100 || !(newShare > 0 && newShare <= 1)) {
      throw new IllegalArgumentException("Cannot benchmark --scale " + scale + " with --new-share " + newShare
          + ": give at least 100 generations and a share in (0, 1].");
    }
    PrintStream out = System.out;
    Path scratch = Files.createTempDirectory("genlake-bench-nightly");
    Path landing = scratch.resolve("landing");
    long g0 = System.nanoTime();
    LandingGenerator.write(landing, scale, seed, 0.01);
    out.printf(Locale.ROOT, "landing of %s generations written to %s in %.2f s (not part of the figures)%n",
        Progress.count(scale), landing, (System.nanoTime() - g0) / 1e9);

    GenlakeConfig cfg = ConfigLoader.load(config);
    SparkSettings settings = master.map(cfg.spark()::withMaster)
        .orElse(cfg.spark());
    Path wh = scratch.resolve("warehouse");
    long s0 = System.nanoTime();
    SparkSession spark = SparkSessions.create("genlake bench nightly", settings, wh);
    double sparkStart = (System.nanoTime() - s0) / 1e9;
    Warehouse warehouse = new Warehouse(spark, wh.toString());
    LocalDate runDate = date.orElse(LocalDate.now(ZoneOffset.UTC));

    List<Timed> runs = new ArrayList<>();
    runs.add(timed("full (empty warehouse)", warehouse, landing, scratch, runDate, true, cfg));
    runs.add(timed("no new data", warehouse, landing, scratch, runDate, false, cfg));
    long added = Math.max(1, Math.round(scale * newShare));
    LandingGenerator.write(landing, added, seed, 0.01, 1, Progress.silent());
    String share = String.format(Locale.ROOT, "%.3g%%", newShare * 100);
    runs.add(timed(share + " new data (" + Progress.count(added) + " generations)", warehouse, landing, scratch,
        runDate, false, cfg));
    runs.add(timed("--full (grown landing)", warehouse, landing, scratch, runDate, true, cfg));

    out.printf(Locale.ROOT, "%n%-34s %10s %18s %10s%n", "run", "seconds", "landing rows read", "steps run");
    for (Timed t : runs) {
      out.printf(Locale.ROOT, "%-34s %10.2f %18s %10d%n", t.label(), t.seconds(), Progress.count(t.landingRowsRead()),
          t.stepsRun());
    }
    out.printf(Locale.ROOT, "%nseconds per step (up to date = 0.00; steps run at the same time overlap, so they add up"
        + " to more than the run)%n%-16s", "step");
    runs.forEach(t -> out.printf(Locale.ROOT, " %14s", t.label().split(" ")[0]));
    out.println();
    for (String step : NightlySteps.pipeline().names()) {
      out.printf(Locale.ROOT, "%-16s", step);
      runs.forEach(t -> out.printf(Locale.ROOT, " %14.2f", t.steps().getOrDefault(step, 0.0)));
      out.println();
    }
    out.printf(Locale.ROOT, "%nincremental / full: %.2f (%s new data: %.2f s; --full on the same landing: %.2f s)%n",
        runs.get(2).seconds() / runs.get(3).seconds(), share, runs.get(2).seconds(), runs.get(3).seconds());
    double failureIncremental = runs.get(2).steps().getOrDefault("failure", 0.0);
    double failureFull = runs.get(3).steps().getOrDefault("failure", 0.0);
    out.printf(Locale.ROOT, "failure step, %s new data / --full: %.2f (%.2f s / %.2f s; target at 1M generations: at most "
        + "0.20)%n", share, failureFull == 0 ? Double.NaN : failureIncremental / failureFull, failureIncremental, failureFull);
    out.printf(Locale.ROOT, "All runs in-process: one JVM, one Spark session (%s, %d cores); JVM and Spark start-up "
        + "(%.2f s here) are not in the figures.%n", settings.master(), Runtime.getRuntime().availableProcessors(),
        sparkStart);
    if (keep) {
      out.println("landing and warehouse kept under " + scratch);
    } else {
      ScratchDir.delete(scratch);
    }
    return 0;
  }

  private Timed timed(String label, Warehouse w, Path landing, Path scratch, LocalDate runDate, boolean full,
      GenlakeConfig cfg) {
    w.registerAll();
    String runId = Session.newRunId("nightly");
    RunContext ctx = new RunContext(w.spark(), w, cfg, runId, runDate, landing.toAbsolutePath(),
        scratch.resolve("reports").toAbsolutePath(), scratch.resolve("exports").toAbsolutePath(),
        new Progress(System.err, quiet), Optional.empty(), full);
    System.err.println("[bench] " + label);
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream())); // the failure report's summary
    long t0 = System.nanoTime();
    RunOutcome outcome;
    try {
      outcome = Scheduler.run(ctx, "nightly", NightlySteps.pipeline());
    } finally {
      System.setOut(stdout);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (outcome.status() != Status.SUCCEEDED) {
      throw new IllegalStateException("The nightly run \"" + label + "\" ended " + outcome.status().label()
          + ": the figures would not be comparable. Its steps: " + outcome.steps() + "; see the lines above.");
    }
    Map<String, Double> steps = new LinkedHashMap<>();
    long read = 0;
    int ran = 0;
    for (Row r : w.read(OpsPipelineRuns.TABLE).where(col(OpsPipelineRuns.PARENT_RUN_ID).equalTo(runId))
        .orderBy(OpsPipelineRuns.STARTED_AT).collectAsList()) {
      String job = r.getAs(OpsPipelineRuns.JOB);
      boolean skipped = "skipped".equals(r.getAs(OpsPipelineRuns.STATUS));
      Timestamp start = r.getAs(OpsPipelineRuns.STARTED_AT);
      Timestamp end = r.getAs(OpsPipelineRuns.ENDED_AT);
      steps.put(job, skipped ? 0.0 : (end.getTime() - start.getTime()) / 1e3);
      ran += skipped ? 0 : 1;
      if (job.equals("ingest")) {
        Map<String, Long> counts = r.getJavaMap(r.fieldIndex(OpsPipelineRuns.COUNTS));
        read = counts.getOrDefault("read", 0L);
      }
    }
    return new Timed(label, seconds, read, ran, steps);
  }

}

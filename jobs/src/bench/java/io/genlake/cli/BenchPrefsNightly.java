package io.genlake.cli;

import static org.apache.spark.sql.functions.col;

import io.genlake.config.GenlakeConfig;
import io.genlake.generate.LandingGenerator;
import io.genlake.ingest.Ingestion;
import io.genlake.ingest.Stream;
import io.genlake.pipeline.Progress;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StepResult;
import io.genlake.preference.PreferenceLearning;
import io.genlake.table.GoldPreferenceEvaluation;
import io.genlake.warehouse.Warehouse;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code genlake bench prefs --generations N}: the nightly preference step on a generated landing, full and then
 * incremental. Generates N generations (seed 42, 1 % bad rows; reused from {@code --dir} when present) and ingests
 * them (not timed), runs the preference step on an empty warehouse (full), adds 1 % new generations as a batch and
 * ingests them, runs the step again (incremental: the new events only), and once more with {@code --full} on the
 * grown data; prints the three times and the ratio of the incremental run to the full one, then the offline
 * evaluation of the full run (hit rates of the five methods with their intervals). One JVM and Spark session, so
 * start-up is not in the figures.
 */
final class BenchPrefsNightly {
  private BenchPrefsNightly() {}

  static void run(SparkSession spark, GenlakeConfig config, long generations, double newShare, LocalDate runDate,
      Path dir, Progress p, PrintStream out) throws Exception {
    Path landing = dir.resolve("landing-" + generations).toAbsolutePath();
    if (!Files.exists(landing.resolve(LandingGenerator.SUMMARY_FILE))) {
      long t = System.nanoTime();
      LandingGenerator.write(landing, generations, 42, 0.01, Progress.silent());
      p.step("bench prefs", "generated " + Progress.count(generations) + " generations to " + landing + " in "
          + Progress.seconds(System.nanoTime() - t));
    }
    Path scratch = Files.createTempDirectory(dir.toAbsolutePath(), "prefs-nightly-");
    Path grown = scratch.resolve("landing");
    copy(landing, grown);
    Warehouse w = new Warehouse(spark, scratch.resolve("warehouse").toString());
    ingest(w, config, grown, runDate, scratch, p);
    double full = timed("full (empty warehouse)", w, config, runDate, scratch, false, p);
    long added = Math.max(1, Math.round(generations * newShare));
    LandingGenerator.write(grown, added, 42, 0.01, 1, Progress.silent());
    ingest(w, config, grown, runDate, scratch, p);
    double incremental = timed("incremental (" + Progress.count(added) + " new generations)", w, config, runDate,
        scratch, false, p);
    double again = timed("--full (grown data)", w, config, runDate, scratch, true, p);
    out.printf(Locale.ROOT, "%npreference step, %s generations (+%s), run date %s%n", Progress.count(generations),
        Progress.count(added), runDate);
    out.printf(Locale.ROOT, "%-36s %10.2f s%n", "full, empty warehouse", full);
    out.printf(Locale.ROOT, "%-36s %10.2f s%n", String.format(Locale.ROOT, "%.3g%% new data, incremental",
        newShare * 100), incremental);
    out.printf(Locale.ROOT, "%-36s %10.2f s%n", "--full on the grown data", again);
    out.printf(Locale.ROOT, "incremental / full: %.3f (against --full on the same data; %.3f against the first full)%n",
        incremental / again, incremental / full);
    out.printf(Locale.ROOT, "%noffline evaluation (replay hit rate, bootstrap 95%% interval; vs global popularity)%n");
    for (Row r : w.read(GoldPreferenceEvaluation.TABLE).orderBy(col(GoldPreferenceEvaluation.METHOD)).collectAsList()) {
      out.printf(Locale.ROOT, "%-20s%s matched %6d  hit rate %.3f [%.3f, %.3f]  vs popularity [%+.3f, %+.3f]  pick %.3f%n",
          r.<String>getAs(GoldPreferenceEvaluation.METHOD),
          r.<Boolean>getAs(GoldPreferenceEvaluation.IS_DEFAULT) ? "*" : " ",
          r.<Long>getAs(GoldPreferenceEvaluation.MATCHED), r.<Double>getAs(GoldPreferenceEvaluation.HIT_RATE),
          r.<Double>getAs(GoldPreferenceEvaluation.HIT_RATE_LOW), r.<Double>getAs(GoldPreferenceEvaluation.HIT_RATE_HIGH),
          r.<Double>getAs(GoldPreferenceEvaluation.VS_POPULARITY_LOW),
          r.<Double>getAs(GoldPreferenceEvaluation.VS_POPULARITY_HIGH),
          r.<Double>getAs(GoldPreferenceEvaluation.PICK_RATE));
    }
    Row any = w.read(GoldPreferenceEvaluation.TABLE).first();
    out.printf(Locale.ROOT, "(%d training and %d held-out events; held-out selection rate %.3f; * = the default)%n",
        any.<Long>getAs(GoldPreferenceEvaluation.TRAIN_EVENTS), any.<Long>getAs(GoldPreferenceEvaluation.TEST_EVENTS),
        any.<Double>getAs(GoldPreferenceEvaluation.RANDOM_HIT_RATE));
    out.println("warehouse kept under " + scratch);
  }

  private static RunContext context(Warehouse w, GenlakeConfig config, LocalDate runDate, Path scratch, Path landing,
      String runId, boolean full, Progress p) {
    return new RunContext(w.spark(), w, config, runId, runDate, landing, scratch.resolve("reports"),
        scratch.resolve("exports"), p, Optional.empty(), full);
  }

  private static void ingest(Warehouse w, GenlakeConfig config, Path landing, LocalDate runDate, Path scratch,
      Progress p) {
    long t = System.nanoTime();
    Ingestion.run(context(w, config, runDate, scratch, landing, Session.newRunId("ingest"), false, Progress.silent()),
        EnumSet.allOf(Stream.class));
    p.step("bench prefs", "ingested " + landing + " in " + Progress.seconds(System.nanoTime() - t) + " (not timed)");
  }

  private static double timed(String label, Warehouse w, GenlakeConfig config, LocalDate runDate, Path scratch,
      boolean full, Progress p) {
    long t = System.nanoTime();
    StepResult r = PreferenceLearning.run(context(w, config, runDate, scratch, scratch.resolve("landing"),
        Session.newRunId("preference"), full, Progress.silent()));
    double seconds = (System.nanoTime() - t) / 1e9;
    p.step("bench prefs", String.format(Locale.ROOT, "%s: %.2f s; %s", label, seconds,
        String.join("; ", r.notes().stream().filter(n -> n.startsWith("pair statistics") || n.startsWith("evaluation"))
            .toList())));
    return seconds;
  }

  /** Copies the generated landing so that the batch added to it leaves the reusable one untouched. */
  private static void copy(Path from, Path to) throws java.io.IOException {
    try (var walk = Files.walk(from)) {
      for (Path f : walk.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }
}

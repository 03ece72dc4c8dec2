package io.genlake.cli;

import io.genlake.config.ConfigLoader;
import io.genlake.config.GenlakeConfig;
import io.genlake.pipeline.Pipeline;
import io.genlake.table.GoldCanonicalHashChanges;
import io.genlake.pipeline.Progress;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.Step;
import io.genlake.scheduler.RunOutcome;
import io.genlake.scheduler.Scheduler;
import io.genlake.preference.PreferenceLearning;
import io.genlake.table.GoldPreferenceEvaluation;
import io.genlake.table.GoldPreferencePairIncrements;
import io.genlake.table.GoldPreferencePairStats;
import io.genlake.table.GoldPreferenceState;
import io.genlake.warehouse.Layer;
import io.genlake.warehouse.TableId;
import io.genlake.warehouse.Warehouse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Test support: runs the nightly loop on a test warehouse and compares gold tables across warehouses. */
final class NightlyRuns {
  /** After the generated data's window (seed 7 ends on 2026-11-13), so no event is in the future. */
  static final LocalDate DATE = LocalDate.of(2026, 11, 21);
  private static final AtomicInteger RUNS = new AtomicInteger();
  /** The defaults, but fit incremental at any size: these small warehouses would otherwise recompute it in full. */
  static final GenlakeConfig INCREMENTAL_FIT = ConfigLoader.loadYaml("fit: {incremental_min_pairs: 0}");

  /** Progress lines of a run, kept for assertions; optionally "killing" the run at its n-th line with a prefix. */
  static final class Output extends PrintStream {
    private final ByteArrayOutputStream buffer;
    private final String killAt;
    private int left;

    /** Keeps the lines, kills nothing. */
    Output() {
      this("", 0);
    }

    /** Throws (as a kill would stop the run) right after printing the {@code nth} line starting {@code killAt}. */
    Output(String killAt, int nth) {
      this(new ByteArrayOutputStream(), killAt, nth);
    }

    private Output(ByteArrayOutputStream buffer, String killAt, int nth) {
      super(buffer, true, StandardCharsets.UTF_8);
      this.buffer = buffer;
      this.killAt = killAt;
      this.left = nth;
    }

    @Override
    public void println(String line) {
      super.println(line);
      if (left > 0 && line.startsWith(killAt) && --left == 0) {
        throw new IllegalStateException("killed at: " + line);
      }
    }

    String text() {
      return buffer.toString(StandardCharsets.UTF_8);
    }
  }

  private NightlyRuns() {}

  /** Runs {@code steps} like {@code genlake nightly [--full] --date DATE --landing landing}. */
  static RunOutcome run(Warehouse w, Path landing, Path outputs, boolean full, List<Step> steps, Output out) {
    return run(w, landing, outputs, full, steps, out, INCREMENTAL_FIT);
  }

  /** {@link #run(Warehouse, Path, Path, boolean, List, Output)} with the configuration {@code config}. */
  static RunOutcome run(Warehouse w, Path landing, Path outputs, boolean full, List<Step> steps, Output out,
      GenlakeConfig config) {
    w.registerAll();
    RunContext ctx = new RunContext(w.spark(), w, config, "nightly-test-" + RUNS.incrementAndGet(),
        DATE, landing, outputs.resolve("reports"), outputs.resolve("exports"), new Progress(out, false),
        Optional.empty(), full);
    return Scheduler.run(ctx, "nightly", Pipeline.of(steps));
  }

  /**
   * Every gold table as sorted canonical rows: run-specific columns dropped (run ids), doubles rounded to 10
   * significant digits and to zero within 1e-12 (sums in another order differ in the last bits);
   * gold.preference_state, a log of the step's runs, reduced to its latest as_of; the pair statistics as their
   * current form (base and increments folded: how the increments are spread is not a result).
   */
  static Map<String, List<String>> gold(Warehouse w) {
    Map<String, List<String>> out = new TreeMap<>();
    for (TableId id : w.listTables(Layer.GOLD)) {
      if (id.equals(GoldCanonicalHashChanges.TABLE) || id.equals(GoldPreferencePairIncrements.TABLE)) {
        // a log of hashes that changed between runs (a single full run has none to record); the increments are read
        // with the pair statistics
        continue;
      }
      Dataset<Row> t = w.read(id);
      if (id.equals(GoldPreferencePairStats.TABLE)) {
        t = PreferenceLearning.pairStatistics(w, ConfigLoader.defaults().preference());
      } else if (id.equals(GoldPreferenceState.TABLE)) {
        t = t.selectExpr("max(" + GoldPreferenceState.AS_OF + ")");
      } else if (id.equals(GoldPreferenceEvaluation.TABLE)) {
        t = t.drop(GoldPreferenceEvaluation.RUN_ID);
      }
      List<String> rows = new ArrayList<>();
      for (Row r : t.collectAsList()) {
        rows.add(canonical(r));
      }
      rows.sort(null);
      out.put(id.qualifiedName(), rows);
    }
    return out;
  }

  private static String canonical(Object v) {
    return io.genlake.testing.Canonical.of(v);
  }
}

package io.genlake.cli;

import io.genlake.config.GenlakeConfig;
import io.genlake.config.PathsConfig;
import io.genlake.config.SparkSettings;
import io.genlake.ops.StartupTimings;
import io.genlake.pipeline.Progress;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.SparkWatch;
import io.genlake.spark.SparkSessions;
import io.genlake.warehouse.Warehouse;
import io.genlake.warehouse.WarehouseLock;
import io.genlake.warehouse.WarehouseRoot;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.sql.SparkSession;

/**
 * Opens what a command needs: configuration, SparkSession and warehouse. {@link #openWarehouse} registers every
 * table as {@code <layer>.<table>} (commands that read tables by name); {@link #openUnregistered} registers none
 * ({@code sql} registers the tables its query names); {@link #openRun} takes the warehouse lock and registers none
 * up front (jobs register the tables they ensure or write). Each refuses a path that holds no genlake warehouse
 * before anything is created ({@link WarehouseRoot}), except {@link #openRunCreating}, for the commands that start a
 * warehouse, which says when it creates one.
 */
final class Session {
  private static final DateTimeFormatter RUN_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private Session() {}

  /** A SparkSession and the warehouse, tables registered as {@code <layer>.<table>}. */
  static Warehouse openWarehouse(String appName, WarehouseOptions options) {
    Warehouse warehouse = openUnregistered(appName, options);
    warehouse.registerAll();
    io.genlake.table.Views.registerAll(warehouse);
    return warehouse;
  }

  /**
   * A SparkSession and the warehouse for a benchmark ({@code bench enrich|fit|failures}), which generates its own data:
   * the path need not hold a warehouse yet (the benchmark says when it starts one); existing tables are registered.
   */
  static Warehouse openForBench(String appName, WarehouseOptions options) {
    boolean exists = WarehouseRoot.holdsWarehouse(options.warehouseRoot());
    if (!exists) {
      System.err.println("[genlake] no warehouse at " + Path.of(options.warehouseRoot()).toAbsolutePath().normalize()
          + " yet: the benchmark works in a new one there");
    }
    Warehouse warehouse = open(appName, options);
    if (exists) {
      warehouse.registerAll();
      io.genlake.table.Views.registerAll(warehouse);
    }
    return warehouse;
  }

  /** A SparkSession and the warehouse, no table registered yet. */
  static Warehouse openUnregistered(String appName, WarehouseOptions options) {
    WarehouseRoot.requireWarehouse(options.warehouseRoot());
    return open(appName, options);
  }

  /**
   * {@link #openUnregistered} for a long-lived server ({@code serve-sql}): {@code extraConf} set on the session over
   * the configured Spark settings, queries compiled under {@code spark.codegen: auto} ({@link SparkSettings#longLived}).
   */
  static Warehouse openServer(String appName, WarehouseOptions options, java.util.Map<String, String> extraConf) {
    WarehouseRoot.requireWarehouse(options.warehouseRoot());
    return open(appName, options, options.config().spark().longLived(), extraConf, java.util.List.of());
  }

  private static Warehouse open(String appName, WarehouseOptions options) {
    return open(appName, options, options.config().spark(), java.util.Map.of(), java.util.List.of());
  }

  /**
   * Opens the session with {@code configured} Spark settings; {@code landing}: the directories the command reads
   * besides the warehouse (sizing only).
   */
  private static Warehouse open(String appName, WarehouseOptions options, SparkSettings configured,
      java.util.Map<String, String> extraConf, java.util.List<Path> landing) {
    SparkSettings settings = settings(options, configured, extraConf);
    String root = options.warehouseRoot();
    StartupTimings.mark("config");
    SparkSession spark = SparkSessions.create("genlake " + appName, settings, localRoot(root), landing, !remote(root));
    StartupTimings.mark("spark");
    return new Warehouse(spark, root);
  }

  /** {@code configured} with --master and {@code extraConf} applied. */
  private static SparkSettings settings(WarehouseOptions options, SparkSettings configured,
      java.util.Map<String, String> extraConf) {
    if (options.master.isEmpty() && extraConf.isEmpty()) {
      return configured;
    }
    java.util.Map<String, String> conf = new java.util.LinkedHashMap<>(configured.conf());
    conf.putAll(extraConf);
    return configured.withMaster(options.master.orElse(configured.master())).with(configured.shufflePartitions(), conf);
  }

  /** --landing, else the configured landing directory; absolute. */
  private static Path landing(WarehouseOptions options, RunOptions run) {
    return run.landing.map(p -> p.toAbsolutePath().normalize())
        .orElse(options.config().paths().landingDir(PathsConfig.home()));
  }

  /**
   * A full run context for a job that writes to an existing warehouse: takes the warehouse lock first (one writer
   * per warehouse).
   */
  static RunContext openRun(String job, WarehouseOptions options, RunOptions run) {
    WarehouseRoot.requireWarehouse(options.warehouseRoot());
    QuickJit.relaunchIfInterpreted(() -> interpreted(options, run));
    return openLocked(job, options, run);
  }

  /** Whether the run's session will interpret its queries ({@link SparkSessions#mode}); starts no Spark. */
  private static boolean interpreted(WarehouseOptions options, RunOptions run) {
    String root = options.warehouseRoot();
    return SparkSessions.mode(settings(options, options.config().spark(), java.util.Map.of()), localRoot(root),
        java.util.List.of(landing(options, run)), !remote(root)).interpreted();
  }

  /** A warehouse given as a URI (e.g. {@code s3a://...}), not a local path. */
  private static boolean remote(String root) {
    return root.contains("://");
  }

  /** The warehouse root as a local path for the session's sizing and catalog; "." for a URI. */
  private static Path localRoot(String root) {
    return Path.of(remote(root) ? "." : root);
  }

  /**
   * {@link #openRun} for a job that writes tables and so may start a warehouse (nightly, ingest, enrich, fit run,
   * preference, failures analyze, prefs import): creates it when the path holds none, and says so.
   */
  static RunContext openRunCreating(String job, WarehouseOptions options, RunOptions run) {
    QuickJit.relaunchIfInterpreted(() -> interpreted(options, run));
    if (!WarehouseRoot.holdsWarehouse(options.warehouseRoot())) {
      System.err.println("[genlake] no warehouse at " + Path.of(options.warehouseRoot()).toAbsolutePath().normalize()
          + " yet: creating a new one there");
    }
    return openLocked(job, options, run);
  }

  private static RunContext openLocked(String job, WarehouseOptions options, RunOptions run) {
    GenlakeConfig config = options.config();
    String runId = newRunId(job);
    WarehouseLock.acquire(options.warehouseRoot(), runId, job);
    // jobs read and write tables by location, and register each table they ensure or write: registering all of
    // them up front would only read every table's Delta log (some 2 s on the sample warehouse)
    Path landing = landing(options, run);
    Warehouse warehouse = open(job, options, config.spark(), java.util.Map.of(), java.util.List.of(landing));
    Progress progress = new Progress(System.err, options.quiet);
    progress.step("spark", "queries " + warehouse.spark().conf().get(io.genlake.spark.ExecutionMode.REASON_KEY, "compiled")
        + QuickJit.note());
    SparkWatch.start(warehouse.spark().sparkContext(), progress); // a daemon thread, until the command ends
    return new RunContext(
        warehouse.spark(),
        warehouse,
        config,
        runId,
        run.date.orElse(LocalDate.now(ZoneOffset.UTC)),
        // absolute: on a cluster, executors read the landing from their own working directories
        landing,
        config.paths().reportsDir(warehouse.root()),
        config.paths().exportsDir(warehouse.root()),
        progress,
        Optional.empty(),
        run.full);
  }

  /** {@code <job>-<UTC timestamp>-<random>}: unique, sortable by start time. */
  static String newRunId(String job) {
    return job + "-" + RUN_STAMP.format(Instant.now()) + "-"
        + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
  }
}

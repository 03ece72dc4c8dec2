package io.genlake.cli;

import io.genlake.pipeline.Progress;
import io.genlake.sqlendpoint.EndpointFile;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code genlake bench sql-endpoint}: the same 10 small queries over a nightly's warehouse, cold ({@code bin/genlake
 * sql}, a fresh process each, no endpoint), through {@code bin/genlake sql} forwarded to a running endpoint (a fresh
 * client process each), and warm (Hive JDBC on one connection to the endpoint, {@code --warm-queries} round-robin
 * after a warm-up), and warm over Spark Connect (the Scala client {@code mvn verify} set up, one session); prints
 * median and p99 latency of each and the endpoint's start time, and checks that the cold and forwarded runs print the
 * same CSV. Starts its own endpoint ({@code bin/genlake serve-sql --port 0}) and stops it.
 */
@Command(name = "sql-endpoint", mixinStandardHelpOptions = true,
    description = "Cold `sql` vs the warm SQL endpoint: median and p99 latency of the same 10 queries.")
final class BenchSqlEndpointCommand implements Callable<Integer> {
  /** Small queries over tables every nightly writes. */
  static final List<String> QUERIES = List.of(
      "SELECT count(*) AS n FROM silver.generations",
      "SELECT job, status FROM ops.pipeline_runs ORDER BY started_at DESC, job LIMIT 5",
      "SELECT rule, count(*) AS n FROM quarantine.ratings GROUP BY rule ORDER BY rule",
      "SELECT count(*) AS n FROM silver.assets",
      "SELECT count(*) AS n FROM gold.block_image_fits",
      "SELECT count(*) AS n FROM gold.checkpoint_recommendations",
      "SELECT count(*) AS n FROM gold.failure_outcomes",
      "SELECT count(*) AS n, count(DISTINCT session_id) AS sessions FROM silver.image_ratings",
      "SELECT count(*) AS n FROM gold.alerts",
      "SELECT count(*) AS n FROM bronze.generations");

  @Mixin WarehouseOptions warehouse;

  @Option(names = "--warm-queries", defaultValue = "200", description = "Queries timed through the endpoint. "
      + "Default: ${DEFAULT-VALUE}.")
  int warmQueries;

  @Option(names = "--cold-rounds", defaultValue = "1", description = "Rounds of the 10 queries as fresh processes "
      + "(cold, and forwarded). Default: ${DEFAULT-VALUE}.")
  int coldRounds;

  @Option(names = "--nightly-runs", defaultValue = "1", description = "Cold sample nightlies timed, each on a new "
      + "warehouse in a temporary directory (0: none). Default: ${DEFAULT-VALUE}.")
  int nightlyRuns;

  @Override
  public Integer call() throws Exception {
    Progress p = new Progress(System.err, false);
    String root = Path.of(warehouse.warehouseRoot()).toAbsolutePath().normalize().toString();
    io.genlake.warehouse.WarehouseRoot.requireWarehouse(root);
    Path home = Path.of(System.getenv().getOrDefault("GENLAKE_HOME", "."));
    Path launcher = home.resolve("bin/genlake");
    for (String q : QUERIES) {
      var m = java.util.regex.Pattern.compile("FROM (\\w+)\\.(\\w+)").matcher(q);
      if (m.find() && !Files.isDirectory(Path.of(root, m.group(1), m.group(2), "_delta_log"))) {
        throw new IllegalArgumentException("the warehouse at " + root + " has no table " + m.group(1) + "."
            + m.group(2) + ": run `bin/genlake nightly --warehouse " + root + "` first.");
      }
    }
    if (EndpointFile.live(root).isPresent()) {
      throw new IllegalStateException("a SQL endpoint already serves " + root + ": stop it, so cold runs are cold.");
    }
    long[] cold = new long[QUERIES.size() * coldRounds];
    List<String> coldOut = new ArrayList<>();
    ColdBreakdown coldPhases = new ColdBreakdown();
    for (int i = 0; i < cold.length; i++) {
      String q = QUERIES.get(i % QUERIES.size());
      Path timings = ColdBreakdown.newFile();
      long spawned = System.currentTimeMillis();
      long s = System.nanoTime();
      String out = sql(launcher, root, q, false, Optional.of(timings));
      cold[i] = System.nanoTime() - s;
      coldPhases.add(timings, spawned, System.currentTimeMillis());
      if (i < QUERIES.size()) {
        coldOut.add(out);
      }
    }
    p.step("bench sql-endpoint", summary("cold `bin/genlake sql` (fresh process, Spark started)", cold));
    p.step("bench sql-endpoint", coldPhases.summary("cold `bin/genlake sql`, where the time goes"));
    if (nightlyRuns > 0) {
      p.step("bench sql-endpoint", ColdNightly.run(launcher, nightlyRuns)
          .summary("cold sample `bin/genlake nightly` on a new warehouse, where the time goes"));
    }
    Files.createDirectories(Path.of(root, "_genlake"));
    long started = System.nanoTime();
    Process server = new ProcessBuilder(launcher.toString(), "serve-sql", "--warehouse", root, "--port", "0",
        "--connect-port", "0")
        .redirectErrorStream(true).redirectOutput(Path.of(root, "_genlake", "bench-serve-sql.log").toFile()).start();
    try {
      EndpointFile endpoint = await(server, root);
      p.step("bench sql-endpoint", String.format(Locale.ROOT, "endpoint up at %s in %.1f s", endpoint.jdbcUrl(),
          (System.nanoTime() - started) / 1e9));
      long[] forwarded = new long[QUERIES.size() * coldRounds];
      for (int i = 0; i < forwarded.length; i++) {
        String q = QUERIES.get(i % QUERIES.size());
        long s = System.nanoTime();
        String out = sql(launcher, root, q, true, Optional.empty());
        forwarded[i] = System.nanoTime() - s;
        if (i < QUERIES.size() && !out.equals(coldOut.get(i))) {
          throw new IllegalStateException("`sql --format csv \"" + q + "\"` printed\n" + coldOut.get(i)
              + "cold, but through the endpoint\n" + out);
        }
      }
      p.step("bench sql-endpoint", summary("`bin/genlake sql` forwarded to the endpoint (fresh client process)",
          forwarded));
      long[] warm = warm(home, endpoint.jdbcUrl());
      p.step("bench sql-endpoint", summary("warm, Hive JDBC on one connection", warm)
          + String.format(Locale.ROOT, "; p50 %.1fx faster than cold", median(cold) / (double) median(warm)));
      Optional<long[]> connect = connect(home, endpoint);
      p.step("bench sql-endpoint", connect.map(c -> summary("warm, Spark Connect (Scala client, one session)", c)
          + String.format(Locale.ROOT, "; p50 %.1fx faster than cold", median(cold) / (double) median(c)))
          .orElse("warm, Spark Connect: skipped (its client's class path, jobs/target/connect-client/classpath.txt, "
              + "is written by `mvn verify`: SqlEndpointIT)"));
    } finally {
      server.destroy();
      server.waitFor(60, TimeUnit.SECONDS);
    }
    return 0;
  }

  /**
   * {@code bin/genlake sql --format csv q}: its output; through the endpoint only when {@code viaEndpoint}; the
   * process appends its phase marks to {@code timings} when given.
   */
  private static String sql(Path launcher, String root, String q, boolean viaEndpoint, Optional<Path> timings)
      throws Exception {
    ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "sql", "-q", "--warehouse", root, "--format", "csv", q);
    pb.environment().put("GENLAKE_SQL_ENDPOINT", viaEndpoint ? "1" : "0");
    timings.ifPresent(t -> pb.environment().put(io.genlake.ops.StartupTimings.ENV, t.toString()));
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process proc = pb.start();
    String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (proc.waitFor() != 0) {
      throw new IllegalStateException("`bin/genlake sql \"" + q + "\"` failed (exit " + proc.exitValue() + ")");
    }
    return out;
  }

  private static EndpointFile await(Process server, String root) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (System.nanoTime() < deadline) {
      var e = EndpointFile.live(root);
      if (e.isPresent()) {
        return e.get();
      }
      if (!server.isAlive()) {
        throw new IllegalStateException("serve-sql stopped (exit " + server.exitValue() + "): see " + root
            + "/_genlake/bench-serve-sql.log");
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("serve-sql did not come up in 10 minutes");
  }

  /** Latencies of {@link #warmQueries} queries on one Hive JDBC connection, after 20 untimed ones. */
  private long[] warm(Path home, String url) throws Exception {
    List<URL> jars = new ArrayList<>();
    for (String j : Files.readString(home.resolve("jobs/target/serve-sql-classpath.txt")).strip()
        .split(File.pathSeparator)) {
      jars.add(Path.of(j).toUri().toURL());
    }
    try (URLClassLoader hive = new URLClassLoader(jars.toArray(URL[]::new), getClass().getClassLoader())) {
      Driver driver = (Driver) Class.forName("org.apache.hive.jdbc.HiveDriver", true, hive)
          .getDeclaredConstructor().newInstance();
      Properties login = new Properties();
      login.setProperty("user", System.getProperty("user.name"));
      long[] nanos = new long[warmQueries];
      try (Connection c = driver.connect(url, login); Statement s = c.createStatement()) {
        for (int i = -20; i < warmQueries; i++) {
          long t = System.nanoTime();
          try (ResultSet rs = s.executeQuery(QUERIES.get(Math.floorMod(i, QUERIES.size())))) {
            while (rs.next()) {
              rs.getString(1);
            }
          }
          if (i >= 0) {
            nanos[i] = System.nanoTime() - t;
          }
        }
      }
      return nanos;
    }
  }

  /**
   * Latencies of {@link #warmQueries} queries over Spark Connect on one client session, after 20 untimed ones: the
   * Scala client that SqlEndpointIT set up, running {@code jobs/src/test/connect/ConnectProbe.java} in a JVM of its
   * own; empty when that client is not there.
   */
  private Optional<long[]> connect(Path home, EndpointFile endpoint) throws Exception {
    Path classPath = home.resolve("jobs/target/connect-client/classpath.txt");
    Path probe = home.resolve("jobs/src/test/connect/ConnectProbe.java");
    if (endpoint.connectUrl().isEmpty() || !Files.isRegularFile(classPath) || !Files.isRegularFile(probe)) {
      return Optional.empty();
    }
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m"));
    // the client needs the same module openings as Spark (Arrow reads java.nio buffers): this JVM's own
    for (String arg : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("-Djdk.reflect.")) {
        cmd.add(arg);
      }
    }
    cmd.addAll(List.of("-cp", Files.readString(classPath).strip(), probe.toString(), endpoint.connectUrl().get(),
        "--latency", Integer.toString(warmQueries)));
    cmd.addAll(QUERIES);
    Process proc = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (proc.waitFor() != 0) {
      throw new IllegalStateException("the Spark Connect client failed (exit " + proc.exitValue() + "): " + out);
    }
    return out.lines().filter(l -> l.startsWith("latency_ns ")).findFirst()
        .map(l -> Arrays.stream(l.substring("latency_ns ".length()).trim().split(" ")).mapToLong(Long::parseLong)
            .toArray());
  }

  private static long median(long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static String summary(String what, long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    long p99 = s[(int) Math.min(s.length - 1, Math.ceil(s.length * 0.99) - 1)];
    return String.format(Locale.ROOT, "%s: %d queries, median %.0f ms, p99 %.0f ms", what, s.length,
        s[s.length / 2] / 1e6, p99 / 1e6);
  }
}

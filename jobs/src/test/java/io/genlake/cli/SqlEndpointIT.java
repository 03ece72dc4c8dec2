package io.genlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.genlake.sqlendpoint.EndpointFile;
import io.genlake.testing.TestSpark;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/genlake serve-sql} end to end: the packaged jobs jar on {@code target/serve-sql-classpath.txt} in a JVM of
 * its own, over a small warehouse this test writes (a silver and a gold Delta table), queried with the real Hive JDBC
 * driver and with beeline; values are compared with what Spark reads from the same tables. Runs after
 * {@code package} (failsafe, {@code mvn verify}).
 */
class SqlEndpointIT {
  private static final String GENERATIONS = "SELECT model, count(*) AS n, sum(steps) AS steps, max(created_at) AS newest "
      + "FROM silver.generations GROUP BY model ORDER BY model";
  private static final String HEALTH = "SELECT provider, success_rate, note FROM gold.provider_health ORDER BY provider";

  private static Path warehouse;
  private static Process server;
  private static String url;
  private static String connectUrl;

  @BeforeAll
  static void start() throws Exception {
    warehouse = Files.createTempDirectory(Path.of("target"), "sql-endpoint-it").toAbsolutePath();
    SparkSession spark = TestSpark.session();
    spark.sql("SELECT * FROM VALUES ('g1', 'sdxl', 30, TIMESTAMP '2026-11-01 10:00:00'), "
        + "('g2', 'sdxl', 20, TIMESTAMP '2026-11-02 11:30:00'), ('g3', 'flux', 28, TIMESTAMP '2026-11-03 09:15:00.5') "
        + "AS t(generation_id, model, steps, created_at)")
        .write().format("delta").save(warehouse.resolve("silver/generations").toString());
    spark.sql("SELECT * FROM VALUES ('a', 0.875D, 'ok'), ('b', 0.1D, CAST(NULL AS STRING)), ('c', 1.0E-5D, 'x,y') "
        + "AS t(provider, success_rate, note)")
        .write().format("delta").save(warehouse.resolve("gold/provider_health").toString());
    server = java("io.genlake.cli.ServeSqlMain", "--warehouse", warehouse.toString(), "--port", "0",
        "--connect-port", "0", "--rescan-seconds", "1").redirectErrorStream(true)
        .redirectOutput(warehouse.resolve("server.log").toFile()).start();
    Path file = EndpointFile.path(warehouse.toString());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    while (EndpointFile.live(warehouse.toString()).isEmpty()) {
      assertTrue(server.isAlive(), () -> "the endpoint stopped: " + log());
      assertTrue(System.nanoTime() < deadline, () -> "no endpoint file " + file + " after 240 s: " + log());
      Thread.sleep(200);
    }
    EndpointFile endpoint = EndpointFile.live(warehouse.toString()).orElseThrow();
    assertEquals(server.pid(), endpoint.pid());
    assertEquals("127.0.0.1", endpoint.host());
    url = endpoint.jdbcUrl();
    connectUrl = endpoint.connectUrl().orElseThrow();
    assertTrue(connectUrl.startsWith("sc://127.0.0.1:"), connectUrl);
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.destroy(); // SIGTERM: the shutdown hook removes the endpoint file
      assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the endpoint did not stop on SIGTERM");
      assertFalse(Files.exists(EndpointFile.path(warehouse.toString())), "the endpoint file outlived the server");
    }
  }

  @Test
  void answersAsSparkReadsTheTables() throws Exception {
    SparkSession spark = TestSpark.session();
    spark.read().format("delta").load(warehouse.resolve("silver/generations").toString())
        .createOrReplaceTempView("it_generations");
    spark.read().format("delta").load(warehouse.resolve("gold/provider_health").toString())
        .createOrReplaceTempView("it_health");
    List<String> expectedGenerations = rows(spark.sql(GENERATIONS.replace("silver.generations", "it_generations"))
        .collectAsList());
    List<String> expectedHealth = rows(spark.sql(HEALTH.replace("gold.provider_health", "it_health")).collectAsList());
    assertEquals(List.of("flux|1|28|2026-11-03 09:15:00.5", "sdxl|2|50|2026-11-02 11:30:00.0"), expectedGenerations);
    try (Connection c = connect(); Statement s = c.createStatement()) {
      assertEquals(expectedGenerations, rows(s.executeQuery(GENERATIONS)));
      assertEquals(expectedHealth, rows(s.executeQuery(HEALTH)));
      assertEquals(List.of("a|0.875|ok", "b|0.1|null", "c|1.0E-5|x,y"), rows(s.executeQuery(HEALTH)));
    }
  }

  @Test
  void refusesChangesAndSurvivesFailures() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      SQLException drop = assertThrows(SQLException.class, () -> s.execute("DROP TABLE silver.generations"));
      assertTrue(drop.getMessage().contains("the genlake SQL endpoint is read-only: DROP"), drop.getMessage());
      SQLException insert = assertThrows(SQLException.class,
          () -> s.execute("INSERT INTO gold.provider_health VALUES ('d', 0.5D, 'no')"));
      assertTrue(insert.getMessage().contains("read-only: INSERT"), insert.getMessage());
      SQLException reflect = assertThrows(SQLException.class,
          () -> s.executeQuery("SELECT reflect('java.lang.System', 'getenv', 'HOME')"));
      assertTrue(reflect.getMessage().contains("does not run reflect()"), reflect.getMessage());
      SQLException path = assertThrows(SQLException.class,
          () -> s.executeQuery("SELECT * FROM parquet.`" + warehouse.resolve("gold/provider_health") + "`"));
      assertTrue(path.getMessage().contains("not files by path"), path.getMessage());
      assertThrows(SQLException.class, () -> s.executeQuery("SELECT no_such_column FROM silver.generations"));
      assertEquals(List.of("3"), rows(s.executeQuery("SELECT count(*) FROM silver.generations")));
    }
    // a session's own settings and database are allowed: they change nothing for anyone else
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("SET spark.sql.shuffle.partitions=3");
      s.execute("USE gold");
      assertEquals(List.of("3"), rows(s.executeQuery("SELECT count(*) FROM provider_health")));
    }
  }

  @Test
  void seesNewDataAndNewTables() throws Exception {
    SparkSession spark = TestSpark.session();
    try (Connection c = connect(); Statement s = c.createStatement()) {
      spark.sql("SELECT 'x' AS k").write().format("delta").save(warehouse.resolve("gold/later_table").toString());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      List<String> seen = List.of();
      while (System.nanoTime() < deadline) {
        try {
          seen = rows(s.executeQuery("SELECT k FROM gold.later_table"));
          break;
        } catch (SQLException notYet) {
          Thread.sleep(500);
        }
      }
      assertEquals(List.of("x"), seen);
      spark.sql("SELECT 'y' AS k").write().format("delta").mode("append")
          .save(warehouse.resolve("gold/later_table").toString());
      assertEquals(List.of("x", "y"), rows(s.executeQuery("SELECT k FROM gold.later_table ORDER BY k")));
    }
  }

  @Test
  void cancelsALongQuery() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      Thread canceller = new Thread(() -> {
        try {
          Thread.sleep(3000);
          s.cancel();
        } catch (InterruptedException | SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      long started = System.nanoTime();
      canceller.start();
      assertThrows(SQLException.class,
          () -> s.executeQuery("SELECT sum(id * id % 7) FROM range(0, 1000000000000, 1, 2)").next());
      canceller.join();
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
      assertTrue(seconds < 60, "the cancelled query ran " + seconds + " s");
    }
    try (Connection c = connect(); Statement s = c.createStatement()) {
      assertEquals(List.of("3"), rows(s.executeQuery("SELECT count(*) FROM gold.provider_health")));
    }
  }

  @Test
  void sqlCommandForwardsAndPrintsAsItself() throws Exception {
    String query = "SELECT provider, success_rate, note FROM gold.provider_health ORDER BY provider";
    for (String format : List.of("table", "csv")) {
      CommandRun local = CommandRun.of("sql", "--warehouse", warehouse.toString(), "--format", format, query);
      assertEquals(0, local.status(), local.err());
      Process p = java("io.genlake.cli.SqlClientMain", "--warehouse", warehouse.toString(), "--format", format, query)
          .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, p.waitFor(), err);
      assertTrue(err.contains("via the SQL endpoint at " + url), err);
      assertEquals(local.out(), out);
    }
    Process refused = java("io.genlake.cli.SqlClientMain", "--warehouse", warehouse.toString(),
        "DROP TABLE gold.provider_health").start();
    String err = new String(refused.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(1, refused.waitFor(), err);
    assertTrue(err.startsWith("[genlake] sql: via the SQL endpoint") && err.contains("genlake sql: the genlake SQL "
        + "endpoint is read-only: DROP"), err);
  }

  @Test
  void beelineConnects() throws Exception {
    Process p = java("org.apache.hive.beeline.BeeLine", "-u", url, "-n", "it", "--silent=true",
        "--outputformat=csv2", "-e", "SELECT provider, success_rate FROM gold.provider_health ORDER BY provider;")
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), err);
    assertEquals(List.of("provider,success_rate", "a,0.875", "b,0.1", "c,1.0E-5"),
        out.lines().filter(l -> !l.isBlank()).toList(), err);
  }

  @Test
  void sparkConnectClientReadsTheTables() throws Exception {
    SparkSession spark = TestSpark.session();
    String out = ConnectClient.run(connectUrl, GENERATIONS, HEALTH);
    List<String> expected = new ArrayList<>();
    expected.add("## " + GENERATIONS);
    expected.addAll(rows(spark.sql(GENERATIONS.replace("silver.generations", "delta.`"
        + warehouse.resolve("silver/generations") + "`")).collectAsList()));
    expected.add("## " + HEALTH);
    expected.addAll(rows(spark.sql(HEALTH.replace("gold.provider_health", "delta.`"
        + warehouse.resolve("gold/provider_health") + "`")).collectAsList()));
    assertEquals(expected, out.lines().toList());
    // the DataFrame API, no SQL: the table read and sorted by the client's plan
    assertEquals(List.of("a|0.875|ok", "b|0.1|null", "c|1.0E-5|x,y"),
        ConnectClient.run(connectUrl, "--table", "gold.provider_health").lines().toList());
  }

  @Test
  void sparkConnectRefusesChangesAndUploads() throws Exception {
    List<String> drop = ConnectClient.run(connectUrl, "DROP TABLE gold.provider_health").lines().toList();
    assertEquals(2, drop.size(), drop::toString);
    assertTrue(drop.get(1).startsWith("!! refused: ") && drop.get(1).contains("the genlake SQL endpoint is read-only: "
        + "DROP"), drop::toString);
    Path jar = warehouse.resolve("upload.jar");
    Files.copy(Path.of(ConnectClient.classPath().split(File.pathSeparator)[0]), jar,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    // requests carrying a client's function are refused the same way (ConnectEndpointTest; the 3.5 client cannot
    // serialize a function of a source-launched probe, so this test cannot send one)
    String upload = ConnectClient.run(connectUrl, "--artifact", jar.toString());
    assertTrue(upload.contains("PERMISSION_DENIED") && upload.contains("AddArtifacts"), upload);
    // the table is still there and the server still answers
    assertEquals(List.of("## SELECT count(*) FROM gold.provider_health", "3"),
        ConnectClient.run(connectUrl, "SELECT count(*) FROM gold.provider_health").lines().toList());
  }

  @Test
  void refusesAnOpenBindWithoutCredentials() throws Exception {
    ProcessBuilder pb = java("io.genlake.cli.ServeSqlMain", "--warehouse", warehouse.toString(), "--bind", "0.0.0.0");
    pb.environment().remove("GENLAKE_SQL_USER");
    pb.environment().remove("GENLAKE_SQL_PASSWORD");
    Process p = pb.start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(1, p.waitFor(), err);
    assertTrue(err.contains("set GENLAKE_SQL_USER and GENLAKE_SQL_PASSWORD in the environment"), err);
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(url, "it", "");
  }

  private static List<String> rows(ResultSet rs) throws SQLException {
    List<String> out = new ArrayList<>();
    int n = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      StringBuilder b = new StringBuilder();
      for (int i = 1; i <= n; i++) {
        b.append(i > 1 ? "|" : "").append(rs.getObject(i));
      }
      out.add(b.toString());
    }
    return out;
  }

  private static List<String> rows(List<Row> rows) {
    List<String> out = new ArrayList<>();
    for (Row r : rows) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < r.size(); i++) {
        b.append(i > 0 ? "|" : "").append(r.get(i));
      }
      out.add(b.toString());
    }
    return out;
  }

  /** A JVM on the packaged jobs jar and serve-sql-classpath.txt, as bin/genlake starts it. */
  private static ProcessBuilder java(String main, String... args) throws Exception {
    String jobsJar = System.getProperty("genlake.productJars").split(",")[1].strip();
    String classPath = jobsJar + File.pathSeparator
        + Files.readString(Path.of("target", "serve-sql-classpath.txt")).strip();
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g"));
    cmd.addAll(List.of(System.getProperty("genlake.javaOpens", "").trim().split("\\s+")));
    cmd.addAll(List.of("-cp", classPath, main));
    cmd.addAll(List.of(args));
    cmd.removeIf(String::isEmpty);
    return new ProcessBuilder(cmd);
  }

  private static String log() {
    try {
      return Files.readString(warehouse.resolve("server.log"));
    } catch (java.io.IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}

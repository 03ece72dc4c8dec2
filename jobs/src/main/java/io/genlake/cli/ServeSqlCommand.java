package io.genlake.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code genlake serve-sql}: a warm SQL endpoint over the warehouse for BI tools, beeline and {@code genlake sql}
 * (HiveServer2 JDBC/ODBC through Spark's Thrift server) and for PySpark or Scala notebooks (Spark Connect, loopback
 * only); see docs/sql-endpoint.md. Read-only unless {@code --write}
 * (which holds the warehouse's writer lock while the endpoint runs); loopback only unless a user and password are set
 * in the environment. Runs until stopped (Ctrl-C, SIGTERM), then removes its endpoint file. Needs the Thrift server's
 * class path, which {@code bin/genlake serve-sql} gives it ({@link ServeSqlMain}).
 */
@Command(name = "serve-sql", mixinStandardHelpOptions = true,
    description = {"Serve the warehouse's tables over HiveServer2 JDBC (Spark's Thrift server) and Spark Connect from "
        + "one warm Spark session, until stopped.", "JDBC URL: jdbc:hive2://HOST:PORT/default; Spark Connect: "
        + "sc://127.0.0.1:CONNECT_PORT. Read-only unless --write."})
final class ServeSqlCommand implements Callable<Integer> {
  static final String THRIFT_SERVER_CLASS = "org.apache.spark.sql.hive.thriftserver.HiveThriftServer2";

  @Mixin WarehouseOptions warehouse;

  @Option(names = "--port", defaultValue = "10000", description = "TCP port (0: any free port). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on; any but loopback needs "
      + "GENLAKE_SQL_USER and GENLAKE_SQL_PASSWORD in the environment. Default: ${DEFAULT-VALUE}.")
  String bind;

  @Option(names = "--write", description = "Allow statements that change the warehouse (DDL, DML); the endpoint then "
      + "holds the warehouse's writer lock until it stops, so no nightly can run meanwhile.")
  boolean write;

  @Option(names = "--connect-port", defaultValue = "15002", description = "Spark Connect port on 127.0.0.1 (always "
      + "loopback: Spark 3.5's Connect has no login; 0: any free port). Default: ${DEFAULT-VALUE}.")
  int connectPort;

  @Option(names = "--no-connect", description = "Serve HiveServer2 only, no Spark Connect.")
  boolean noConnect;

  @Option(names = "--rescan-seconds", defaultValue = "30", description = "How often tables created after the start are "
      + "looked for and registered. Default: ${DEFAULT-VALUE}.")
  int rescanSeconds;

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port " + port + " is not a TCP port: give 0 (any free port) to 65535.");
    }
    if (connectPort < 0 || connectPort > 65535) {
      throw new IllegalArgumentException("--connect-port " + connectPort + " is not a TCP port: give 0 (any free port) "
          + "to 65535, or --no-connect.");
    }
    if (rescanSeconds < 1) {
      throw new IllegalArgumentException("--rescan-seconds " + rescanSeconds + ": give a whole number of seconds >= 1.");
    }
    boolean auth = !loopback(bind);
    if (auth && !io.genlake.sqlendpoint.EnvPasswordAuthenticator.configured()) {
      throw new IllegalArgumentException("serve-sql --bind " + bind + " is reachable from other machines, so clients "
          + "must log in: set GENLAKE_SQL_USER and GENLAKE_SQL_PASSWORD in the environment (clients give them as the "
          + "JDBC user and password), or bind 127.0.0.1.");
    }
    try {
      Class.forName(THRIFT_SERVER_CLASS, false, ServeSqlCommand.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("serve-sql needs Spark's Thrift server (spark-hive-thriftserver), which is not on "
          + "this class path: run it through bin/genlake serve-sql, which uses jobs/target/serve-sql-classpath.txt.", e);
    }
    String root = warehouse.warehouseRoot();
    var running = io.genlake.sqlendpoint.EndpointFile.live(root).filter(ServeSqlCommand::answers);
    if (running.isPresent()) {
      throw new IllegalStateException("a SQL endpoint already serves this warehouse at " + running.get().jdbcUrl()
          + " (pid " + running.get().pid() + "); stop it first or use it.");
    }
    return Serving.run(this, root, auth);
  }

  /** The SparkConf entries the endpoint adds: its guard extension, after Delta's, and the guard's mode. */
  Map<String, String> sparkConf(String root) {
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension,"
        + io.genlake.sqlendpoint.EndpointGuard.class.getName());
    conf.put(io.genlake.sqlendpoint.EndpointGuard.WRITE_CONF, Boolean.toString(write));
    conf.put(io.genlake.sqlendpoint.EndpointGuard.WAREHOUSE_CONF,
        root.contains("://") ? root : java.nio.file.Path.of(root).toAbsolutePath().normalize().toString());
    // the Thrift server's own pool runs statements side by side: fair scheduling keeps a long one from starving others
    conf.put("spark.scheduler.mode", "FAIR");
    return conf;
  }

  /** True when something accepts connections at the endpoint's address (its pid may have been reused). */
  private static boolean answers(io.genlake.sqlendpoint.EndpointFile e) {
    try (java.net.Socket s = new java.net.Socket()) {
      s.connect(new java.net.InetSocketAddress(e.host(), e.port()), 2000);
      return true;
    } catch (java.io.IOException notListening) {
      return false;
    }
  }

  static boolean loopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--bind " + host + ": no such address on this machine (" + e.getMessage()
          + "); give an IP address or host name of this machine, e.g. 127.0.0.1.", e);
    }
  }

  /** The Thrift server's part, kept in its own class so that the command loads without the Thrift server's jars. */
  static final class Serving {
    private Serving() {}

    static int run(ServeSqlCommand cmd, String root, boolean auth) throws InterruptedException {
      String runId = Session.newRunId("serve-sql");
      if (cmd.write) {
        io.genlake.warehouse.WarehouseLock.acquire(root, runId, "serve-sql --write");
      }
      var w = Session.openServer("serve-sql", cmd.warehouse, cmd.sparkConf(root));
      var endpoint = io.genlake.sqlendpoint.SqlEndpoint.start(w, cmd.bind, cmd.port, cmd.write, auth, cmd.rescanSeconds,
          cmd.noConnect ? -1 : cmd.connectPort);
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        endpoint.close();
        if (cmd.write) {
          io.genlake.warehouse.WarehouseLock.release(root);
        }
        stopped.countDown();
      }, "genlake-sql-endpoint-stop"));
      System.err.println("[genlake] SQL endpoint for " + w.root() + " at " + endpoint.endpoint().jdbcUrl()
          + (cmd.write ? " (statements may change the warehouse; the writer lock is held)" : " (read-only)")
          + (auth ? ", login: $GENLAKE_SQL_USER / $GENLAKE_SQL_PASSWORD" : "")
          + endpoint.endpoint().connectUrl().map(u -> "; Spark Connect at " + u).orElse("")
          + "; new tables are registered every " + cmd.rescanSeconds + " s. Ctrl-C stops it.");
      stopped.await();
      return 0;
    }
  }
}

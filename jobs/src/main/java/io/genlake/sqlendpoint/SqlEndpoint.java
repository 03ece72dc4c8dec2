package io.genlake.sqlendpoint;

import io.genlake.table.Views;
import io.genlake.warehouse.Layer;
import io.genlake.warehouse.TableId;
import io.genlake.warehouse.Warehouse;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hive.service.Service;
import org.apache.hive.service.cli.thrift.ThriftCLIService;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.hive.thriftserver.HiveThriftServer2;

/**
 * A running SQL endpoint: Spark's Thrift server (HiveServer2, binary transport) over one warm SparkSession whose
 * catalog holds every {@code <layer>.<table>} of the warehouse. Delta tables registered by path read their latest
 * snapshot at each query; tables created after the start are registered by a re-scan every {@code rescanSeconds}.
 * The same session serves Spark Connect ({@link ConnectEndpoint}) unless it is turned off.
 * Every connection gets its own session (its SET and USE stay its own) over the shared catalog. Statements run in the
 * Thrift server's background pool under a Spark job group per statement, so a client's cancel stops its Spark jobs and
 * a failing statement fails alone. Cost: the Thrift server's start (an in-memory Derby for Hive's execution client,
 * a few seconds) and one warehouse listing per re-scan.
 */
public final class SqlEndpoint implements AutoCloseable {
  private final Warehouse warehouse;
  private final HiveThriftServer2 server;
  private final ScheduledExecutorService rescans;
  private final EndpointFile file;
  private final ConnectEndpoint connect;

  private SqlEndpoint(Warehouse warehouse, HiveThriftServer2 server, ScheduledExecutorService rescans,
      EndpointFile file, ConnectEndpoint connect) {
    this.warehouse = warehouse;
    this.server = server;
    this.rescans = rescans;
    this.file = file;
    this.connect = connect;
  }

  /**
   * Registers the warehouse's tables, starts the Thrift server on {@code host:port} (port 0: any free port) and writes
   * the endpoint file. {@code auth}: clients must log in with {@link EnvPasswordAuthenticator}'s user and password.
   * {@code connectPort}: Spark Connect on {@code 127.0.0.1} at that port (0: any free port), or none when negative.
   */
  public static SqlEndpoint start(Warehouse w, String host, int port, boolean write, boolean auth, int rescanSeconds,
      int connectPort) {
    SparkSession spark = w.spark();
    java.util.Set<TableId> reported = java.util.concurrent.ConcurrentHashMap.newKeySet();
    registerAll(w, reported);
    // Hive's execution client writes derby.log into the working directory unless told otherwise
    System.setProperty("derby.stream.error.file", EndpointFile.path(w.root()).resolveSibling("derby.log").toString());
    var conf = spark.conf();
    conf.set("hive.server2.transport.mode", "binary");
    conf.set("hive.server2.thrift.bind.host", host);
    conf.set("hive.server2.thrift.port", Integer.toString(port));
    conf.set("hive.server2.enable.doAs", "false");
    conf.set("hive.server2.authentication", auth ? "CUSTOM" : "NONE");
    if (auth) {
      conf.set("hive.server2.custom.authentication.class", EnvPasswordAuthenticator.class.getName());
    }
    HiveThriftServer2 server = HiveThriftServer2.startWithContext(spark.sqlContext());
    int bound = port;
    for (Service s : server.getServices()) {
      if (s instanceof ThriftCLIService t) {
        bound = t.getPortNumber();
      }
    }
    ScheduledExecutorService rescans = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "genlake-sql-endpoint-rescan");
      t.setDaemon(true);
      return t;
    });
    rescans.scheduleWithFixedDelay(() -> {
      try {
        registerAll(w, reported);
      } catch (Exception e) { // Spark's AnalysisException is checked in Java's eyes only
        System.err.println("[genlake] serve-sql: re-scan of " + w.root() + " failed, tried again in "
            + rescanSeconds + " s: " + e);
      }
    }, rescanSeconds, rescanSeconds, TimeUnit.SECONDS);
    ConnectEndpoint connect = null;
    if (connectPort >= 0) {
      try {
        connect = ConnectEndpoint.start(spark, connectPort);
      } catch (RuntimeException e) {
        rescans.shutdownNow();
        server.stop();
        throw e;
      }
    }
    EndpointFile file = new EndpointFile(host, bound, ProcessHandle.current().pid(), Instant.now(), write, auth,
        connect == null ? 0 : connect.port());
    file.write(w.root());
    return new SqlEndpoint(w, server, rescans, file, connect);
  }

  /**
   * Every table and view of the warehouse, registered as {@code <layer>.<table>} (those already there are kept). A
   * table that cannot be registered yet (a writer is creating it: its {@code _delta_log} has no commit) is skipped
   * until a later re-scan; each such table is reported once.
   */
  static void registerAll(Warehouse w, java.util.Set<TableId> reported) {
    EndpointGuard.internally(() -> {
      for (Layer layer : Layer.values()) {
        for (TableId id : w.listTables(layer)) {
          try {
            w.register(id);
            reported.remove(id);
          } catch (Exception e) { // Spark's AnalysisException is checked in Java's eyes only
            if (reported.add(id)) {
              System.err.println("[genlake] serve-sql: " + id.qualifiedName() + " is not registered yet (tried again "
                  + "at each re-scan): " + e.getMessage());
            }
          }
        }
      }
      Views.registerAll(w);
    });
  }

  /** What the endpoint file says: host, port, JDBC URL. */
  public EndpointFile endpoint() {
    return file;
  }

  /**
   * Stops the re-scans, Spark Connect and the Thrift server and removes the endpoint file; the SparkSession is left to
   * its owner.
   */
  @Override
  public void close() {
    rescans.shutdownNow();
    file.removeIfOurs(warehouse.root());
    if (connect != null) {
      connect.close();
    }
    server.stop();
  }
}

package io.genlake.testing;

import io.genlake.spark.SparkSessions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of a test JVM: {@code local[2]}, two shuffle partitions, UI off, Delta on.
 * Tests that need a warehouse create a {@code @TempDir} and a {@link io.genlake.warehouse.Warehouse} on it.
 */
public final class TestSpark {
  private static SparkSession session;

  private TestSpark() {}

  public static synchronized SparkSession session() {
    if (session == null) {
      Path scratch;
      try {
        scratch = Files.createTempDirectory("genlake-test-spark");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      SparkSession.Builder builder = SparkSession.builder()
          .appName("genlake-tests")
          .master("local[2]")
          .config("spark.ui.enabled", "false")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.sql.adaptive.enabled", "false")
          .config("spark.default.parallelism", "2");
      for (Map.Entry<String, String> e : SparkSessions.deltaDefaults(2, scratch).entrySet()) {
        builder.config(e.getKey(), e.getValue());
      }
      io.genlake.spark.LocalFiles.CONF.forEach(builder::config);
      session = builder.getOrCreate();
      session.sparkContext().setLogLevel("ERROR");
    }
    return session;
  }

  /**
   * Drops every table registration of the shared session catalog (data stay on disk). Warehouse.register keeps an
   * existing registration, so without this a later test's warehouse would resolve layer.table names to an earlier
   * test's deleted temp directory.
   */
  public static void forgetCatalog() {
    SparkSession spark = session();
    // the session catalog's own listing: Catalog.listTables decodes Table objects, which Spark's interpreted mode
    // (spark.codegen, set on this shared session by the commands tests run in-process) cannot do
    var catalog = spark.sessionState().catalog();
    for (io.genlake.warehouse.Layer layer : io.genlake.warehouse.Layer.values()) {
      String db = layer.dirName();
      if (catalog.databaseExists(db)) {
        for (org.apache.spark.sql.catalyst.TableIdentifier t
            : scala.collection.JavaConverters.seqAsJavaList(catalog.listTables(db))) {
          catalog.dropTable(new org.apache.spark.sql.catalyst.TableIdentifier(t.table(), scala.Option.apply(db)),
              true, false);
        }
      }
    }
  }
}

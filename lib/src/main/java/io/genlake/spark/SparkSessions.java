package io.genlake.spark;

import io.genlake.config.SparkSettings;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the SparkSession genlake runs in: Delta Lake's SQL extension and catalog, UTC session time zone,
 * small shuffles, UI off in local mode. Under {@code spark-submit} the master and resources come from the
 * submit command; otherwise the configured master (default {@code local[*]}) is used.
 */
public final class SparkSessions {
  private SparkSessions() {}

  /** Creates (or returns the active) session for a warehouse rooted at {@code warehouse}. */
  public static SparkSession create(String appName, SparkSettings settings, Path warehouse) {
    SparkConf submitted = new SparkConf(true);
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    boolean local = true;
    if (!submitted.contains("spark.master")) {
      builder.master(settings.master());
    } else {
      local = submitted.get("spark.master").startsWith("local");
    }
    for (Map.Entry<String, String> e : deltaDefaults(settings.shufflePartitions(), warehouse).entrySet()) {
      builder.config(e.getKey(), e.getValue());
    }
    if (local) {
      builder.config("spark.ui.enabled", "false");
      builder.config("spark.driver.bindAddress", "127.0.0.1");
      builder.config("spark.driver.host", "127.0.0.1");
    }
    settings.conf().forEach(builder::config);
    SparkSession spark = builder.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }

  /** The settings every genlake session carries, local or on a cluster. */
  public static Map<String, String> deltaDefaults(int shufflePartitions, Path warehouse) {
    return Map.of(
        "spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension",
        "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog",
        "spark.sql.session.timeZone", "UTC",
        "spark.sql.shuffle.partitions", Integer.toString(shufflePartitions),
        "spark.sql.warehouse.dir", warehouse.toAbsolutePath().resolve("_catalog").toString(),
        // Delta reads its log with this many partitions; the default (50) is far too many for one machine
        "spark.databricks.delta.snapshotPartitions", "2",
        "spark.databricks.delta.properties.defaults.checkpointInterval", "20",
        "spark.sql.sources.partitionOverwriteMode", "dynamic");
  }
}

package io.genlake.spark;

import io.genlake.config.SparkSettings;
import java.nio.file.Path;
import java.util.List;
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
    return create(appName, settings, warehouse, List.of(), true);
  }

  /**
   * Creates (or returns the active) session for a warehouse rooted at {@code warehouse} whose runs also read
   * {@code landing} (a run command's landing directory, or none); {@code localPaths} is false for a warehouse given as
   * a URI. The session compiles or interprets its queries as {@link ExecutionMode#choose} decides, and holds the
   * reason under {@link ExecutionMode#REASON_KEY}.
   */
  public static SparkSession create(String appName, SparkSettings settings, Path warehouse, List<Path> landing,
      boolean localPaths) {
    SparkConf submitted = new SparkConf(true);
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    boolean local = true;
    if (!submitted.contains("spark.master")) {
      builder.master(settings.master());
    } else {
      local = submitted.get("spark.master").startsWith("local");
    }
    ExecutionMode mode = mode(submitted, settings, warehouse, landing, localPaths);
    mode.conf().forEach(builder::config);
    builder.config(ExecutionMode.REASON_KEY, mode.reason());
    for (Map.Entry<String, String> e : deltaDefaults(settings.shufflePartitions(), warehouse).entrySet()) {
      builder.config(e.getKey(), e.getValue());
    }
    if (local) {
      builder.config("spark.ui.enabled", "false");
      builder.config("spark.driver.bindAddress", "127.0.0.1");
      builder.config("spark.driver.host", "127.0.0.1");
      LocalFiles.CONF.forEach(builder::config);
    }
    settings.conf().forEach(builder::config);
    SparkSession spark = builder.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    QueryTrace.fromEnvironment().ifPresent(spark.sparkContext()::addSparkListener);
    return spark;
  }

  /**
   * Columns whose values are (nearly) unique per row wherever they occur: checksums, record positions, natural
   * keys and identifiers, event timestamps, seeds, rejection reasons. Parquet's dictionary encoding hashes and
   * stores each of them before giving up on the column chunk, for no gain. Without it, a 1.1M-row ingestion took
   * about 2 s less (5 alternating pairs) and silver grew by 1%.
   */
  static final List<String> UNIQUE_COLUMNS = List.of("checksum", "source_line", "event_time", "reason",
      "generation_id", "asset_id", "image_id", "event_id", "attempt_id", "block_id", "session_id", "rating_key",
      "version_id", "created_at", "updated_at", "completed_at", "attempted_at", "seed");

  /**
   * How a session {@link #create}d with these arguments will run its queries ({@link ExecutionMode#choose} over the
   * warehouse's silver layer and {@code landing}), without creating it.
   */
  public static ExecutionMode mode(SparkSettings settings, Path warehouse, List<Path> landing, boolean localPaths) {
    return mode(new SparkConf(true), settings, warehouse, landing, localPaths);
  }

  private static ExecutionMode mode(SparkConf submitted, SparkSettings settings, Path warehouse, List<Path> landing,
      boolean localPaths) {
    String master = submitted.contains("spark.master") ? submitted.get("spark.master") : settings.master();
    List<Path> data = new java.util.ArrayList<>(List.of(warehouse.resolve("silver")));
    data.addAll(landing);
    return ExecutionMode.choose(settings, master, data, localPaths);
  }

  /** The settings every genlake session carries, local or on a cluster. */
  public static Map<String, String> deltaDefaults(int shufflePartitions, Path warehouse) {
    Map<String, String> out = new java.util.LinkedHashMap<>(fixedDefaults(shufflePartitions, warehouse));
    for (String c : UNIQUE_COLUMNS) {
      out.put("spark.hadoop.parquet.enable.dictionary#" + c, "false");
    }
    return out;
  }

  private static Map<String, String> fixedDefaults(int shufflePartitions, Path warehouse) {
    return Map.ofEntries(
        Map.entry("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension"),
        Map.entry("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog"),
        Map.entry("spark.sql.session.timeZone", "UTC"),
        Map.entry("spark.sql.shuffle.partitions", Integer.toString(shufflePartitions)),
        Map.entry("spark.sql.warehouse.dir", warehouse.toAbsolutePath().resolve("_catalog").toString()),
        // Delta reads its log with this many partitions; the default (50) is far too many for one machine
        Map.entry("spark.databricks.delta.snapshotPartitions", "2"),
        Map.entry("spark.databricks.delta.properties.defaults.checkpointInterval", "20"),
        // VACUUM and file listing fan out to this many tasks (default 10000: minutes of overhead on one machine)
        Map.entry("spark.sql.sources.parallelPartitionDiscovery.parallelism", "8"),
        Map.entry("spark.databricks.delta.vacuum.parallelDelete.enabled", "true"),
        // caches live for one step (e.g. ingestion's parsed stage): compressing them costs more CPU than it saves
        Map.entry("spark.sql.inMemoryColumnarStorage.compressed", "false"),
        // raw records (bronze, quarantine) are unique strings: dictionary encoding them is wasted work
        Map.entry("spark.hadoop.parquet.enable.dictionary#record", "false"),
        // timestamps as 8-byte INT64 microseconds (the Parquet standard) instead of legacy 12-byte INT96, whose
        // dictionary encoding hashed its byte arrays poorly: it took ~5% of ingestion CPU
        Map.entry("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS"));
  }
}

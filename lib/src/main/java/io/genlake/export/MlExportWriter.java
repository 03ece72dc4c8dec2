package io.genlake.export;

import io.genlake.config.ExportConfig;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Writes one ML feature table: adds the deterministic {@code split} column, writes Parquet partitioned by
 * {@code event_date} with the configured compression, and returns the rows per split for the manifest.
 * Cost: one pass to write plus one aggregation over the written files for the counts.
 */
final class MlExportWriter {
  static final String SPLIT = "split";
  static final String EVENT_DATE = "event_date";

  private MlExportWriter() {}

  /**
   * {@code train | validation | test} from a stable hash of {@code key}: the same key always lands in the same
   * split, whatever else changes in the data, so a model's test set never leaks into later training sets.
   */
  static Column split(Column key, ExportConfig config) {
    Column bucket = functions.pmod(functions.xxhash64(key), functions.lit(10_000));
    long train = Math.round(config.trainShare() * 10_000);
    long validation = Math.round((config.trainShare() + config.validationShare()) * 10_000);
    return functions.when(bucket.lt(train), "train").when(bucket.lt(validation), "validation").otherwise("test");
  }

  /**
   * Writes {@code data} (which must hold {@code event_date}) to {@code path}; returns the written frame for
   * counting (an empty frame of the same schema when there was nothing to write).
   */
  static Dataset<Row> write(Dataset<Row> data, Column key, String path, ExportConfig config) {
    Dataset<Row> withSplit = data.withColumn(SPLIT, split(key, config));
    withSplit.repartition(functions.col(EVENT_DATE)).write().mode("errorifexists")
        .option("compression", config.compression()).partitionBy(EVENT_DATE).parquet(path);
    boolean wroteFiles;
    try (var files = java.nio.file.Files.walk(java.nio.file.Path.of(path))) {
      wroteFiles = files.anyMatch(f -> f.getFileName().toString().endsWith(".parquet"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("Cannot list the export at " + path, e);
    }
    return wroteFiles ? withSplit.sparkSession().read().parquet(path) : withSplit.limit(0);
  }
}

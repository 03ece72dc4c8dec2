package io.genlake.config;

/**
 * Ingestion limits and sizing: records or strings above the limits are quarantined with a reason, never
 * truncated; JSON Lines files larger than {@code splitBytes} are parsed by several tasks, one byte range each.
 * Up to {@code concurrency} record kinds are ingested at the same time (their Spark jobs and Delta commits
 * overlap, so one kind's driver-side work does not leave the executors idle); 1 ingests them one after another.
 * A timestamp more than {@code maxFutureDays} after the run date (or today, if later) is implausible and quarantined.
 */
public record IngestConfig(int maxRecordBytes, int maxStringLength, int splitBytes, int concurrency,
    int maxFutureDays) {
  static IngestConfig from(ConfigNode node) {
    node.onlyKeys("max_record_bytes", "max_string_length", "split_bytes", "concurrency", "max_future_days");
    return new IngestConfig(
        node.integer("max_record_bytes", 1024, 64 * 1024 * 1024),
        node.integer("max_string_length", 16, 16 * 1024 * 1024),
        node.integer("split_bytes", 1024 * 1024, 1024 * 1024 * 1024),
        node.integer("concurrency", 1, 16),
        node.integer("max_future_days", 0, 36_500));
  }
}

package io.genlake.config;

/** Ingestion limits: records or strings above them are quarantined with a reason, never truncated. */
public record IngestConfig(int maxRecordBytes, int maxStringLength) {
  static IngestConfig from(ConfigNode node) {
    node.onlyKeys("max_record_bytes", "max_string_length");
    return new IngestConfig(
        node.integer("max_record_bytes", 1024, 64 * 1024 * 1024),
        node.integer("max_string_length", 16, 16 * 1024 * 1024));
  }
}

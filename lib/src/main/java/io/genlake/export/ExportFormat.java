package io.genlake.export;

/** File formats of {@code genlake export}. */
public enum ExportFormat {
  CSV,
  JSONL,
  PARQUET
}

package io.genlake.ingest;

import io.genlake.config.IngestConfig;
import java.io.Serializable;

/** The size limits a record and its strings must respect ({@code ingest.*} config), shipped to tasks. */
record Limits(int maxRecordBytes, int maxStringLength) implements Serializable {
  static Limits of(IngestConfig config) {
    return new Limits(config.maxRecordBytes(), config.maxStringLength());
  }
}

package io.genlake.ingest;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;

/** The landing sources one ingestion run reads, as found and checked by {@link LandingScan}. */
final class Sources {
  private Sources() {}

  enum Format { JSON_LINES, CSV }

  /** A JSON Lines or CSV file of one kind. {@code source} is its path relative to the landing directory. */
  record LandingFile(Kind kind, Format format, Path file, String source, long size, String fingerprint) {}

  /** A byte range of a file read by one task; {@code firstLine} is the line number of its first line. */
  record Unit(Kind kind, Format format, String path, String source, long start, long end, long firstLine)
      implements Serializable {}

  /**
   * A SQLite table of one kind: the database file, the table, its columns (as the database declares them).
   * {@code source} is {@code sqlite:<file relative to landing>#<table>}.
   */
  record SqliteTable(Kind kind, Path file, String table, List<String> columns, String source) {}

  /** A landing file's fingerprint for one stream (a SQLite file feeds several streams). */
  record Fingerprint(String source, Stream stream, String fingerprint, long size) {}
}

package io.genlake.table;

import static io.genlake.table.Fields.required;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import org.apache.spark.sql.types.StructType;

/**
 * Bronze contracts: {@code bronze.generations|ratings|feedback|reference} hold every landing record exactly as
 * received (one row per JSON line, CSV record or SQLite row) with its lineage; append-only, and a record
 * already present (same source, line and checksum) is never appended again. {@code bronze.source_files}
 * records the fingerprint of every landing file ingested, so an unchanged file is not read twice.
 */
public final class BronzeTables {
  public static final TableId GENERATIONS = TableId.bronze("generations");
  public static final TableId RATINGS = TableId.bronze("ratings");
  public static final TableId FEEDBACK = TableId.bronze("feedback");
  public static final TableId REFERENCE = TableId.bronze("reference");
  public static final TableId SOURCE_FILES = TableId.bronze("source_files");

  /** Source path relative to the landing directory, or {@code sqlite:<file>#<table>}. */
  public static final String SOURCE = Lineage.SOURCE;
  /** 1-based line (JSON Lines), first line of the record (CSV, header = line 1) or rowid (SQLite). */
  public static final String SOURCE_LINE = Lineage.SOURCE_LINE;
  /** What the record is: generation, block_fit_rating, image_rating, preference_event, ... */
  public static final String KIND = "kind";
  /** The record's text as received (a SQLite row as a JSON object of its columns' text). */
  public static final String RECORD = "record";
  /** Lower-case hex SHA-256 of the record's bytes as received. */
  public static final String CHECKSUM = "checksum";
  public static final String INGEST_RUN_ID = Lineage.INGEST_RUN_ID;
  public static final String INGESTED_AT = Lineage.INGESTED_AT;

  public static final StructType SCHEMA = Fields.schema(
      required(SOURCE, StringType),
      required(SOURCE_LINE, LongType),
      required(KIND, StringType),
      required(RECORD, StringType),
      required(CHECKSUM, StringType),
      required(INGEST_RUN_ID, StringType),
      required(INGESTED_AT, TimestampType));

  /** {@code bronze.source_files}: the landing file, its fingerprint (size, mtime, head/tail hash), when read. */
  public static final String FINGERPRINT = "fingerprint";
  public static final String SIZE_BYTES = "size_bytes";
  public static final String STREAM = "stream";

  public static final StructType SOURCE_FILES_SCHEMA = Fields.schema(
      required(SOURCE, StringType),
      required(FINGERPRINT, StringType),
      required(SIZE_BYTES, LongType),
      required(STREAM, StringType),
      required(INGEST_RUN_ID, StringType),
      required(INGESTED_AT, TimestampType));

  public static final TableSpec SOURCE_FILES_SPEC = TableSpec.simple(SOURCE_FILES, SOURCE_FILES_SCHEMA);

  private BronzeTables() {}

  /**
   * The contract of one bronze stream table: no key (append-only), NOT NULL columns, no CHECK constraint; file
   * statistics only on source and line (what re-ingestion filters on; stats on raw records cost CPU for nothing).
   */
  public static TableSpec spec(TableId table) {
    return TableSpec.simple(table, SCHEMA).withStatsColumns(SOURCE, SOURCE_LINE);
  }
}

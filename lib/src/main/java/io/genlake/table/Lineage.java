package io.genlake.table;

import static io.genlake.table.Fields.required;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.List;
import org.apache.spark.sql.types.StructField;

/** Lineage columns every silver row carries: where the winning record came from and when it happened. */
public final class Lineage {
  /** Source file or {@code sqlite:<file>#<table>}. */
  public static final String SOURCE = "source";
  /** Line (JSON Lines), record (CSV) or row id (SQLite) within the source. */
  public static final String SOURCE_LINE = "source_line";
  public static final String INGEST_RUN_ID = "ingest_run_id";
  public static final String INGESTED_AT = "ingested_at";
  /** The record's event time: latest event wins when several records share a natural key. */
  public static final String EVENT_TIME = "event_time";

  public static final List<StructField> COLUMNS = List.of(
      required(SOURCE, StringType),
      required(SOURCE_LINE, LongType),
      required(INGEST_RUN_ID, StringType),
      required(INGESTED_AT, TimestampType),
      required(EVENT_TIME, TimestampType));

  private Lineage() {}
}

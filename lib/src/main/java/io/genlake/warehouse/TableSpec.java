package io.genlake.warehouse;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.StructType;

/**
 * A table contract: address, schema (nullability is enforced as Delta NOT NULL), natural key, partition
 * columns, CHECK constraints (name to SQL expression), whether Change Data Feed is on, and the columns Delta
 * keeps per-file statistics on (empty: Delta's default, the first 32 columns).
 *
 * <p>Statistics cost CPU on every write (min, max and null count of each column of each row); a table written
 * in bulk and filtered on few columns (bronze by source, silver by key and event time) names those columns.
 */
public record TableSpec(
    TableId id,
    StructType schema,
    List<String> key,
    List<String> partitionBy,
    Map<String, String> checks,
    boolean changeDataFeed,
    List<String> statsColumns) {

  public TableSpec {
    key = List.copyOf(key);
    partitionBy = List.copyOf(partitionBy);
    checks = Map.copyOf(checks);
    statsColumns = List.copyOf(statsColumns);
    for (String c : statsColumns) {
      if (!List.of(schema.fieldNames()).contains(c)) {
        throw new IllegalArgumentException("Statistics column " + c + " is not a column of " + id);
      }
    }
  }

  /** A contract with Delta's default statistics (the first 32 columns). */
  public TableSpec(TableId id, StructType schema, List<String> key, List<String> partitionBy,
      Map<String, String> checks, boolean changeDataFeed) {
    this(id, schema, key, partitionBy, checks, changeDataFeed, List.of());
  }

  /** A table with no key, partitions or checks (gold results, ops logs). */
  public static TableSpec simple(TableId id, StructType schema) {
    return new TableSpec(id, schema, List.of(), List.of(), Map.of(), false);
  }

  /** This contract with Delta file statistics kept on {@code columns} only (see the class comment). */
  public TableSpec withStatsColumns(String... columns) {
    return new TableSpec(id, schema, key, partitionBy, checks, changeDataFeed, List.of(columns));
  }
}

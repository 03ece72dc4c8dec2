package io.genlake.warehouse;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.StructType;

/**
 * A table contract: address, schema (nullability is enforced as Delta NOT NULL), natural key, partition
 * columns, CHECK constraints (name to SQL expression) and whether Change Data Feed is on.
 */
public record TableSpec(
    TableId id,
    StructType schema,
    List<String> key,
    List<String> partitionBy,
    Map<String, String> checks,
    boolean changeDataFeed) {

  public TableSpec {
    key = List.copyOf(key);
    partitionBy = List.copyOf(partitionBy);
    checks = Map.copyOf(checks);
  }

  /** A table with no key, partitions or checks (gold results, ops logs). */
  public static TableSpec simple(TableId id, StructType schema) {
    return new TableSpec(id, schema, List.of(), List.of(), Map.of(), false);
  }
}

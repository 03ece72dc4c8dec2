package io.genlake.failure;

import io.delta.tables.DeltaTable;
import io.genlake.warehouse.TableSpec;
import io.genlake.warehouse.Warehouse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Adds signed counts to an additive state table in one MERGE: rows are matched on the key (null-safe), their
 * measures added; a row whose outcome count reaches 0 is deleted (so the table equals a recount from scratch);
 * keys not yet present are inserted. Expressions are code constants over column names of the table contract,
 * never data values. Cost: one scan of the state table's key columns and a rewrite of the files it touches.
 */
final class AdditiveState {
  private AdditiveState() {}

  /**
   * Merges {@code delta} (the table's schema, signed counts) into {@code spec}'s table.
   *
   * @param keys key columns
   * @param countColumn the column that is 0 exactly when the row counts nothing
   * @param merged per non-key column, the expression of its new value over {@code t} (table) and {@code s} (delta)
   */
  static void add(Warehouse w, TableSpec spec, List<String> keys, String countColumn, Map<String, String> merged,
      Dataset<Row> delta) {
    StringBuilder on = new StringBuilder();
    for (String k : keys) {
      on.append(on.length() == 0 ? "" : " AND ").append("t.").append(k).append(" <=> s.").append(k);
    }
    Map<String, String> insert = new LinkedHashMap<>();
    for (String c : spec.schema().fieldNames()) {
      insert.put(c, "s." + c);
    }
    DeltaTable.forPath(w.spark(), w.location(spec.id())).as("t")
        .merge(delta.as("s"), on.toString())
        .whenMatched("t." + countColumn + " + s." + countColumn + " = 0").delete()
        .whenMatched().updateExpr(merged)
        .whenNotMatched("s." + countColumn + " <> 0").insertExpr(insert)
        .execute();
  }

  /** {@code t.c + s.c} for each of {@code columns}. */
  static Map<String, String> sums(List<String> columns) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String c : columns) {
      out.put(c, "t." + c + " + s." + c);
    }
    return out;
  }

  /** The sum of two {@code map<string, bigint>} columns, entries that reach 0 dropped. */
  static String mapSum(String column) {
    return "map_filter(map_zip_with(t." + column + ", s." + column
        + ", (k, a, b) -> coalesce(a, 0L) + coalesce(b, 0L)), (k, v) -> v <> 0)";
  }
}

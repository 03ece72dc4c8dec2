package io.genlake.failure;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import io.genlake.warehouse.TableSpec;
import io.genlake.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Adds signed counts to an additive state table by folding: the stored rows and the signed rows are aggregated per
 * key (null-safe: grouping treats nulls as equal), their measures added; a key whose outcome count reaches 0 is
 * dropped (so the table equals a recount from scratch); the result replaces the table in one overwrite commit. The
 * state tables hold counts, not outcomes (1.7 MB at 100,000 generations), so reading and rewriting one costs less
 * than a Delta MERGE, whose fixed part (materializing its source, a join to find the touched files, a second to
 * rewrite them) dominated a small night. Expressions are code constants over column names of the table contract,
 * never data values. Cost: one scan of the state table, one aggregation, one rewrite.
 */
final class AdditiveState {
  private AdditiveState() {}

  /**
   * Folds {@code delta} (the table's schema, signed counts) into {@code spec}'s table.
   *
   * @param keys key columns
   * @param countColumn the column that is 0 exactly when the row counts nothing
   * @param folded per non-key column, the aggregate expression of its new value over the stored and signed rows
   */
  static void add(Warehouse w, TableSpec spec, List<String> keys, String countColumn, Map<String, String> folded,
      Dataset<Row> delta) {
    Column[] ordered = Arrays.stream(spec.schema().fieldNames()).map(c -> col(c)).toArray(Column[]::new);
    List<Column> aggregates = new ArrayList<>();
    folded.forEach((c, e) -> aggregates.add(expr(e).as(c)));
    Dataset<Row> rows = w.read(spec.id()).select(ordered).unionByName(delta.select(ordered))
        .groupBy(keys.stream().map(c -> col(c)).toArray(Column[]::new))
        .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
        .where(col(countColumn).notEqual(0));
    w.overwrite(spec.id(), FailureAggregates.conform(w, rows, spec.schema()));
  }

  /** {@code sum(c)} for each of {@code columns}. */
  static Map<String, String> sums(List<String> columns) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String c : columns) {
      out.put(c, "sum(" + c + ")");
    }
    return out;
  }

  /** The sum of a {@code map<string, bigint>} column over a key's rows, entries that reach 0 dropped. */
  static String mapSum(String column) {
    return "map_filter(aggregate(collect_list(" + column + "), cast(map() as map<string, bigint>), "
        + "(acc, m) -> map_zip_with(acc, m, (k, a, b) -> coalesce(a, 0L) + coalesce(b, 0L))), (k, v) -> v <> 0)";
  }
}

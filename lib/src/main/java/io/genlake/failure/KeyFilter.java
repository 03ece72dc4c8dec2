package io.genlake.failure;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The rows of a table whose key columns hold one of a few changed keys: the scoped reads of an incremental failure
 * run. When every key set has at most {@code maxKeys} keys (the usual night: a 1% run changes thousands), the keys are
 * collected to the driver and the table is read once with one filter ({@code c1 IN (…) OR c2 IN (…)}), pushed to
 * the scan; an empty key set adds no condition, and no key at all reads nothing. Otherwise (a night that changed
 * more keys than is reasonable to ship in a query plan) each key set is broadcast and semi-joined, one scan of the
 * table per key column, the union deduplicated on the table's id. Both give the same rows, since the id is unique in
 * the table. Cost: one small collect per key set, then one scan (or one per key column).
 */
final class KeyFilter {
  /**
   * Default largest key set filtered in the scan (an {@code IN} list of this many strings is a few megabytes in the
   * plan and is evaluated through a hash set); larger sets take the broadcast semi-joins.
   */
  static final int MAX_KEYS = 50_000;

  private KeyFilter() {}

  /**
   * A key column of the table and the keys (one column {@code key}, distinct, non-null) it must match, on the rows
   * where {@code where} holds.
   */
  record Match(String column, Dataset<Row> keys, Column where) {
    /** On every row. */
    Match(String column, Dataset<Row> keys) {
      this(column, keys, lit(true));
    }
  }

  /**
   * The rows of {@code table} matching any of {@code matches}; {@code id} are the columns of the table's unique key.
   * Returns the rows and whether the broadcast semi-joins were used (a key set above {@code maxKeys}).
   */
  static Read rows(Dataset<Row> table, List<String> id, int maxKeys, List<Match> matches) {
    List<List<Object>> collected = new ArrayList<>();
    for (Match m : matches) {
      Optional<List<Object>> keys = collect(m.keys(), maxKeys);
      if (keys.isEmpty()) {
        return new Read(semiJoined(table, id, matches), true);
      }
      collected.add(keys.get());
    }
    Column any = lit(false);
    boolean first = true;
    for (int i = 0; i < matches.size(); i++) {
      List<Object> keys = collected.get(i);
      if (keys.isEmpty()) {
        continue;
      }
      Column in = matches.get(i).where().and(col(matches.get(i).column()).isin(keys.toArray()));
      any = first ? in : any.or(in);
      first = false;
    }
    return new Read(table.filter(any), false);
  }

  /** Rows read and whether they came from the broadcast semi-joins. */
  record Read(Dataset<Row> rows, boolean semiJoined) {}

  /** The keys, or empty when there are more than {@code maxKeys}. */
  private static Optional<List<Object>> collect(Dataset<Row> keys, int maxKeys) {
    List<Row> rows = keys.limit(maxKeys + 1).collectAsList();
    if (rows.size() > maxKeys) {
      return Optional.empty();
    }
    List<Object> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      out.add(r.get(0));
    }
    return Optional.of(out);
  }

  private static Dataset<Row> semiJoined(Dataset<Row> table, List<String> id, List<Match> matches) {
    Dataset<Row> out = null;
    for (Match m : matches) {
      Dataset<Row> one = table.join(broadcast(m.keys()), m.where().and(col(m.column()).equalTo(col("key"))),
          "left_semi");
      out = out == null ? one : out.unionByName(one);
    }
    return matches.size() == 1 ? out : out.dropDuplicates(id.toArray(new String[0]));
  }
}

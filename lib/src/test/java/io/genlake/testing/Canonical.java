package io.genlake.testing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Tables as sorted canonical rows, for comparing two computations of the same table: doubles rounded to 10
 * significant digits and to zero within 1e-12 (sums in another order differ in the last bits), maps sorted by key.
 */
public final class Canonical {
  private Canonical() {}

  /** Every row of {@code table}, canonical and sorted. */
  public static List<String> rows(Dataset<Row> table) {
    List<String> rows = new ArrayList<>();
    for (Row r : table.collectAsList()) {
      rows.add(of(r));
    }
    rows.sort(null);
    return rows;
  }

  /** The canonical text of a value (row, sequence, map, double or other). */
  public static String of(Object v) {
    if (v instanceof Row r) {
      List<String> cells = new ArrayList<>();
      for (int i = 0; i < r.length(); i++) {
        cells.add(of(r.get(i)));
      }
      return cells.toString();
    }
    if (v instanceof scala.collection.Seq<?> s) {
      List<String> items = new ArrayList<>();
      scala.collection.JavaConverters.seqAsJavaList(s).forEach(o -> items.add(of(o)));
      return items.toString();
    }
    if (v instanceof scala.collection.Map<?, ?> m) {
      Map<String, String> sorted = new TreeMap<>();
      scala.collection.JavaConverters.mapAsJavaMap(m).forEach((k, val) -> sorted.put(of(k), of(val)));
      return sorted.toString();
    }
    if (v instanceof Double d) {
      return d.isNaN() || d.isInfinite() ? d.toString() : Math.abs(d) < 1e-12 ? "0"
          : new BigDecimal(d).round(new MathContext(10)).stripTrailingZeros().toString();
    }
    return String.valueOf(v);
  }
}

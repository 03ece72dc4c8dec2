package io.genlake.cli;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/** RFC 4180 CSV lines for command output. */
final class Csv {
  private Csv() {}

  static List<String> cells(Row row) {
    List<String> out = new ArrayList<>(row.size());
    for (int i = 0; i < row.size(); i++) {
      Object v = row.get(i);
      out.add(v == null ? "" : v instanceof scala.collection.Seq || v instanceof scala.collection.Map
          ? v.toString() : String.valueOf(v));
    }
    return out;
  }

  static String line(List<String> cells) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      String c = cells.get(i);
      if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
        b.append('"').append(c.replace("\"", "\"\"")).append('"');
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}

package io.genlake.failure;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;

/**
 * Fixed-edge buckets of a numeric parameter, labelled {@code <4}, {@code 4-6}, …, {@code >=10}: lower edge
 * inclusive, upper exclusive. The same edges give the plain-Java label ({@link #label(double)}) and the Spark
 * expression ({@link #label(Column)}), so the bucketing rule exists once.
 */
final class Buckets {
  private final List<Double> edges;
  private final List<String> labels;

  Buckets(List<Double> edges) {
    this.edges = List.copyOf(edges);
    DecimalFormat f = new DecimalFormat("0.##", DecimalFormatSymbols.getInstance(Locale.ROOT));
    List<String> out = new ArrayList<>();
    out.add("<" + f.format(edges.get(0)));
    for (int i = 1; i < edges.size(); i++) {
      out.add(f.format(edges.get(i - 1)) + "-" + f.format(edges.get(i)));
    }
    out.add(">=" + f.format(edges.get(edges.size() - 1)));
    this.labels = List.copyOf(out);
  }

  /** Every label, lowest bucket first. */
  List<String> labels() {
    return labels;
  }

  String label(double value) {
    for (int i = 0; i < edges.size(); i++) {
      if (value < edges.get(i)) {
        return labels.get(i);
      }
    }
    return labels.get(labels.size() - 1);
  }

  /** The bucket's position (0 = lowest) as a Spark expression; null stays null. */
  Column index(Column value) {
    Column expr = when(value.isNull(), lit(null));
    for (int i = 0; i < edges.size(); i++) {
      expr = expr.when(value.lt(edges.get(i)), lit(i));
    }
    return expr.otherwise(lit(edges.size()));
  }

  /** The label as a Spark expression; null stays null. */
  Column label(Column value) {
    Column expr = when(value.isNull(), lit(null));
    for (int i = 0; i < edges.size(); i++) {
      expr = expr.when(value.lt(edges.get(i)), lit(labels.get(i)));
    }
    return expr.otherwise(lit(labels.get(labels.size() - 1)));
  }
}

package io.genlake.preference;

import static io.genlake.table.GoldPreferencePairStats.DECAYED_REJECTED;
import static io.genlake.table.GoldPreferencePairStats.DECAYED_SELECTED;
import static io.genlake.table.GoldPreferencePairStats.KEY;
import static io.genlake.table.GoldPreferencePairStats.LAST_EVENT_AT;
import static io.genlake.table.GoldPreferencePairStats.REJECTED;
import static io.genlake.table.GoldPreferencePairStats.SELECTED;
import static io.genlake.table.GoldPreferencePairStats.TOTAL;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unix_micros;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Merges stored pair sums with new ones ({@link Decay}'s merge, as Spark columns): counts add up, decayed sums are
 * carried to the later of the two newest events and added ({@link #mergeFrames}: an import into existing statistics;
 * {@link #factor} is also the carry of {@link PairTables}' fold).
 */
final class PairMerge {
  private static final String OLD = "t";
  private static final String NEW = "s";

  private PairMerge() {}

  /** The column values of a pair merged from the rows aliased {@code a} and {@code b} (both present). */
  private static Map<String, Column> merged(String a, String b, Decay decay) {
    Column lastA = col(a + "." + LAST_EVENT_AT);
    Column lastB = col(b + "." + LAST_EVENT_AT);
    Column last = greatest(lastA, lastB);
    Column factorA = factor(lastA, last, decay);
    Column factorB = factor(lastB, last, decay);
    Map<String, Column> out = new LinkedHashMap<>();
    out.put(SELECTED, col(a + "." + SELECTED).plus(col(b + "." + SELECTED)));
    out.put(REJECTED, col(a + "." + REJECTED).plus(col(b + "." + REJECTED)));
    out.put(TOTAL, col(a + "." + TOTAL).plus(col(b + "." + TOTAL)));
    out.put(DECAYED_SELECTED, col(a + "." + DECAYED_SELECTED).multiply(factorA)
        .plus(col(b + "." + DECAYED_SELECTED).multiply(factorB)));
    out.put(DECAYED_REJECTED, col(a + "." + DECAYED_REJECTED).multiply(factorA)
        .plus(col(b + "." + DECAYED_REJECTED).multiply(factorB)));
    out.put(LAST_EVENT_AT, last);
    return out;
  }

  /** exp(-(to - from) / tau) in Spark SQL, the same arithmetic as {@link Decay#factor}. */
  static Column factor(Column from, Column to, Decay decay) {
    return exp(unix_micros(to).minus(unix_micros(from)).cast("double").divide(lit(Decay.MICROS_PER_DAY))
        .divide(lit(decay.timeConstantDays())).unary_$minus());
  }

  /**
   * Two sets of stored pair rows (at most one row per key each) merged into one (import): a full outer join on the
   * key. Cost: one shuffle of both.
   */
  static Dataset<Row> mergeFrames(Dataset<Row> a, Dataset<Row> b, Decay decay) {
    Column on = null;
    for (String k : KEY) {
      Column eq = col(OLD + "." + k).equalTo(col(NEW + "." + k));
      on = on == null ? eq : on.and(eq);
    }
    Map<String, Column> both = merged(OLD, NEW, decay);
    Column inA = col(OLD + "." + KEY.get(0)).isNotNull();
    Column inB = col(NEW + "." + KEY.get(0)).isNotNull();
    List<Column> out = new ArrayList<>();
    for (String k : KEY) {
      out.add(coalesce(col(OLD + "." + k), col(NEW + "." + k)).as(k));
    }
    for (Map.Entry<String, Column> e : both.entrySet()) {
      String c = e.getKey();
      out.add(org.apache.spark.sql.functions.when(inA.and(inB), e.getValue())
          .when(inA, col(OLD + "." + c)).otherwise(col(NEW + "." + c)).as(c));
    }
    return a.as(OLD).join(b.as(NEW), on, "full_outer").select(out.toArray(Column[]::new));
  }
}

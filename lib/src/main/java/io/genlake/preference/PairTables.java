package io.genlake.preference;

import static io.genlake.table.GoldPreferencePairStats.DECAYED_REJECTED;
import static io.genlake.table.GoldPreferencePairStats.DECAYED_SELECTED;
import static io.genlake.table.GoldPreferencePairStats.KEY;
import static io.genlake.table.GoldPreferencePairStats.LAST_EVENT_AT;
import static io.genlake.table.GoldPreferencePairStats.REJECTED;
import static io.genlake.table.GoldPreferencePairStats.SELECTED;
import static io.genlake.table.GoldPreferencePairStats.TOTAL;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_micros;

import io.genlake.table.GoldPreferencePairIncrements;
import io.genlake.table.GoldPreferencePairStats;
import io.genlake.warehouse.Warehouse;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The log-structured pair statistics: the base {@code gold.preference_pair_stats} (as of the last fold) and the rows
 * incremental runs appended to {@code gold.preference_pair_increments} since. Pair sums form a monoid ({@link Decay}'s
 * merge), so the current statistics are both folded per key: counts added, {@code last_event_at} the newest, each
 * decayed sum carried to it and added. Every reader of the statistics goes through {@link #current}; the nightly
 * update appends ({@link #append}: no read of the base) or folds ({@link #replace}).
 */
final class PairTables {
  private static final String NEWEST = "_newest";
  private static final String FACTOR = "_factor";

  private PairTables() {}

  /**
   * The current pair statistics ({@link GoldPreferencePairStats#SCHEMA}): the base when there is no increment row
   * (Delta log only), else base and increments folded ({@link #fold}). The base must exist.
   */
  static Dataset<Row> current(Warehouse w, Decay decay) {
    Dataset<Row> base = w.read(GoldPreferencePairStats.TABLE);
    return w.hasData(GoldPreferencePairIncrements.TABLE)
        ? fold(base, w.read(GoldPreferencePairIncrements.TABLE), decay) : stored(base);
  }

  /**
   * {@link #current(Warehouse, Decay)} of given frames (e.g. read at pinned versions): {@code base} alone when
   * {@code increments} is absent or empty (a job reading at most one of its rows), else both folded.
   */
  static Dataset<Row> current(Dataset<Row> base, Optional<Dataset<Row>> increments, Decay decay) {
    return increments.isEmpty() || increments.get().isEmpty() ? stored(base) : fold(base, increments.get(), decay);
  }

  /**
   * Base and increments (and any further rows of the stored columns) folded per key: one shuffle on the key (a window
   * for each key's newest event, then the sums on the same partitioning) and a sort within partitions.
   */
  static Dataset<Row> fold(Dataset<Row> base, Dataset<Row> increments, Decay decay) {
    WindowSpec byKey = Window.partitionBy(KEY.stream().map(c -> col(c)).toArray(Column[]::new));
    Dataset<Row> carried = stored(base).unionByName(stored(increments))
        .withColumn(NEWEST, max(col(LAST_EVENT_AT)).over(byKey))
        .withColumn(FACTOR, factor(col(LAST_EVENT_AT), col(NEWEST), decay));
    return carried.groupBy(KEY.stream().map(c -> col(c)).toArray(Column[]::new)).agg(
        sum(col(SELECTED)).as(SELECTED),
        sum(col(REJECTED)).as(REJECTED),
        sum(col(TOTAL)).as(TOTAL),
        sum(col(DECAYED_SELECTED).multiply(col(FACTOR))).as(DECAYED_SELECTED),
        sum(col(DECAYED_REJECTED).multiply(col(FACTOR))).as(DECAYED_REJECTED),
        max(col(LAST_EVENT_AT)).as(LAST_EVENT_AT));
  }

  /** exp(-(to - from) / tau) in Spark SQL, the same arithmetic as {@link Decay#factor}. */
  static Column factor(Column from, Column to, Decay decay) {
    return exp(unix_micros(to).minus(unix_micros(from)).cast("double").divide(lit(Decay.MICROS_PER_DAY))
        .divide(lit(decay.timeConstantDays())).unary_$minus());
  }

  /** The stored pair columns of {@code rows}, in the contract's order. */
  static Dataset<Row> stored(Dataset<Row> rows) {
    return rows.select(
        Arrays.stream(GoldPreferencePairStats.SCHEMA.fieldNames()).map(c -> col(c)).toArray(Column[]::new));
  }

  /**
   * Appends a run's new pair rows (one per key) to the increments: one append commit, no read of the base. Returns
   * the rows appended (from the commit's metrics: no count job).
   */
  static long append(Warehouse w, Dataset<Row> fresh, String runId) {
    w.append(GoldPreferencePairIncrements.TABLE, stored(fresh).withColumn(GoldPreferencePairIncrements.RUN_ID,
        lit(runId)));
    return w.lastCommitMetric(GoldPreferencePairIncrements.TABLE, "numOutputRows");
  }

  /**
   * Makes {@code pairs} (one row per key) the whole statistics: overwrites the base with them, then the increments
   * with no rows (two commits; the increments' earlier rows stay in its Delta history). Returns the base's rows (from
   * the commit's metrics). Used by a full recompute, a fold and an import.
   */
  static long replace(Warehouse w, Dataset<Row> pairs) {
    long rows = w.overwriteCounted(GoldPreferencePairStats.TABLE, stored(pairs));
    w.overwrite(GoldPreferencePairIncrements.TABLE,
        w.spark().createDataFrame(List.of(), GoldPreferencePairIncrements.SCHEMA));
    return rows;
  }

  /** The pair rows after a night's write: the base's and the increments', and whether the night folded. */
  record Rows(long base, long increments, long written, boolean folded) {}

  /**
   * Adds a night's new pair rows ({@code fresh}, one per key, {@code freshRows} of them) to statistics of
   * {@code baseRows} base and {@code incrementRows} increment rows: appended to the increments ({@link #append}), or,
   * when the increments would reach {@code foldShare} of the base's rows, folded with base and increments into a new
   * base ({@link #replace}: one shuffle and a rewrite of the base).
   */
  static Rows add(Warehouse w, Dataset<Row> fresh, long freshRows, long baseRows, long incrementRows, double foldShare,
      Decay decay, String runId) {
    if (incrementRows + freshRows < foldShare * baseRows) {
      long appended = append(w, fresh, runId);
      return new Rows(baseRows, incrementRows + appended, appended, false);
    }
    long rows = replace(w, currentWith(w, fresh, decay));
    return new Rows(rows, 0, rows, true);
  }

  /**
   * The current statistics with {@code more} rows of the stored columns (a night's new pairs, an imported file's)
   * folded in: base, increments and {@code more} in one {@link #fold}. The base must exist.
   */
  static Dataset<Row> currentWith(Warehouse w, Dataset<Row> more, Decay decay) {
    Dataset<Row> pending = w.hasData(GoldPreferencePairIncrements.TABLE)
        ? stored(w.read(GoldPreferencePairIncrements.TABLE)).unionByName(stored(more)) : more;
    return fold(w.read(GoldPreferencePairStats.TABLE), pending, decay);
  }

  /**
   * A token of the statistics' Delta versions (base and increments), -1 when the base does not exist: equal tokens,
   * same statistics. The base's version in the high 32 bits, the increments' version + 1 (0: no such table) in the
   * low ones. Delta log only.
   */
  static long token(Warehouse w) {
    Optional<Long> base = w.version(GoldPreferencePairStats.TABLE);
    if (base.isEmpty()) {
      return -1;
    }
    long increments = w.version(GoldPreferencePairIncrements.TABLE).map(v -> v + 1).orElse(0L);
    return (base.get() << 32) | (increments & 0xffff_ffffL);
  }
}

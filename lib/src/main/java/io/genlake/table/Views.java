package io.genlake.table;

import io.genlake.warehouse.TableId;
import io.genlake.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * SQL views over the warehouse tables, registered in the session catalog beside them so that {@code genlake sql}
 * and notebooks can name them like tables. Defined from the tables' column constants only (no data values).
 *
 * <ul>
 *   <li>{@code silver.block_fit_ratings_latest}: the latest rating per user and role of every block-image pair
 *       ({@link SilverBlockFitRatings#latestPerUserAndRole}): every rating is its own row in
 *       {@code silver.block_fit_ratings}, a re-rating adds one; this view keeps the latest by created_at (ties: the
 *       greater rating_key), what calibration and the enrichment's rating averages count.</li>
 *   <li>{@code gold.preference_pair_stats_current}: the current preference pair statistics, the base
 *       {@code gold.preference_pair_stats} (as of the last fold) and {@code gold.preference_pair_increments} folded
 *       per key as {@code PreferenceLearning.pairStatistics} does: counts summed, {@code last_event_at} the newest,
 *       each decayed sum carried to it ({@code exp(-(newest - own) / tau)}) and summed, tau the time constant the sums
 *       were stored with (the latest {@code gold.preference_state} row). Without increments table: the base.</li>
 * </ul>
 */
public final class Views {
  /** The latest rating per user and role of each pair. */
  public static final TableId BLOCK_FIT_RATINGS_LATEST = TableId.silver("block_fit_ratings_latest");
  /** The current preference pair statistics: base and increments folded. */
  public static final TableId PREFERENCE_PAIR_STATS_CURRENT = TableId.gold("preference_pair_stats_current");

  private Views() {}

  /** Every view's name. */
  public static List<TableId> all() {
    return List.of(BLOCK_FIT_RATINGS_LATEST, PREFERENCE_PAIR_STATS_CURRENT);
  }

  /** Registers the views named in {@code sqlText} whose tables exist; returns those registered. */
  public static List<TableId> registerNamed(Warehouse w, String sqlText) {
    String lower = sqlText.toLowerCase(Locale.ROOT);
    List<TableId> out = new ArrayList<>();
    for (TableId v : all()) {
      if (lower.contains(v.name()) && register(w, v)) {
        out.add(v);
      }
    }
    return out;
  }

  /** Registers every view whose tables exist; returns those registered. */
  public static List<TableId> registerAll(Warehouse w) {
    List<TableId> out = new ArrayList<>();
    for (TableId v : all()) {
      if (register(w, v)) {
        out.add(v);
      }
    }
    return out;
  }

  private static boolean register(Warehouse w, TableId view) {
    if (view.equals(PREFERENCE_PAIR_STATS_CURRENT)) {
      return registerPairStatsCurrent(w);
    }
    if (!view.equals(BLOCK_FIT_RATINGS_LATEST) || !w.exists(SilverBlockFitRatings.TABLE)) {
      return false;
    }
    w.register(SilverBlockFitRatings.TABLE);
    String columns = Arrays.stream(SilverBlockFitRatings.SPEC.schema().fieldNames()).map(c -> "`" + c + "`")
        .collect(Collectors.joining(", "));
    String pair = String.join(", ", SilverBlockFitRatings.RATER_PAIR);
    w.spark().sql("CREATE OR REPLACE VIEW " + view.qualifiedName() + " AS SELECT " + columns + " FROM (SELECT *, "
        + "row_number() OVER (PARTITION BY " + pair + " ORDER BY " + SilverBlockFitRatings.CREATED_AT + " DESC, "
        + SilverBlockFitRatings.RATING_KEY + " DESC) AS _latest FROM " + SilverBlockFitRatings.TABLE.qualifiedName()
        + ") WHERE _latest = 1");
    return true;
  }

  /**
   * {@code gold.preference_pair_stats_current}: one window for each key's newest event and one aggregation over base
   * and increments; tau is read once per query from the latest state row (a scalar subquery).
   */
  private static boolean registerPairStatsCurrent(Warehouse w) {
    if (!w.exists(GoldPreferencePairStats.TABLE)) {
      return false;
    }
    w.register(GoldPreferencePairStats.TABLE);
    String stored = Arrays.stream(GoldPreferencePairStats.SCHEMA.fieldNames()).map(c -> "`" + c + "`")
        .collect(Collectors.joining(", "));
    String base = "SELECT " + stored + " FROM " + GoldPreferencePairStats.TABLE.qualifiedName();
    boolean folds = w.exists(GoldPreferencePairIncrements.TABLE) && w.exists(GoldPreferenceState.TABLE)
        && List.of(w.read(GoldPreferenceState.TABLE).columns()).contains(GoldPreferenceState.TIME_CONSTANT_DAYS);
    if (!folds) {
      w.spark().sql("CREATE OR REPLACE VIEW " + PREFERENCE_PAIR_STATS_CURRENT.qualifiedName() + " AS " + base);
      return true;
    }
    w.register(GoldPreferencePairIncrements.TABLE);
    w.register(GoldPreferenceState.TABLE);
    String key = String.join(", ", GoldPreferencePairStats.KEY);
    String last = GoldPreferencePairStats.LAST_EVENT_AT;
    String tau = "(SELECT max_by(" + GoldPreferenceState.TIME_CONSTANT_DAYS + ", " + GoldPreferenceState.WRITTEN_AT
        + ") FROM " + GoldPreferenceState.TABLE.qualifiedName() + ")";
    // exp(-(newest - own) / tau) in the arithmetic of PairTables.factor: microseconds to days, then / tau
    String factor = "EXP(-((CAST(unix_micros(_newest) - unix_micros(" + last + ") AS DOUBLE) / "
        + String.format(Locale.ROOT, "%.1fD", MICROS_PER_DAY) + ") / " + tau + "))";
    w.spark().sql("CREATE OR REPLACE VIEW " + PREFERENCE_PAIR_STATS_CURRENT.qualifiedName() + " AS SELECT " + key
        + ", sum(" + GoldPreferencePairStats.SELECTED + ") AS " + GoldPreferencePairStats.SELECTED
        + ", sum(" + GoldPreferencePairStats.REJECTED + ") AS " + GoldPreferencePairStats.REJECTED
        + ", sum(" + GoldPreferencePairStats.TOTAL + ") AS " + GoldPreferencePairStats.TOTAL
        + ", sum(" + GoldPreferencePairStats.DECAYED_SELECTED + " * _factor) AS "
        + GoldPreferencePairStats.DECAYED_SELECTED
        + ", sum(" + GoldPreferencePairStats.DECAYED_REJECTED + " * _factor) AS "
        + GoldPreferencePairStats.DECAYED_REJECTED
        + ", max(" + last + ") AS " + last
        + " FROM (SELECT *, " + factor + " AS _factor FROM (SELECT *, max(" + last + ") OVER (PARTITION BY " + key
        + ") AS _newest FROM (" + base + " UNION ALL SELECT " + stored + " FROM "
        + GoldPreferencePairIncrements.TABLE.qualifiedName() + "))) GROUP BY " + key);
    return true;
  }

  /** Microseconds per day (Decay.MICROS_PER_DAY of the preference package). */
  private static final double MICROS_PER_DAY = 86_400_000_000.0;
}

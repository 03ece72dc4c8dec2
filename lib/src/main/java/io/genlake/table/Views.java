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
 * </ul>
 */
public final class Views {
  /** The latest rating per user and role of each pair. */
  public static final TableId BLOCK_FIT_RATINGS_LATEST = TableId.silver("block_fit_ratings_latest");

  private Views() {}

  /** Every view's name. */
  public static List<TableId> all() {
    return List.of(BLOCK_FIT_RATINGS_LATEST);
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
}

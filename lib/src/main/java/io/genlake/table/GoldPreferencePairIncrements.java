package io.genlake.table;

import static io.genlake.table.Fields.required;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold.preference_pair_increments}: the pair statistics an incremental preference run added since the last
 * fold. The pair statistics are log-structured: {@code gold.preference_pair_stats} is the base as of the last fold,
 * and each incremental night with new events appends here its new events' pair rows (one row per key and night,
 * the columns of {@link GoldPreferencePairStats#SCHEMA}, then {@link #RUN_ID}) instead of rewriting the base. The
 * current statistics are the base and these rows folded per key (counts added, decayed sums carried to the newest
 * {@code last_event_at}; {@code PreferenceLearning.pairStatistics} in Java, the view
 * {@code gold.preference_pair_stats_current} in SQL). A fold (when the increments reach {@code preference.fold_share} of the base's rows, on every full
 * recompute and on import) overwrites the base with the folded pairs and this table with no rows; earlier rows stay
 * in the Delta history. A warehouse without this table has no increments.
 */
public final class GoldPreferencePairIncrements {
  public static final TableId TABLE = TableId.gold("preference_pair_increments");

  /** The preference run that appended the row (one append per run). */
  public static final String RUN_ID = "run_id";

  /** The pair columns of {@link GoldPreferencePairStats#SCHEMA}, in order, then {@link #RUN_ID}. */
  public static final StructType SCHEMA = schema();

  public static final TableSpec SPEC = TableSpec.simple(TABLE, SCHEMA);

  private GoldPreferencePairIncrements() {}

  private static StructType schema() {
    return Fields.schema(List.of(GoldPreferencePairStats.SCHEMA.fields()), List.of(required(RUN_ID, StringType)));
  }
}

package io.genlake.preference;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.genlake.table.GoldPreferencePairStats;
import java.time.Instant;
import java.util.Iterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Builds the {@link ServingSnapshot} from pair statistics: the (keyword, checkpoint) rows, collected to the driver. */
final class SnapshotBuilder {
  private SnapshotBuilder() {}

  /** Cost: one scan of the statistics; the keyword x checkpoint rows must fit the driver (they are served from memory). */
  static ServingSnapshot fromStats(Dataset<Row> stats, Instant asOf) {
    ServingSnapshot snap = new ServingSnapshot(asOf);
    Iterator<Row> rows = stats.where(col(GoldPreferencePairStats.KIND).equalTo(lit(GoldPreferencePairStats.KEYWORD_CHECKPOINT)))
        .select(GoldPreferencePairStats.USER_ID, GoldPreferencePairStats.ITEM_A, GoldPreferencePairStats.ITEM_B,
            GoldPreferencePairStats.SELECTED, GoldPreferencePairStats.REJECTED,
            GoldPreferencePairStats.DECAYED_SELECTED, GoldPreferencePairStats.DECAYED_REJECTED)
        .toLocalIterator();
    while (rows.hasNext()) {
      Row r = rows.next();
      PairCounts c = new PairCounts(r.getLong(3), r.getLong(4), r.getDouble(5), r.getDouble(6));
      if (GoldPreferencePairStats.GLOBAL.equals(r.getString(0))) {
        snap.putGlobal(r.getString(1), r.getString(2), c);
      } else {
        snap.putUser(r.getString(0), r.getString(1), r.getString(2), c);
      }
    }
    return snap;
  }
}

package io.genlake.preference;

import io.genlake.config.PreferenceConfig.DecayAnchor;
import io.genlake.table.GoldPreferencePairStats;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Stored pair statistics in their scored form ({@link GoldPreferencePairStats#SCORED}): each row's decayed sums read
 * at its scope's anchor (one multiplication), then the {@link Scores}. Cost: one aggregation of the checkpoint rows
 * for the anchors (collected: one value per scope) and a per-partition loop, no shuffle of the pairs.
 */
final class ScoredPairs {
  private ScoredPairs() {}

  static Dataset<Row> score(Dataset<Row> stats, Scores scores, Decay decay, DecayAnchor mode, Instant asOf) {
    Map<String, Long> anchors = SnapshotBuilder.anchors(stats, mode, asOf);
    long asOfMicros = PairStats.micros(asOf);
    MapPartitionsFunction<Row, Row> f = rows -> PairStats.each(rows, r -> {
      long anchor = anchors.getOrDefault(r.getString(0), asOfMicros);
      Timestamp last = r.getTimestamp(9);
      double factor = decay.factor(PairStats.micros(last.toInstant()), anchor);
      double dsel = r.getDouble(7) * factor;
      double drej = r.getDouble(8) * factor;
      double n = dsel + drej;
      return RowFactory.create(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getLong(4),
          r.getLong(5), r.getLong(6), dsel, drej, n, scores.seedScore(dsel, n), scores.betaMean(dsel, drej),
          scores.wilsonLower(dsel, n), Scores.confidence(n), scores.evidence(n).label(), PairStats.timestamp(anchor),
          last);
    });
    return stats.select(GoldPreferencePairStats.USER_ID, GoldPreferencePairStats.KIND, GoldPreferencePairStats.ITEM_A,
            GoldPreferencePairStats.ITEM_B, GoldPreferencePairStats.SELECTED, GoldPreferencePairStats.REJECTED,
            GoldPreferencePairStats.TOTAL, GoldPreferencePairStats.DECAYED_SELECTED,
            GoldPreferencePairStats.DECAYED_REJECTED, GoldPreferencePairStats.LAST_EVENT_AT)
        .mapPartitions(f, Encoders.row(GoldPreferencePairStats.SCORED));
  }
}

package io.genlake.preference;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import io.genlake.config.PreferenceConfig.DecayAnchor;
import io.genlake.table.GoldParameterStats;
import io.genlake.table.GoldPreferencePairStats;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Builds the {@link ServingSnapshot} from stored pair statistics: every scope's anchor (its newest event, or the end
 * of the run date), then the rows {@code recommend} reads, each decayed to its scope's anchor: (keyword, checkpoint)
 * shared and per user, the shared checkpoint totals, (keyword, LoRA) and (checkpoint, LoRA), and the parameter
 * statistics. Cost: one aggregation of the checkpoint rows for the anchors, one scan of the statistics streamed to
 * the driver (the rows must fit the driver: they are served from one file).
 */
final class SnapshotBuilder {
  private SnapshotBuilder() {}

  /** The anchor of every scope ({@code *} for the shared pool) in microseconds. */
  static Map<String, Long> anchors(Dataset<Row> stats, DecayAnchor mode, Instant asOf) {
    Map<String, Long> out = new HashMap<>();
    if (mode == DecayAnchor.RUN_DATE) {
      return out;
    }
    for (Row r : stats.where(col(GoldPreferencePairStats.KIND).equalTo(lit(GoldPreferencePairStats.CHECKPOINT)))
        .groupBy(col(GoldPreferencePairStats.USER_ID)).agg(max(col(GoldPreferencePairStats.LAST_EVENT_AT)))
        .collectAsList()) {
      out.put(r.getString(0), PairStats.micros(r.getTimestamp(1).toInstant()));
    }
    return out;
  }

  /**
   * The snapshot of {@code stats} (stored pair rows) and {@code parameters} ({@code gold.parameter_stats} rows, or
   * empty), decayed with {@code decay} to each scope's anchor; {@code asOf} is the end of the run date (the anchor of
   * every scope in run-date mode, the latest possible one in data mode).
   */
  static ServingSnapshot build(Dataset<Row> stats, Dataset<Row> parameters, Decay decay, DecayAnchor mode,
      Instant asOf) {
    Map<String, Long> anchors = anchors(stats, mode, asOf);
    long asOfMicros = PairStats.micros(asOf);
    SnapshotData data = new SnapshotData(asOf, decay.timeConstantDays(), mode.label());
    data.globalAnchorMicros = anchors.getOrDefault(GoldPreferencePairStats.GLOBAL, asOfMicros);
    Column global = col(GoldPreferencePairStats.USER_ID).equalTo(lit(GoldPreferencePairStats.GLOBAL));
    Column kind = col(GoldPreferencePairStats.KIND);
    Column served = kind.equalTo(lit(GoldPreferencePairStats.KEYWORD_CHECKPOINT))
        .or(global.and(kind.isin(GoldPreferencePairStats.CHECKPOINT, GoldPreferencePairStats.KEYWORD_LORA,
            GoldPreferencePairStats.CHECKPOINT_LORA)));
    Iterator<Row> rows = stats.where(served).select(GoldPreferencePairStats.USER_ID, GoldPreferencePairStats.KIND,
        GoldPreferencePairStats.ITEM_A, GoldPreferencePairStats.ITEM_B, GoldPreferencePairStats.SELECTED,
        GoldPreferencePairStats.REJECTED, GoldPreferencePairStats.DECAYED_SELECTED,
        GoldPreferencePairStats.DECAYED_REJECTED, GoldPreferencePairStats.LAST_EVENT_AT).toLocalIterator();
    while (rows.hasNext()) {
      Row r = rows.next();
      String scope = r.getString(0);
      long anchor = anchors.getOrDefault(scope, asOfMicros);
      double f = decay.factor(PairStats.micros(r.getTimestamp(8).toInstant()), anchor);
      PairCounts c = new PairCounts(r.getLong(4), r.getLong(5), r.getDouble(6) * f, r.getDouble(7) * f);
      String a = r.getString(2);
      String b = r.getString(3);
      switch (r.getString(1)) {
        case GoldPreferencePairStats.KEYWORD_CHECKPOINT -> {
          if (scope.equals(GoldPreferencePairStats.GLOBAL)) {
            data.putGlobal(a, b, c);
          } else {
            data.putUser(scope, a, b, c);
            data.users.get(scope).anchorMicros = anchor;
          }
        }
        case GoldPreferencePairStats.CHECKPOINT -> data.putCheckpoint(a, c);
        case GoldPreferencePairStats.KEYWORD_LORA -> data.putKeywordLora(a, b, c);
        default -> data.putCheckpointLora(a, b, c);
      }
    }
    for (Row p : parameters.collectAsList()) {
      data.putParameter(p.getAs(GoldParameterStats.CONTEXT_KIND), p.getAs(GoldParameterStats.CONTEXT),
          new ParameterStat(p.getAs(GoldParameterStats.PARAMETER), p.getAs(GoldParameterStats.VALUE), new ValueStats(
              p.<Long>getAs(GoldParameterStats.SELECTED), nan(p, GoldParameterStats.SELECTED_MEAN),
              nan(p, GoldParameterStats.SELECTED_VARIANCE), p.<Long>getAs(GoldParameterStats.REJECTED),
              nan(p, GoldParameterStats.REJECTED_MEAN), nan(p, GoldParameterStats.REJECTED_VARIANCE))));
    }
    return data.build();
  }

  private static double nan(Row r, String column) {
    int i = r.fieldIndex(column);
    return r.isNullAt(i) ? Double.NaN : r.getDouble(i);
  }
}

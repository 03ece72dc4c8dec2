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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Builds the {@link ServingSnapshot}: in full from the stored pair statistics (one scan of the rows it serves,
 * streamed to the driver), or, on an incremental night, by merging the night's new pairs into the previous snapshot
 * (read from its file: no scan of the statistics). Either way the pairs keep their stored form and each scope gets its
 * anchor: its newest event ({@code decay_anchor: data}) or the end of the run date. The parameter statistics (a
 * small table) are given as rows. The rows must fit the driver: they are served from one file.
 */
final class SnapshotBuilder {
  private SnapshotBuilder() {}

  /** The anchor of every scope ({@code *} for the shared pool) in microseconds; empty in run-date mode. */
  static Map<String, Long> anchors(Dataset<Row> stats, DecayAnchor mode, Instant asOf) {
    Map<String, Long> out = new HashMap<>();
    if (mode == DecayAnchor.RUN_DATE) {
      return out;
    }
    for (Row r : stats.where(col(GoldPreferencePairStats.KIND).equalTo(lit(GoldPreferencePairStats.CHECKPOINT)))
        .groupBy(col(GoldPreferencePairStats.USER_ID)).agg(max(col(GoldPreferencePairStats.LAST_EVENT_AT)))
        .collectAsList()) {
      out.put(r.getString(0), Decay.micros(r.getTimestamp(1).toInstant()));
    }
    return out;
  }

  /** The rows a snapshot serves: keyword x checkpoint and checkpoint rows of every scope, shared LoRA pairs. */
  static Dataset<Row> served(Dataset<Row> stats) {
    Column global = col(GoldPreferencePairStats.USER_ID).equalTo(lit(GoldPreferencePairStats.GLOBAL));
    Column kind = col(GoldPreferencePairStats.KIND);
    return stats.where(kind.isin(GoldPreferencePairStats.KEYWORD_CHECKPOINT, GoldPreferencePairStats.CHECKPOINT)
            .or(global.and(kind.isin(GoldPreferencePairStats.KEYWORD_LORA, GoldPreferencePairStats.CHECKPOINT_LORA))))
        .select(GoldPreferencePairStats.USER_ID, GoldPreferencePairStats.KIND, GoldPreferencePairStats.ITEM_A,
            GoldPreferencePairStats.ITEM_B, GoldPreferencePairStats.SELECTED, GoldPreferencePairStats.REJECTED,
            GoldPreferencePairStats.DECAYED_SELECTED, GoldPreferencePairStats.DECAYED_REJECTED,
            GoldPreferencePairStats.LAST_EVENT_AT);
  }

  /**
   * The snapshot of {@code stats} (stored pair rows) and {@code parameters} (the rows of {@code gold.parameter_stats},
   * none when it is empty), as of {@code asOf} (the end of the run date), for statistics whose version token
   * ({@link PairTables#token}) is {@code statsToken}. Cost: one scan of the served rows.
   */
  static ServingSnapshot build(Dataset<Row> stats, List<Row> parameters, Decay decay, DecayAnchor mode,
      Instant asOf, long statsToken) {
    SnapshotData data = new SnapshotData(asOf, decay.timeConstantDays(), mode.label());
    data.statsVersion = statsToken;
    apply(data, served(stats).toLocalIterator(), decay, false);
    return finish(data, parameters, mode, asOf);
  }

  /**
   * The previous snapshot with {@code fresh} (the night's new pairs, rows of {@link #served}) merged in, when it is
   * the snapshot of the statistics of version token {@code previousToken} with the same decay and anchor mode; else
   * empty (build it in full). Cost: reading the previous file and writing the new one, no Spark job.
   */
  static Optional<ServingSnapshot> update(ServingSnapshot previous, List<Row> fresh, List<Row> parameters,
      Decay decay, DecayAnchor mode, Instant asOf, long previousToken, long statsToken) {
    if (previous.statsVersion() != previousToken || previous.timeConstantDays() != decay.timeConstantDays()
        || !previous.anchorMode().equals(mode.label())) {
      return Optional.empty();
    }
    SnapshotData data = new SnapshotData(asOf, decay.timeConstantDays(), mode.label());
    previous.loadInto(data);
    data.statsVersion = statsToken;
    apply(data, fresh.iterator(), decay, true);
    return Optional.of(finish(data, parameters, mode, asOf));
  }

  /** Puts (or, with {@code merge}, merges) served rows into {@code data}, raising the scopes' anchors to their rows. */
  private static void apply(SnapshotData data, Iterator<Row> rows, Decay decay, boolean merge) {
    while (rows.hasNext()) {
      Row r = rows.next();
      String scope = r.getString(0);
      boolean global = scope.equals(GoldPreferencePairStats.GLOBAL);
      long last = Decay.micros(r.getTimestamp(8).toInstant());
      SnapshotData.Stored s = new SnapshotData.Stored(r.getLong(4), r.getLong(5), r.getDouble(6), r.getDouble(7), last);
      String a = r.getString(2);
      String b = r.getString(3);
      Map<String, SnapshotData.Stored> target = switch (r.getString(1)) {
        case GoldPreferencePairStats.KEYWORD_CHECKPOINT -> global
            ? data.keywords.computeIfAbsent(a, k -> new SnapshotData.Context()).checkpoints
            : data.users.computeIfAbsent(scope, u -> new SnapshotData.User()).keywords.computeIfAbsent(a,
                k -> new HashMap<>());
        case GoldPreferencePairStats.CHECKPOINT -> global ? data.checkpointTotals : null;
        case GoldPreferencePairStats.KEYWORD_LORA -> data.keywords.computeIfAbsent(a, k -> new SnapshotData.Context()).loras;
        default -> data.checkpoints.computeIfAbsent(a, k -> new SnapshotData.Context()).loras;
      };
      if (r.getString(1).equals(GoldPreferencePairStats.CHECKPOINT)) {
        if (global) {
          data.globalAnchorMicros = Math.max(data.globalAnchorMicros, last);
        } else {
          SnapshotData.User u = data.users.computeIfAbsent(scope, x -> new SnapshotData.User());
          u.anchorMicros = Math.max(u.anchorMicros, last);
        }
      }
      if (target != null) {
        // keyed by the checkpoint (ranking pairs, totals) or the LoRA
        String key = r.getString(1).equals(GoldPreferencePairStats.CHECKPOINT) ? a : b;
        target.merge(key, s, merge ? (x, y) -> x.merge(y, decay) : (x, y) -> y);
      }
    }
  }

  /** Sets the anchors of run-date mode (and of scopes without an event), puts the parameters, lays the file out. */
  private static ServingSnapshot finish(SnapshotData data, List<Row> parameters, DecayAnchor mode, Instant asOf) {
    long asOfMicros = Decay.micros(asOf);
    if (mode == DecayAnchor.RUN_DATE || data.globalAnchorMicros == SnapshotData.NO_TIME) {
      data.globalAnchorMicros = asOfMicros;
    }
    for (SnapshotData.User u : data.users.values()) {
      if (mode == DecayAnchor.RUN_DATE || u.anchorMicros == SnapshotData.NO_TIME) {
        u.anchorMicros = asOfMicros;
      }
    }
    data.clearParameters();
    for (Row p : parameters) {
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

package io.genlake.preference;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.genlake.table.Fields;
import io.genlake.table.GoldPreferenceEvaluation;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Offline evaluation by time-split replay: statistics from the events created up to the cutoff (the
 * {@code 1 - holdout} quantile of event time), then every later selection is replayed: the context-aware
 * recommendation and the global-popularity baseline (most selected checkpoint overall) each pick among the
 * checkpoints seen in training; a hit is picking what the user picked. Cost: one pair-statistics build on
 * the training events, one pass over the held-out events with the snapshot broadcast.
 */
final class Evaluation {
  private static final StructType HITS = Fields.schema(
      Fields.required("context_hit", DataTypes.LongType),
      Fields.required("popular_hit", DataTypes.LongType),
      Fields.required("random_hit", DataTypes.DoubleType));

  private Evaluation() {}

  /** The evaluation rows (one per method), or empty when there are too few events to split. */
  static Optional<Dataset<Row>> evaluate(SparkSession spark, Dataset<Row> events, PreferenceSettings s, String runId) {
    long n = events.count();
    if (n < 10) {
      return Optional.empty();
    }
    double[] q = events.select(col(PreferenceEvents.CREATED_AT).cast(DataTypes.DoubleType).as("t"))
        .stat().approxQuantile("t", new double[] {1 - s.config().evaluationHoldoutShare()}, 0.0);
    Instant cutoff = Instant.ofEpochMilli(Math.round(q[0] * 1000));
    Dataset<Row> train = events.where(col(PreferenceEvents.CREATED_AT).leq(lit(Timestamp.from(cutoff))));
    Dataset<Row> test = events.where(col(PreferenceEvents.CREATED_AT).gt(lit(Timestamp.from(cutoff)))
        .and(col(PreferenceEvents.SELECTED)));
    long trainEvents = train.count();
    // the snapshot holds keyword x checkpoint counts only: the other pair kinds and the scores are not built
    Dataset<Row> stats = PairStats.aggregate(
        PairStats.prepare(train, s.extractor(), cutoff, s.config().decayDays()), true);
    ServingSnapshot snap = SnapshotBuilder.fromStats(stats, cutoff);
    List<String> candidates = snap.checkpointsByPopularity();
    if (candidates.size() < 2) {
      return Optional.empty();
    }
    Broadcast<ServingSnapshot> b = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(snap);
    Recommender recommender = s.recommender(false);
    KeywordExtractor extractor = s.extractor();
    String popular = candidates.get(0);
    double randomHit = 1.0 / candidates.size();
    MapFunction<Row, Row> replay = r -> {
      String picked = r.getString(1);
      Optional<String> user = Optional.ofNullable(r.getString(0));
      List<String> keywords = extractor.keywords(r.getString(2));
      String rec = recommender.recommend(b.value(), keywords, candidates, user, 0).recommended();
      boolean known = candidates.contains(picked);
      return RowFactory.create(rec.equals(picked) ? 1L : 0L, popular.equals(picked) ? 1L : 0L, known ? randomHit : 0.0);
    };
    Row totals = test.select(col(PreferenceEvents.USER_ID), col(PreferenceEvents.CHECKPOINT), col(PreferenceEvents.PROMPT))
        .map(replay, Encoders.row(HITS))
        .agg(sum("context_hit"), sum("popular_hit"), sum("random_hit"), org.apache.spark.sql.functions.count(lit(1)))
        .first();
    long tested = totals.getLong(3);
    if (tested == 0) {
      return Optional.empty();
    }
    Timestamp cut = Timestamp.from(cutoff);
    double random = totals.getDouble(2) / tested;
    List<Row> rows = new ArrayList<>();
    rows.add(RowFactory.create(runId, cut, GoldPreferenceEvaluation.CONTEXT_AWARE, trainEvents, tested,
        totals.getLong(0), totals.getLong(0) / (double) tested, random));
    rows.add(RowFactory.create(runId, cut, GoldPreferenceEvaluation.GLOBAL_POPULARITY, trainEvents, tested,
        totals.getLong(1), totals.getLong(1) / (double) tested, random));
    return Optional.of(spark.createDataFrame(rows, GoldPreferenceEvaluation.SCHEMA));
  }
}

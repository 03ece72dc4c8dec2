package io.genlake.preference;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.genlake.config.PreferenceConfig.Ranking;
import io.genlake.table.Fields;
import io.genlake.table.GoldPreferenceEvaluation;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Offline evaluation by time-split replay (Li et al.'s replay method): statistics from the events created up to the
 * cutoff (the {@code 1 - holdout} quantile of event time), decayed and anchored as the nightly statistics are; then
 * every later event is replayed. Each method chooses a checkpoint among those seen in training for the event's
 * prompt (and user); when the choice is the event's checkpoint the event counts for the method, and its hit rate is
 * the share of those events that were selected: an estimate of how often people would select what the method
 * recommends. Methods: global popularity (the most selected checkpoint), per-keyword popularity (the most selected
 * for the prompt's keywords), the seed's Bayesian average, the Beta posterior mean, Thompson sampling, and the
 * keyword lift (each checkpoint's overall score moved by its keywords' log-odds lifts). Cost: one
 * pair-statistics build on the training events (ranking pairs only), one pass over the held-out events with the
 * training snapshot broadcast, and a bootstrap on the driver over outcome counts ({@link ReplayBootstrap}).
 */
final class Evaluation {
  private static final StructType CODES = Fields.schema(Fields.required("code", DataTypes.IntegerType));
  private static final List<Ranking> MODELS = List.of(Ranking.SEED, Ranking.BETA, Ranking.THOMPSON, Ranking.LIFT);
  private static final long BOOTSTRAP_SEED = 42;

  private Evaluation() {}

  /** The evaluation rows (one per method), or empty when there are too few events to split. */
  static Optional<Dataset<Row>> evaluate(SparkSession spark, Dataset<Row> events, PreferenceSettings s, String runId,
      long eventsTotal) {
    long n = events.count();
    if (n < 10) {
      return Optional.empty();
    }
    double[] q = events.select(col(PreferenceEvents.CREATED_AT).cast(DataTypes.DoubleType).as("t"))
        .stat().approxQuantile("t", new double[] {1 - s.config().evaluationHoldoutShare()}, 0.0);
    Instant cutoff = Instant.ofEpochMilli(Math.round(q[0] * 1000));
    Dataset<Row> train = events.where(col(PreferenceEvents.CREATED_AT).leq(lit(Timestamp.from(cutoff))));
    Dataset<Row> test = events.where(col(PreferenceEvents.CREATED_AT).gt(lit(Timestamp.from(cutoff))));
    long trainEvents = train.count();
    Dataset<Row> stats = PairStats.aggregate(PairStats.prepare(train, s.extractor()), s.decay(), true);
    ServingSnapshot snap = SnapshotBuilder.build(stats, List.of(),
        s.decay(), s.config().decayAnchor(), cutoff, -1);
    List<String> candidates = snap.checkpointsByPopularity();
    if (candidates.size() < 2) {
      return Optional.empty();
    }
    Broadcast<ServingSnapshot> b = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(snap);
    List<Recommender> models = new ArrayList<>();
    for (Ranking r : MODELS) {
      // one Thompson draw is the choice; the choice probabilities are not needed
      models.add(new Recommender(s.scores(), new Recommender.Policy(s.config().exploitConfidence(),
          s.config().exploreConfidence(), s.config().exploreCount(), r == Ranking.THOMPSON, 1, r)));
    }
    KeywordExtractor extractor = s.extractor();
    MapFunction<Row, Row> replay = r -> {
      ServingSnapshot st = b.value();
      Optional<String> user = Optional.ofNullable(r.getString(0));
      String shown = r.getString(1);
      String prompt = r.getString(2);
      List<String> keywords = extractor.keywords(prompt);
      List<String> choices = new ArrayList<>();
      choices.add(candidates.get(0));
      choices.add(keywordPopularity(st, keywords, candidates));
      long seed = ((long) shown.hashCode() << 32) ^ (prompt == null ? 0 : prompt.hashCode()) ^ r.getTimestamp(4).getTime();
      for (Recommender m : models) {
        choices.add(m.recommend(st, keywords, candidates, user, seed).recommended());
      }
      int code = r.getBoolean(3) ? 1 : 0;
      for (int m = 0; m < choices.size(); m++) {
        code |= choices.get(m).equals(shown) ? 2 << m : 0;
      }
      return RowFactory.create(code);
    };
    Map<Integer, Long> counts = new HashMap<>();
    for (Row r : test.select(col(PreferenceEvents.USER_ID), col(PreferenceEvents.CHECKPOINT), col(PreferenceEvents.PROMPT),
            col(PreferenceEvents.SELECTED), col(PreferenceEvents.CREATED_AT))
        .map(replay, Encoders.row(CODES)).groupBy("code").count().collectAsList()) {
      counts.put(r.getInt(0), r.getLong(1));
    }
    long tested = counts.values().stream().mapToLong(Long::longValue).sum();
    if (tested == 0) {
      return Optional.empty();
    }
    long selections = counts.entrySet().stream().filter(e -> (e.getKey() & 1) != 0).mapToLong(Map.Entry::getValue).sum();
    ReplayBootstrap.Interval[] intervals = ReplayBootstrap.intervals(counts, GoldPreferenceEvaluation.METHODS.size(),
        s.config().evaluationBootstrap(), BOOTSTRAP_SEED);
    String chosen = switch (s.config().ranking()) {
      case SEED -> GoldPreferenceEvaluation.SEED_BAYESIAN;
      case BETA -> GoldPreferenceEvaluation.BETA_POSTERIOR;
      case THOMPSON -> GoldPreferenceEvaluation.THOMPSON_SAMPLING;
      case LIFT -> GoldPreferenceEvaluation.KEYWORD_LIFT;
    };
    Timestamp cut = Timestamp.from(cutoff);
    List<Row> rows = new ArrayList<>();
    for (int m = 0; m < intervals.length; m++) {
      ReplayBootstrap.Interval i = intervals[m];
      String method = GoldPreferenceEvaluation.METHODS.get(m);
      rows.add(RowFactory.create(runId, cut, method, method.equals(chosen), trainEvents, tested, i.matched(), i.hits(),
          i.hitRate(), i.low(), i.high(), i.diffLow(), i.diffHigh(), selections,
          selections == 0 ? Double.NaN : i.hits() / (double) selections, selections / (double) tested, eventsTotal));
    }
    return Optional.of(spark.createDataFrame(rows, GoldPreferenceEvaluation.SCHEMA));
  }

  /** The candidate most selected (decayed) with the prompt's keywords; global popularity when none has any. */
  static String keywordPopularity(Recommender.Stats stats, List<String> keywords, List<String> popularFirst) {
    String best = popularFirst.get(0);
    double bestSelected = 0;
    for (String c : popularFirst) {
      double selected = 0;
      for (String k : keywords) {
        selected += stats.global(k, c).decayedSelected();
      }
      if (selected > bestSelected) {
        best = c;
        bestSelected = selected;
      }
    }
    return best;
  }
}

package io.genlake.preference;

import static io.genlake.table.GoldPreferencePairStats.CHECKPOINT_LORA;
import static io.genlake.table.GoldPreferencePairStats.GLOBAL;
import static io.genlake.table.GoldPreferencePairStats.KEYWORD_CHECKPOINT;
import static io.genlake.table.GoldPreferencePairStats.KEYWORD_LORA;
import static io.genlake.table.GoldPreferencePairStats.KEYWORD_NEGATIVE;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.genlake.table.Fields;
import io.genlake.table.GoldPreferencePairStats;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Builds the pair statistics from unified events: a per-partition Java loop extracts keywords and the decay
 * weight; built-in generators emit one row per (scope, kind, a, b) with its raw and decayed contribution (scope:
 * the user, plus {@code *} when the user shares); one shuffle on the pair key sums them; a per-partition loop adds the {@link Scores}. The
 * incremental form decays yesterday's sums to today and adds today's new events: S_today = S_yesterday *
 * decay(dt) + new.
 */
final class PairStats {
  // prepared event columns
  static final String USER_ID = "user_id";
  static final String SHARE = "share";
  static final String CHECKPOINT = "checkpoint";
  static final String SELECTED = "selected";
  static final String WEIGHT = "weight";
  static final String KEYWORDS = "keywords";
  static final String NEGATIVES = "negatives";
  static final String LORAS = "loras";
  static final String STATUS = "prompt_status";

  static final StructType PREPARED = Fields.schema(
      Fields.optional(USER_ID, DataTypes.StringType),
      Fields.required(SHARE, DataTypes.BooleanType),
      Fields.required(CHECKPOINT, DataTypes.StringType),
      Fields.required(SELECTED, DataTypes.BooleanType),
      Fields.required(WEIGHT, DataTypes.DoubleType),
      Fields.required(KEYWORDS, Fields.STRINGS),
      Fields.required(NEGATIVES, Fields.STRINGS),
      Fields.required(LORAS, Fields.STRINGS),
      Fields.required(STATUS, DataTypes.StringType));

  /** The summed counts of a pair before scoring. */
  static final StructType COUNTS = Fields.schema(
      Fields.required(GoldPreferencePairStats.USER_ID, DataTypes.StringType),
      Fields.required(GoldPreferencePairStats.KIND, DataTypes.StringType),
      Fields.required(GoldPreferencePairStats.ITEM_A, DataTypes.StringType),
      Fields.required(GoldPreferencePairStats.ITEM_B, DataTypes.StringType),
      Fields.required(GoldPreferencePairStats.SELECTED, DataTypes.LongType),
      Fields.required(GoldPreferencePairStats.REJECTED, DataTypes.LongType),
      Fields.required(GoldPreferencePairStats.DECAYED_SELECTED, DataTypes.DoubleType),
      Fields.required(GoldPreferencePairStats.DECAYED_REJECTED, DataTypes.DoubleType));

  private PairStats() {}

  /**
   * Extracts each event's keywords, negative keywords and LoRAs and its decay weight at {@code asOf}. Expects
   * the unified event columns; one linear pass, no shuffle.
   */
  static Dataset<Row> prepare(Dataset<Row> events, KeywordExtractor extractor, Instant asOf, double decayDays) {
    long asOfMicros = micros(asOf);
    StructType in = events.schema();
    int user = in.fieldIndex(PreferenceEvents.USER_ID);
    int share = in.fieldIndex(PreferenceEvents.SHARE);
    int checkpoint = in.fieldIndex(PreferenceEvents.CHECKPOINT);
    int selected = in.fieldIndex(PreferenceEvents.SELECTED);
    int created = in.fieldIndex(PreferenceEvents.CREATED_AT);
    int prompt = in.fieldIndex(PreferenceEvents.PROMPT);
    int negative = in.fieldIndex(PreferenceEvents.NEGATIVE_PROMPT);
    int loras = in.fieldIndex(PreferenceEvents.LORAS);
    MapPartitionsFunction<Row, Row> f = rows -> new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Row next() {
        Row r = rows.next();
        List<String> eventLoras = r.isNullAt(loras) ? List.of() : r.getList(loras);
        KeywordExtractor.Features x = extractor.extract(
            r.isNullAt(prompt) ? null : r.getString(prompt), r.isNullAt(negative) ? null : r.getString(negative),
            eventLoras);
        double ageDays = (asOfMicros - micros(r.getTimestamp(created).toInstant())) / 86_400_000_000.0;
        return RowFactory.create(r.isNullAt(user) ? null : r.getString(user), r.getBoolean(share),
            r.getString(checkpoint), r.getBoolean(selected), Scores.decay(ageDays, decayDays),
            toSeq(x.keywords()), toSeq(x.negativeKeywords()), toSeq(x.loras()), x.status().label());
      }
    };
    return events.mapPartitions(f, Encoders.row(PREPARED));
  }

  /** Scopes of an event: its user (when known) and the global scope when the user shares. */
  private static final String SCOPES = "filter(array(" + USER_ID + ", CASE WHEN " + SHARE + " THEN '" + GLOBAL
      + "' END), s -> s IS NOT NULL)";
  /** Every (kind, a, b) pair of an event, built with higher-order functions (SQL text from constants only). */
  private static final String PAIRS = "concat("
      + "transform(" + KEYWORDS + ", k -> named_struct('kind', '" + KEYWORD_CHECKPOINT + "', 'a', k, 'b', " + CHECKPOINT + ")), "
      + "flatten(transform(" + KEYWORDS + ", k -> transform(" + LORAS + ", l -> named_struct('kind', '" + KEYWORD_LORA
      + "', 'a', k, 'b', l)))), "
      + "flatten(transform(" + KEYWORDS + ", k -> transform(" + NEGATIVES + ", n -> named_struct('kind', '"
      + KEYWORD_NEGATIVE + "', 'a', k, 'b', n)))), "
      + "transform(" + LORAS + ", l -> named_struct('kind', '" + CHECKPOINT_LORA + "', 'a', " + CHECKPOINT + ", 'b', l)))";

  /**
   * Explodes the prepared events into pair contributions (built-in generators, code-generated) and sums them
   * per (scope, kind, a, b): one shuffle on the pair key, with map-side partial aggregation.
   */
  static Dataset<Row> aggregate(Dataset<Row> prepared) {
    Column sel = col(SELECTED);
    Dataset<Row> pairs = prepared
        .select(explode(expr(SCOPES)).as(GoldPreferencePairStats.USER_ID), explode(expr(PAIRS)).as("p"),
            when(sel, 1L).otherwise(0L).as(GoldPreferencePairStats.SELECTED),
            when(sel, 0L).otherwise(1L).as(GoldPreferencePairStats.REJECTED),
            when(sel, col(WEIGHT)).otherwise(0.0).as(GoldPreferencePairStats.DECAYED_SELECTED),
            when(sel, 0.0).otherwise(col(WEIGHT)).as(GoldPreferencePairStats.DECAYED_REJECTED));
    return sumByKey(pairs.select(col(GoldPreferencePairStats.USER_ID),
        col("p.kind").as(GoldPreferencePairStats.KIND), col("p.a").as(GoldPreferencePairStats.ITEM_A),
        col("p.b").as(GoldPreferencePairStats.ITEM_B), col(GoldPreferencePairStats.SELECTED),
        col(GoldPreferencePairStats.REJECTED), col(GoldPreferencePairStats.DECAYED_SELECTED),
        col(GoldPreferencePairStats.DECAYED_REJECTED)));
  }

  /** Sums count columns per pair key (one shuffle). */
  static Dataset<Row> sumByKey(Dataset<Row> counts) {
    return counts.groupBy(col(GoldPreferencePairStats.USER_ID), col(GoldPreferencePairStats.KIND),
            col(GoldPreferencePairStats.ITEM_A), col(GoldPreferencePairStats.ITEM_B))
        .agg(sum(GoldPreferencePairStats.SELECTED).as(GoldPreferencePairStats.SELECTED),
            sum(GoldPreferencePairStats.REJECTED).as(GoldPreferencePairStats.REJECTED),
            sum(GoldPreferencePairStats.DECAYED_SELECTED).as(GoldPreferencePairStats.DECAYED_SELECTED),
            sum(GoldPreferencePairStats.DECAYED_REJECTED).as(GoldPreferencePairStats.DECAYED_REJECTED));
  }

  /** The count columns of stored statistics with their decayed sums carried from {@code from} to {@code to}. */
  static Dataset<Row> decayTo(Dataset<Row> stats, Instant from, Instant to, double decayDays) {
    double factor = Scores.decay((micros(to) - micros(from)) / 86_400_000_000.0, decayDays);
    return stats.select(col(GoldPreferencePairStats.USER_ID), col(GoldPreferencePairStats.KIND),
        col(GoldPreferencePairStats.ITEM_A), col(GoldPreferencePairStats.ITEM_B),
        col(GoldPreferencePairStats.SELECTED), col(GoldPreferencePairStats.REJECTED),
        col(GoldPreferencePairStats.DECAYED_SELECTED).multiply(lit(factor)).as(GoldPreferencePairStats.DECAYED_SELECTED),
        col(GoldPreferencePairStats.DECAYED_REJECTED).multiply(lit(factor)).as(GoldPreferencePairStats.DECAYED_REJECTED));
  }

  /** Adds totals, scores, evidence state and {@code as_of} to summed counts (per-partition loop, no shuffle). */
  static Dataset<Row> score(Dataset<Row> counts, Scores scores, Instant asOf) {
    Timestamp asOfTs = Timestamp.from(asOf);
    MapPartitionsFunction<Row, Row> f = rows -> new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Row next() {
        Row r = rows.next();
        long sel = r.getLong(4);
        long rej = r.getLong(5);
        double dsel = r.getDouble(6);
        double drej = r.getDouble(7);
        double dtotal = dsel + drej;
        return RowFactory.create(r.getString(0), r.getString(1), r.getString(2), r.getString(3), sel, rej, sel + rej,
            dsel, drej, dtotal, scores.seedScore(dsel, dtotal), scores.betaMean(dsel, drej),
            scores.wilsonLower(dsel, dtotal), Scores.confidence(dtotal), scores.evidence(dtotal).label(), asOfTs);
      }
    };
    return counts.select(COUNTS.fieldNames()[0], java.util.Arrays.copyOfRange(COUNTS.fieldNames(), 1, 8))
        .mapPartitions(f, Encoders.row(GoldPreferencePairStats.SCHEMA));
  }

  static long micros(Instant t) {
    return Math.multiplyExact(t.getEpochSecond(), 1_000_000L) + t.getNano() / 1_000;
  }

  /** Arrays as the Row encoder's external type (a Scala Seq), so a following partition loop can read them too. */
  private static scala.collection.Seq<String> toSeq(List<String> list) {
    return scala.collection.JavaConverters.asScalaBuffer(list);
  }
}

package io.genlake.preference;

import static io.genlake.table.GoldPreferencePairStats.CHECKPOINT_LORA;
import static io.genlake.table.GoldPreferencePairStats.KEYWORD_CHECKPOINT;
import static io.genlake.table.GoldPreferencePairStats.KEYWORD_LORA;
import static io.genlake.table.GoldPreferencePairStats.KEYWORD_NEGATIVE;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

import io.genlake.table.Fields;
import io.genlake.table.GoldPreferencePairStats;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Builds the pair statistics from unified events: a per-partition Java loop extracts keywords and the decay
 * weight; a second one emits each (scope, kind, a, b) contribution ({@link PairContributions}; scope: the user,
 * plus {@code *} when the user shares); one shuffle on the pair key and a sort-based loop ({@link PairSums}) sum
 * them; a per-partition loop adds the {@link Scores}. The
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
  static final StructType COUNTS = pairSchema(DataTypes.StringType);

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

  private static final String KEY_HASH = "key_hash";

  /** Pair kinds by their byte code while aggregating: shuffled keys stay small, names come back after the sum. */
  static final List<String> KIND_NAMES = List.of(KEYWORD_CHECKPOINT, KEYWORD_LORA, KEYWORD_NEGATIVE, CHECKPOINT_LORA);

  /** One event's (or a partition's, for the global scope) contribution to a pair, kind as its byte code. */
  static final StructType CONTRIBUTIONS = pairSchema(DataTypes.ByteType);

  /** A pair key (scope, kind, a, b) with its raw and decayed counts; the kind as a name or as its byte code. */
  private static StructType pairSchema(DataType kindType) {
    return Fields.schema(
        Fields.required(GoldPreferencePairStats.USER_ID, DataTypes.StringType),
        Fields.required(GoldPreferencePairStats.KIND, kindType),
        Fields.required(GoldPreferencePairStats.ITEM_A, DataTypes.StringType),
        Fields.required(GoldPreferencePairStats.ITEM_B, DataTypes.StringType),
        Fields.required(GoldPreferencePairStats.SELECTED, DataTypes.LongType),
        Fields.required(GoldPreferencePairStats.REJECTED, DataTypes.LongType),
        Fields.required(GoldPreferencePairStats.DECAYED_SELECTED, DataTypes.DoubleType),
        Fields.required(GoldPreferencePairStats.DECAYED_REJECTED, DataTypes.DoubleType));
  }

  /**
   * Sums the prepared events' pair contributions per (scope, kind, a, b) (scope: the user, plus {@code *} when
   * the user shares). Cost: one shuffle on the pair key's hash and a radix sort by it per partition, no hash
   * aggregation. A per-partition Java loop ({@link PairContributions}) emits each event's user-scope pairs as rows
   * (kind as a byte) and sums the global scope in memory (global pairs are few, so the global half of the events
   * never becomes rows); a reduce-side loop ({@link PairSums}) sums the runs of equal keys. User-scope keys hardly
   * repeat within a map partition, so Spark's map-side partial aggregation would cost a hash insert per row (and
   * spills on large inputs) for almost no reduction: it is skipped this way. Partitions: spark.sql.shuffle.partitions,
   * coalesced by adaptive execution; raise spark.shuffle_partitions for inputs of millions of events.
   */
  static Dataset<Row> aggregate(Dataset<Row> prepared) {
    return aggregate(prepared, false);
  }

  /**
   * {@link #aggregate(Dataset)} of the keyword x checkpoint pairs only, when {@code keywordCheckpointOnly}: what a
   * serving snapshot needs (the offline evaluation's), without the other kinds' pairs, several times as many.
   */
  static Dataset<Row> aggregate(Dataset<Row> prepared, boolean keywordCheckpointOnly) {
    StructType in = prepared.schema();
    PairContributions.Columns c = new PairContributions.Columns(in.fieldIndex(USER_ID), in.fieldIndex(SHARE),
        in.fieldIndex(CHECKPOINT), in.fieldIndex(SELECTED), in.fieldIndex(WEIGHT), in.fieldIndex(KEYWORDS),
        in.fieldIndex(NEGATIVES), in.fieldIndex(LORAS));
    MapPartitionsFunction<Row, Row> emit = rows -> new PairContributions(rows, c, keywordCheckpointOnly);
    Column hash = xxhash64(col(GoldPreferencePairStats.USER_ID), col(GoldPreferencePairStats.KIND),
        col(GoldPreferencePairStats.ITEM_A), col(GoldPreferencePairStats.ITEM_B));
    Dataset<Row> keyed = prepared.mapPartitions(emit, Encoders.row(CONTRIBUTIONS)).withColumn(KEY_HASH, hash);
    int hashIndex = keyed.schema().fieldIndex(KEY_HASH);
    MapPartitionsFunction<Row, Row> sum = rows -> new PairSums(rows, hashIndex);
    return keyed.repartition(col(KEY_HASH)).sortWithinPartitions(col(KEY_HASH)).mapPartitions(sum, Encoders.row(COUNTS));
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

  /**
   * {@code sumByKey(carried ∪ fresh)} without shuffling the carried pairs: {@code fresh} (one row per key, few: a
   * night's new events) is broadcast; carried pairs it does not touch pass through, touched ones get its counts
   * added, and its keys the carried pairs lack are appended. The same numbers as {@link #sumByKey} (a key has at
   * most one carried and one fresh row, and adding two numbers does not depend on their order). Cost: two scans of
   * the carried pairs, no shuffle of them.
   */
  static Dataset<Row> addFresh(Dataset<Row> carried, Dataset<Row> fresh) {
    List<Column> keys = PAIR_KEY.stream().map(k -> col(k)).toList();
    List<Column> freshSums = new ArrayList<>(keys);
    List<Column> added = new ArrayList<>(keys);
    List<Column> updated = new ArrayList<>(keys);
    for (String c : SUMS) {
      freshSums.add(col(c).as(FRESH + c));
      added.add(col(FRESH + c).as(c));
      updated.add(coalesce(col(c).plus(col(FRESH + c)), col(c)).as(c));
    }
    Dataset<Row> f = fresh.select(freshSums.toArray(Column[]::new));
    Dataset<Row> matched = carried.join(broadcast(f.select(keys.toArray(Column[]::new))), toSeq(PAIR_KEY), "left_semi")
        .select(keys.toArray(Column[]::new));
    return carried.join(broadcast(f), toSeq(PAIR_KEY), "left_outer").select(updated.toArray(Column[]::new))
        .unionByName(f.join(broadcast(matched), toSeq(PAIR_KEY), "left_anti").select(added.toArray(Column[]::new)));
  }

  private static final List<String> PAIR_KEY = List.of(GoldPreferencePairStats.USER_ID, GoldPreferencePairStats.KIND,
      GoldPreferencePairStats.ITEM_A, GoldPreferencePairStats.ITEM_B);
  private static final List<String> SUMS = List.of(GoldPreferencePairStats.SELECTED, GoldPreferencePairStats.REJECTED,
      GoldPreferencePairStats.DECAYED_SELECTED, GoldPreferencePairStats.DECAYED_REJECTED);
  private static final String FRESH = "fresh_";

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

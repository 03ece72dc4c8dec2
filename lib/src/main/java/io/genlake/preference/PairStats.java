package io.genlake.preference;

import static io.genlake.table.GoldPreferencePairStats.CHECKPOINT;
import static io.genlake.table.GoldPreferencePairStats.CHECKPOINT_LORA;
import static io.genlake.table.GoldPreferencePairStats.KEYWORD_CHECKPOINT;
import static io.genlake.table.GoldPreferencePairStats.KEYWORD_LORA;
import static io.genlake.table.GoldPreferencePairStats.KEYWORD_NEGATIVE;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.xxhash64;

import io.genlake.table.Fields;
import io.genlake.table.GoldPreferencePairStats;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
 * Builds pair statistics from unified events: a per-partition Java loop extracts keywords, LoRAs and their
 * strengths; a second one emits each (scope, kind, a, b) contribution ({@link PairContributions}; scope: the user,
 * plus {@code *} when the user shares); one shuffle on the pair key and a sort-based loop ({@link PairSums}) sum
 * them, decayed sums kept as of each pair's newest event ({@link Decay}). No anchor or run date enters the stored
 * numbers, so a night's update only adds the pairs its new events touch ({@link PairTables}).
 */
final class PairStats {
  // prepared event columns
  static final String USER_ID = "user_id";
  static final String SHARE = "share";
  static final String CHECKPOINT_COLUMN = "checkpoint";
  static final String SELECTED = "selected";
  static final String EVENT_AT = "event_at";
  static final String KEYWORDS = "keywords";
  static final String NEGATIVES = "negatives";
  static final String LORAS = "loras";
  /** Strengths aligned with {@link #LORAS}; null where none was given or it was outside [0, 2]. */
  static final String LORA_STRENGTHS = "lora_strengths";
  static final String GENERATION_ID = "generation_id";
  static final String STATUS = "prompt_status";
  /** LoRAs of the event without a strength (bad-input rule {@code loras.no_strength}). */
  static final String LORAS_NO_STRENGTH = "loras_no_strength";
  /** LoRAs of the event with a strength below 0 or above 2 (bad-input rule {@code loras.strength_out_of_range}). */
  static final String LORAS_BAD_STRENGTH = "loras_bad_strength";

  /** The usual range of a LoRA strength; values outside it are not learned from. */
  static final double MIN_STRENGTH = 0.0;
  static final double MAX_STRENGTH = 2.0;

  static final StructType PREPARED = Fields.schema(
      Fields.optional(USER_ID, DataTypes.StringType),
      Fields.required(SHARE, DataTypes.BooleanType),
      Fields.required(CHECKPOINT_COLUMN, DataTypes.StringType),
      Fields.required(SELECTED, DataTypes.BooleanType),
      Fields.required(EVENT_AT, DataTypes.LongType),
      Fields.required(KEYWORDS, Fields.STRINGS),
      Fields.required(NEGATIVES, Fields.STRINGS),
      Fields.required(LORAS, Fields.STRINGS),
      Fields.required(LORA_STRENGTHS, DataTypes.createArrayType(DataTypes.DoubleType, true)),
      Fields.optional(GENERATION_ID, DataTypes.StringType),
      Fields.required(STATUS, DataTypes.StringType),
      Fields.required(LORAS_NO_STRENGTH, DataTypes.IntegerType),
      Fields.required(LORAS_BAD_STRENGTH, DataTypes.IntegerType));

  private PairStats() {}

  /**
   * Extracts each event's keywords, negative keywords, LoRAs with their strengths and its time in microseconds.
   * Expects the unified event columns ({@link PreferenceEvents}); one linear pass, no shuffle.
   */
  static Dataset<Row> prepare(Dataset<Row> events, KeywordExtractor extractor) {
    RowMapper m = preparer(events.schema(), extractor);
    MapPartitionsFunction<Row, Row> f = rows -> each(rows, m);
    return events.mapPartitions(f, Encoders.row(PREPARED));
  }

  /**
   * The per-event function of {@link #prepare}: one unified event (columns of {@code in}) to one {@link #PREPARED}
   * row. Used by the Spark loop and, for a night small enough for the driver, on the collected events.
   */
  static RowMapper preparer(StructType in, KeywordExtractor extractor) {
    int user = in.fieldIndex(PreferenceEvents.USER_ID);
    int share = in.fieldIndex(PreferenceEvents.SHARE);
    int checkpoint = in.fieldIndex(PreferenceEvents.CHECKPOINT);
    int selected = in.fieldIndex(PreferenceEvents.SELECTED);
    int created = in.fieldIndex(PreferenceEvents.CREATED_AT);
    int prompt = in.fieldIndex(PreferenceEvents.PROMPT);
    int negative = in.fieldIndex(PreferenceEvents.NEGATIVE_PROMPT);
    int loras = in.fieldIndex(PreferenceEvents.LORAS);
    int strengths = in.fieldIndex(PreferenceEvents.LORA_STRENGTHS);
    int generation = in.fieldIndex(PreferenceEvents.GENERATION_ID);
    return r -> {
      List<String> eventLoras = r.isNullAt(loras) ? List.of() : r.getList(loras);
      List<Double> eventStrengths = r.isNullAt(strengths) ? List.of() : r.getList(strengths);
      KeywordExtractor.Features x = extractor.extract(r.isNullAt(prompt) ? null : r.getString(prompt),
          r.isNullAt(negative) ? null : r.getString(negative), eventLoras, eventStrengths);
      List<Double> usable = new ArrayList<>(x.loraStrengths().size());
      int missing = 0;
      int outOfRange = 0;
      for (Double s : x.loraStrengths()) {
        if (s == null || s.isNaN()) {
          missing++;
          usable.add(null);
        } else if (s < MIN_STRENGTH || s > MAX_STRENGTH) {
          outOfRange++;
          usable.add(null);
        } else {
          usable.add(s);
        }
      }
      return RowFactory.create(r.isNullAt(user) ? null : r.getString(user), r.getBoolean(share),
          r.getString(checkpoint), r.getBoolean(selected), micros(r.getTimestamp(created).toInstant()),
          toSeq(x.keywords()), toSeq(x.negativeKeywords()), toSeq(x.loras()), toSeq(usable),
          r.isNullAt(generation) ? null : r.getString(generation), x.status().label(), missing, outOfRange);
    };
  }

  private static final String KEY_HASH = "key_hash";

  /** Pair kinds by their byte code while aggregating: shuffled keys stay small, names come back after the sum. */
  static final List<String> KIND_NAMES =
      List.of(KEYWORD_CHECKPOINT, KEYWORD_LORA, KEYWORD_NEGATIVE, CHECKPOINT_LORA, CHECKPOINT);

  /**
   * One event's (or a partition's, for the global scope) contribution to a pair, kind as its byte code: counts,
   * decayed sums and the time (microseconds) they are kept as of.
   */
  static final StructType CONTRIBUTIONS = Fields.schema(
      Fields.required(GoldPreferencePairStats.USER_ID, DataTypes.StringType),
      Fields.required(GoldPreferencePairStats.KIND, DataTypes.ByteType),
      Fields.required(GoldPreferencePairStats.ITEM_A, DataTypes.StringType),
      Fields.required(GoldPreferencePairStats.ITEM_B, DataTypes.StringType),
      Fields.required(GoldPreferencePairStats.SELECTED, DataTypes.LongType),
      Fields.required(GoldPreferencePairStats.REJECTED, DataTypes.LongType),
      Fields.required(GoldPreferencePairStats.DECAYED_SELECTED, DataTypes.DoubleType),
      Fields.required(GoldPreferencePairStats.DECAYED_REJECTED, DataTypes.DoubleType),
      Fields.required(GoldPreferencePairStats.LAST_EVENT_AT, DataTypes.LongType));

  /**
   * Sums the prepared events' pair contributions per (scope, kind, a, b) into stored pair rows
   * ({@link GoldPreferencePairStats#SCHEMA}). Cost: one shuffle on the pair key's hash and a radix sort by it per
   * partition, no hash aggregation. A per-partition Java loop ({@link PairContributions}) emits each event's
   * user-scope pairs as rows (kind as a byte) and sums the global scope in memory (global pairs are few, so the
   * global half of the events never becomes rows); a reduce-side loop ({@link PairSums}) sums the runs of equal
   * keys. User-scope keys hardly repeat within a map partition, so Spark's map-side partial aggregation would cost a
   * hash insert per row (and spills on large inputs) for almost no reduction: it is skipped this way. Partitions:
   * spark.sql.shuffle.partitions, coalesced by adaptive execution; raise spark.shuffle_partitions for inputs of
   * millions of events.
   */
  static Dataset<Row> aggregate(Dataset<Row> prepared, Decay decay) {
    return aggregate(prepared, decay, false);
  }

  /**
   * {@link #aggregate(Dataset, Decay)} of the pairs that rank checkpoints only (keyword x checkpoint and the
   * checkpoint totals), when {@code rankingOnly}: what the offline evaluation needs, without the other kinds'
   * pairs, several times as many.
   */
  static Dataset<Row> aggregate(Dataset<Row> prepared, Decay decay, boolean rankingOnly) {
    PairContributions.Columns c = columns(prepared.schema());
    MapPartitionsFunction<Row, Row> emit = rows -> new PairContributions(rows, c, decay, rankingOnly);
    Column hash = xxhash64(col(GoldPreferencePairStats.USER_ID), col(GoldPreferencePairStats.KIND),
        col(GoldPreferencePairStats.ITEM_A), col(GoldPreferencePairStats.ITEM_B));
    Dataset<Row> keyed = prepared.mapPartitions(emit, Encoders.row(CONTRIBUTIONS)).withColumn(KEY_HASH, hash);
    int hashIndex = keyed.schema().fieldIndex(KEY_HASH);
    MapPartitionsFunction<Row, Row> sum = rows -> new PairSums(rows, hashIndex, decay);
    return keyed.repartition(col(KEY_HASH)).sortWithinPartitions(col(KEY_HASH))
        .mapPartitions(sum, Encoders.row(GoldPreferencePairStats.SCHEMA));
  }

  /**
   * {@link #aggregate(Dataset, Decay)} of prepared rows held on the driver ({@link #PREPARED} rows, e.g. a small
   * night's): the same two loops, with the contributions sorted by their key instead of shuffled by its hash (each
   * run of equal keys numbered in place of the hash). Returns stored pair rows
   * ({@link GoldPreferencePairStats#SCHEMA}), one per key. Memory: every contribution of the events at once.
   */
  static List<Row> aggregateLocally(List<Row> prepared, Decay decay) {
    List<Row> contributions = new ArrayList<>();
    new PairContributions(prepared.iterator(), columns(PREPARED), decay).forEachRemaining(contributions::add);
    Comparator<Row> byKey = Comparator.<Row, String>comparing(r -> r.getString(0))
        .thenComparing(r -> r.getByte(1)).thenComparing(r -> r.getString(2)).thenComparing(r -> r.getString(3));
    contributions.sort(byKey);
    List<Row> numbered = new ArrayList<>(contributions.size());
    long run = 0;
    Row previous = null;
    for (Row r : contributions) {
      if (previous != null && byKey.compare(previous, r) != 0) {
        run++;
      }
      Object[] values = new Object[r.size() + 1];
      for (int i = 0; i < r.size(); i++) {
        values[i] = r.get(i);
      }
      values[r.size()] = run;
      numbered.add(RowFactory.create(values));
      previous = r;
    }
    List<Row> pairs = new ArrayList<>();
    new PairSums(numbered.iterator(), CONTRIBUTIONS.size(), decay).forEachRemaining(pairs::add);
    return pairs;
  }

  private static PairContributions.Columns columns(StructType in) {
    return new PairContributions.Columns(in.fieldIndex(USER_ID), in.fieldIndex(SHARE),
        in.fieldIndex(CHECKPOINT_COLUMN), in.fieldIndex(SELECTED), in.fieldIndex(EVENT_AT), in.fieldIndex(KEYWORDS),
        in.fieldIndex(NEGATIVES), in.fieldIndex(LORAS));
  }

  /** A partition loop that maps each row to one row ({@code f} serializable, as Spark ships it). */
  static Iterator<Row> each(Iterator<Row> rows, RowMapper f) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Row next() {
        return f.apply(rows.next());
      }
    };
  }

  /** One row to one row. */
  @FunctionalInterface
  interface RowMapper extends java.io.Serializable {
    Row apply(Row r);
  }

  static long micros(Instant t) {
    return Decay.micros(t);
  }

  static Timestamp timestamp(long micros) {
    return Timestamp.from(Decay.instant(micros));
  }

  /** Arrays as the Row encoder's external type (a Scala Seq), so a following partition loop can read them too. */
  static <T> scala.collection.Seq<T> toSeq(List<T> list) {
    return scala.collection.JavaConverters.asScalaBuffer(list);
  }
}

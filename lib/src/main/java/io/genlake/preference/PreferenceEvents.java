package io.genlake.preference;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import io.genlake.table.Lineage;
import io.genlake.table.SilverGenerations;
import io.genlake.table.SilverImageRatings;
import io.genlake.table.SilverPreferenceEvents;
import io.genlake.warehouse.Warehouse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Gathers select/reject events from the three silver sources into one frame of the {@code Events} columns.
 * A generation's signal is counted once, by precedence: {@code silver.preference_events} first; then
 * {@code silver.generations.selection} for generations without a preference event; then
 * {@code silver.image_ratings} (liked = selected, status ko = rejected) for generations with neither.
 * Built-in expressions only; two anti-joins on generation_id (small: ids only). An incremental run reads only the
 * events new since the previous run's watermark ({@link Since}).
 */
final class PreferenceEvents {
  // unified event columns (package-private: internal to the preference pipeline)
  static final String EVENT_ID = "event_id";
  static final String SOURCE = "source";
  static final String USER_ID = "user_id";
  static final String PROMPT = "prompt";
  static final String NEGATIVE_PROMPT = "negative_prompt";
  static final String CHECKPOINT = "checkpoint";
  static final String LORAS = "loras";
  /** The strength of each LoRA of {@link #LORAS} (null where the source gives none). */
  static final String LORA_STRENGTHS = "lora_strengths";
  /** The generation the event is about (its parameters are read from silver.generations), when known. */
  static final String GENERATION_ID = "generation_id";
  static final String SELECTED = "selected";
  static final String MODEL_FAMILY = "model_family";
  static final String SHARE = "share";
  static final String CREATED_AT = "created_at";
  static final String INGESTED_AT = "ingested_at";

  private static final String GID = "gid";
  private static final String WANTED = "wanted_generation_id";
  private static final String LORA_NAMES = "transform(loras, l -> l.name)";
  private static final String STRENGTHS = "transform(loras, l -> l.strength)";

  private static final org.apache.spark.sql.types.ArrayType DOUBLES =
      org.apache.spark.sql.types.DataTypes.createArrayType(org.apache.spark.sql.types.DataTypes.DoubleType, true);

  private PreferenceEvents() {}

  /** Preference events as unified events; a null share_preferences takes {@code shareDefault}. */
  static Dataset<Row> fromPreferenceEvents(Dataset<Row> pe, boolean shareDefault) {
    return pe.select(
        col(SilverPreferenceEvents.EVENT_ID).as(EVENT_ID),
        lit("preference_events").as(SOURCE),
        col(SilverPreferenceEvents.USER_ID).as(USER_ID),
        col(SilverPreferenceEvents.PROMPT).as(PROMPT),
        col(SilverPreferenceEvents.NEGATIVE_PROMPT).as(NEGATIVE_PROMPT),
        col(SilverPreferenceEvents.CHECKPOINT).as(CHECKPOINT),
        expr(LORA_NAMES).as(LORAS),
        expr(STRENGTHS).as(LORA_STRENGTHS),
        col(SilverPreferenceEvents.GENERATION_ID).as(GENERATION_ID),
        col(SilverPreferenceEvents.ACTION).equalTo(lit("selected")).as(SELECTED),
        col(SilverPreferenceEvents.MODEL_FAMILY).as(MODEL_FAMILY),
        coalesce(col(SilverPreferenceEvents.SHARE_PREFERENCES), lit(shareDefault)).as(SHARE),
        col(SilverPreferenceEvents.CREATED_AT).as(CREATED_AT),
        col(Lineage.INGESTED_AT).as(INGESTED_AT));
  }

  /**
   * A previous run's watermark: an event was counted by it when created at or before {@code asOf} and ingested at or
   * before {@code ingestedThrough}; every other event is new.
   */
  record Since(Instant asOf, Instant ingestedThrough) {
    /** True (as a column) for the rows whose event time {@code created} and ingestion time {@code ingested} are new. */
    Column isNew(Column created, Column ingested) {
      return not(created.leq(lit(Timestamp.from(asOf))).and(ingested.leq(lit(Timestamp.from(ingestedThrough)))));
    }
  }

  /** All unified events of the warehouse (missing source tables read as empty). */
  static Dataset<Row> read(Warehouse warehouse, boolean shareDefault) {
    return read(warehouse, shareDefault, Optional.empty());
  }

  /**
   * The unified events of the warehouse, or, with {@code since}, only those new since that watermark: the same rows
   * as {@code read(w, d).where(not counted by since)}, with the precedence applied over all sources. With a
   * watermark each source is filtered to its new rows first, and the precedence anti-joins and the ratings' lookup
   * of their generations read only the generation ids of those rows (broadcast: a night's new rows are few), so no
   * silver table is shuffled. Cost: one scan of each source table. (Statistics that were only imported have no
   * ingestion watermark: every row is then new and the full read is filtered.)
   */
  static Dataset<Row> read(Warehouse warehouse, boolean shareDefault, Optional<Since> since) {
    if (since.isPresent() && since.get().ingestedThrough().equals(Instant.EPOCH)) {
      // statistics only imported, nothing ingested counted yet: every row is new, so no restriction to broadcast
      return read(warehouse, shareDefault).where(since.get().isNew(col(CREATED_AT), col(INGESTED_AT)));
    }
    Dataset<Row> pe = warehouse.readOrEmpty(SilverPreferenceEvents.SPEC);
    Dataset<Row> gens = warehouse.readOrEmpty(SilverGenerations.SPEC)
        .where(not(col(SilverGenerations.IS_DELETED)));
    Dataset<Row> ratings = warehouse.readOrEmpty(SilverImageRatings.SPEC)
        .where(not(col(SilverImageRatings.IS_DELETED)).and(col(SilverImageRatings.GENERATION_ID).isNotNull()));

    Dataset<Row> covered = pe.where(col(SilverPreferenceEvents.GENERATION_ID).isNotNull())
        .select(col(SilverPreferenceEvents.GENERATION_ID).as(GID));
    Dataset<Row> withSelection = gens.where(col(SilverGenerations.SELECTION).isNotNull());
    Dataset<Row> newPe = pe;
    Dataset<Row> newSelections = withSelection;
    if (since.isPresent()) {
      Since w = since.get();
      newPe = pe.where(w.isNew(col(SilverPreferenceEvents.CREATED_AT), col(Lineage.INGESTED_AT)));
      newSelections = withSelection.where(w.isNew(
          coalesce(col(SilverGenerations.UPDATED_AT), col(SilverGenerations.CREATED_AT)), col(Lineage.INGESTED_AT)));
      ratings = ratings.where(w.isNew(coalesce(col(SilverImageRatings.UPDATED_AT), col(SilverImageRatings.CREATED_AT)),
          col(Lineage.INGESTED_AT)));
    }
    Dataset<Row> selections = newSelections.join(only(covered, newSelections, SilverGenerations.GENERATION_ID, since),
        col(SilverGenerations.GENERATION_ID).equalTo(col(GID)), "left_anti");
    Dataset<Row> fromGenerations = selections.select(
        concat(lit("generation:"), col(SilverGenerations.GENERATION_ID)).as(EVENT_ID),
        lit("generations").as(SOURCE),
        col(SilverGenerations.USER_ID).as(USER_ID),
        coalesce(col(SilverGenerations.RESOLVED_PROMPT), col(SilverGenerations.FINAL_PROMPT)).as(PROMPT),
        col(SilverGenerations.NEGATIVE_PROMPT).as(NEGATIVE_PROMPT),
        coalesce(col(SilverGenerations.CHECKPOINT), lit("")).as(CHECKPOINT),
        expr(LORA_NAMES).as(LORAS),
        expr(STRENGTHS).as(LORA_STRENGTHS),
        col(SilverGenerations.GENERATION_ID).as(GENERATION_ID),
        col(SilverGenerations.SELECTION).equalTo(lit("selected")).as(SELECTED),
        col(SilverGenerations.MODEL_FAMILY).as(MODEL_FAMILY),
        lit(shareDefault).as(SHARE),
        coalesce(col(SilverGenerations.UPDATED_AT), col(SilverGenerations.CREATED_AT)).as(CREATED_AT),
        col(Lineage.INGESTED_AT).as(INGESTED_AT));

    Dataset<Row> coveredBoth = only(covered.union(withSelection.select(col(SilverGenerations.GENERATION_ID).as(GID))),
        ratings, SilverImageRatings.GENERATION_ID, since);
    Dataset<Row> r = ratings.join(coveredBoth,
        ratings.col(SilverImageRatings.GENERATION_ID).equalTo(coveredBoth.col(GID)), "left_anti").alias("r");
    // the generations of the new ratings only (not broadcast: their columns are wide and they can be many)
    Dataset<Row> g = (since.isPresent() ? ids(gens, SilverGenerations.GENERATION_ID, ratings,
        SilverImageRatings.GENERATION_ID) : gens).alias("g");
    Column liked = col("r." + SilverImageRatings.IS_LIKED);
    Column ko = col("r." + SilverImageRatings.STATUS).equalTo(lit("ko"));
    Dataset<Row> fromRatings = r.join(g,
            col("r." + SilverImageRatings.GENERATION_ID).equalTo(col("g." + SilverGenerations.GENERATION_ID)), "left")
        .where(liked.or(ko))
        .select(
            concat(lit("image:"), col("r." + SilverImageRatings.IMAGE_ID)).as(EVENT_ID),
            lit("image_ratings").as(SOURCE),
            col("g." + SilverGenerations.USER_ID).as(USER_ID),
            coalesce(col("r." + SilverImageRatings.PROMPT), col("g." + SilverGenerations.RESOLVED_PROMPT),
                col("g." + SilverGenerations.FINAL_PROMPT)).as(PROMPT),
            coalesce(col("r." + SilverImageRatings.NEGATIVE_PROMPT), col("g." + SilverGenerations.NEGATIVE_PROMPT))
                .as(NEGATIVE_PROMPT),
            coalesce(col("g." + SilverGenerations.CHECKPOINT), lit("")).as(CHECKPOINT),
            when(col("g." + SilverGenerations.LORAS).isNull(), expr("array()").cast(io.genlake.table.Fields.STRINGS))
                .otherwise(expr("transform(g.loras, l -> l.name)")).as(LORAS),
            when(col("g." + SilverGenerations.LORAS).isNull(), expr("array()").cast(DOUBLES))
                .otherwise(expr("transform(g.loras, l -> l.strength)")).as(LORA_STRENGTHS),
            col("r." + SilverImageRatings.GENERATION_ID).as(GENERATION_ID),
            liked.as(SELECTED),
            col("g." + SilverGenerations.MODEL_FAMILY).as(MODEL_FAMILY),
            lit(shareDefault).as(SHARE),
            coalesce(col("r." + SilverImageRatings.UPDATED_AT), col("r." + SilverImageRatings.CREATED_AT)).as(CREATED_AT),
            col("r." + Lineage.INGESTED_AT).as(INGESTED_AT));

    return fromPreferenceEvents(newPe, shareDefault).unionByName(fromGenerations).unionByName(fromRatings);
  }

  /**
   * {@code ids} (one column {@link #GID}) restricted, when reading since a watermark, to the generation ids in
   * {@code column} of {@code rows} (the new rows), broadcast; unrestricted otherwise.
   */
  private static Dataset<Row> only(Dataset<Row> ids, Dataset<Row> rows, String column, Optional<Since> since) {
    return since.isPresent() ? broadcast(ids(ids, GID, rows, column)) : ids;
  }

  /** The rows of {@code table} whose {@code key} is among the values of {@code column} of {@code rows}. */
  private static Dataset<Row> ids(Dataset<Row> table, String key, Dataset<Row> rows, String column) {
    Dataset<Row> wanted = rows.where(col(column).isNotNull()).select(col(column).as(WANTED)).distinct();
    return table.join(broadcast(wanted), table.col(key).equalTo(wanted.col(WANTED)), "left_semi");
  }
}

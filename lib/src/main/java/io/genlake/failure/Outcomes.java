package io.genlake.failure;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_entries;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import io.genlake.table.Fields;
import io.genlake.table.SilverFeedbackAttempts;
import io.genlake.table.SilverGenerations;
import io.genlake.table.SilverImageRatings;
import io.genlake.table.SilverSessions;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The unified outcome rows that failure analytics count: one row per judged result, with whether it failed,
 * its failure category and its pattern items. What "failure" means per source:
 * <ul>
 *   <li>{@code silver.image_ratings}: status {@code ko} fails, {@code ok} passes. The failure category is the
 *       rating's when it is one of seed 002's four, {@code unspecified} when absent, {@code other} otherwise.
 *   <li>{@code silver.generations} without any image rating: status {@code failed} fails (category
 *       {@code generation_error}), {@code completed} passes; pending, processing and cancelled are not
 *       outcomes. A generation that has ratings is judged by its ratings only (never counted twice).
 *   <li>{@code silver.feedback_attempts}: {@code passed = false} fails (the validator's verdict, not recomputed
 *       from the score); category is the attempt's failure_category, {@code unspecified} when absent.
 * </ul>
 * Pattern items are {@code Dimension=value} texts: the variations map (rating's map, else the generation's),
 * checkpoint, sampler, bucketed cfg and steps for generations; material category, view mode, bucketed
 * guidance, feedback category and each pattern used for attempts. The model is the grouping, not an item.
 */
final class Outcomes {
  static final String SOURCE = "source";
  static final String OUTCOME_ID = "outcome_id";
  static final String MODEL = "model";
  static final String OCCURRED_AT = "occurred_at";
  static final String FAILED = "failed";
  static final String FAILURE_CATEGORY = "failure_category";
  static final String SCORE = "score";
  static final String MATERIAL_CATEGORY = "material_category";
  static final String CHECKPOINT = "checkpoint";
  static final String SAMPLER = "sampler";
  static final String SESSION_ID = "session_id";
  static final String ITEMS = "items";
  /** False when a generation outcome had no variations map entries (bad input rule: mined on its parameters). */
  static final String HAS_VARIATIONS = "has_variations";

  static final String ATTEMPT = "attempt";
  static final String GENERATION = "generation";
  static final String UNKNOWN = "unknown";
  static final String UNSPECIFIED = "unspecified";
  static final String OTHER = "other";
  static final String GENERATION_ERROR = "generation_error";

  /** Bucket edges of generation cfg scale, steps and attempt guidance scale (see {@link Buckets}). */
  static final Buckets CFG = new Buckets(List.of(4.0, 6.0, 8.0, 10.0));
  static final Buckets STEPS = new Buckets(List.of(20.0, 30.0, 40.0, 60.0));
  static final Buckets GUIDANCE = new Buckets(List.of(0.25, 0.5, 0.75, 1.0));

  static final StructType SCHEMA = new StructType()
      .add(SOURCE, DataTypes.StringType, false)
      .add(OUTCOME_ID, DataTypes.StringType, false)
      .add(MODEL, DataTypes.StringType, false)
      .add(OCCURRED_AT, DataTypes.TimestampType, false)
      .add(FAILED, DataTypes.BooleanType, false)
      .add(FAILURE_CATEGORY, DataTypes.StringType, true)
      .add(SCORE, DataTypes.DoubleType, true)
      .add(MATERIAL_CATEGORY, DataTypes.StringType, true)
      .add(CHECKPOINT, DataTypes.StringType, true)
      .add(SAMPLER, DataTypes.StringType, true)
      .add(SESSION_ID, DataTypes.StringType, true)
      .add(ITEMS, Fields.STRINGS, false)
      .add(HAS_VARIATIONS, DataTypes.BooleanType, false);

  private Outcomes() {}

  /** The columns of {@link #SCHEMA}, in order. */
  static Column[] columns() {
    return java.util.Arrays.stream(SCHEMA.fieldNames()).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }

  /** Sessions that analytics leave out by default: flagged test or deleted (seed 002). */
  static Dataset<Row> excludedSessions(Dataset<Row> sessions) {
    return sessions.filter(col(SilverSessions.IS_TEST).or(col(SilverSessions.IS_DELETED)))
        .select(col(SilverSessions.SESSION_ID).as(SESSION_ID));
  }

  /**
   * Outcomes of rated images and of unrated generations (not deleted). No shuffle beyond the two joins on
   * generation_id.
   */
  static Dataset<Row> ofGenerations(Dataset<Row> generations, Dataset<Row> ratings) {
    Dataset<Row> gens = generations.filter(col(SilverGenerations.IS_DELETED).equalTo(false));
    Dataset<Row> rated = ratings.filter(col(SilverImageRatings.IS_DELETED).equalTo(false));
    Dataset<Row> g = gens.select(
        col(SilverGenerations.GENERATION_ID).as("g_id"),
        col(SilverGenerations.MODEL_NAME).as("g_model"),
        col(SilverGenerations.CHECKPOINT).as("g_checkpoint"),
        col(SilverGenerations.SAMPLER).as("g_sampler"),
        col(SilverGenerations.CFG_SCALE).as("g_cfg"),
        col(SilverGenerations.STEPS).as("g_steps"),
        col(SilverGenerations.VARIATIONS).as("g_variations"),
        col(SilverGenerations.SESSION_ID).as("g_session"));

    Dataset<Row> fromRatings = rated.join(g, rated.col(SilverImageRatings.GENERATION_ID).equalTo(g.col("g_id")), "left")
        .select(
            lit(GENERATION).as(SOURCE),
            col(SilverImageRatings.IMAGE_ID).as(OUTCOME_ID),
            coalesce(col(SilverImageRatings.MODEL_NAME), col("g_model"), lit(UNKNOWN)).as(MODEL),
            col(SilverImageRatings.CREATED_AT).as(OCCURRED_AT),
            col(SilverImageRatings.STATUS).equalTo("ko").as(FAILED),
            when(col(SilverImageRatings.STATUS).notEqual("ko"), lit(null).cast(DataTypes.StringType))
                .when(col(SilverImageRatings.FAILURE_CATEGORY).isNull(), lit(UNSPECIFIED))
                .when(col(SilverImageRatings.FAILURE_CATEGORY).isin(SilverImageRatings.FAILURE_CATEGORIES.toArray()),
                    col(SilverImageRatings.FAILURE_CATEGORY))
                .otherwise(lit(OTHER)).as(FAILURE_CATEGORY),
            lit(null).cast(DataTypes.DoubleType).as(SCORE),
            lit(null).cast(DataTypes.StringType).as(MATERIAL_CATEGORY),
            col("g_checkpoint").as(CHECKPOINT),
            col("g_sampler").as(SAMPLER),
            coalesce(col(SilverImageRatings.SESSION_ID), col("g_session")).as(SESSION_ID),
            generationItems(
                when(size(col(SilverImageRatings.VARIATIONS)).gt(0), col(SilverImageRatings.VARIATIONS))
                    .otherwise(col("g_variations")),
                col("g_checkpoint"), col("g_sampler"), col("g_cfg"), col("g_steps")).as(ITEMS),
            size(col(SilverImageRatings.VARIATIONS)).gt(0).or(size(col("g_variations")).gt(0)).as(HAS_VARIATIONS));

    Dataset<Row> ratedIds = rated.filter(col(SilverImageRatings.GENERATION_ID).isNotNull())
        .select(col(SilverImageRatings.GENERATION_ID).as("r_gid")).distinct();
    Dataset<Row> fromGenerations = gens
        .filter(col(SilverGenerations.STATUS).isin("completed", "failed"))
        .join(ratedIds, gens.col(SilverGenerations.GENERATION_ID).equalTo(ratedIds.col("r_gid")), "left_anti")
        .select(
            lit(GENERATION).as(SOURCE),
            col(SilverGenerations.GENERATION_ID).as(OUTCOME_ID),
            coalesce(col(SilverGenerations.MODEL_NAME), lit(UNKNOWN)).as(MODEL),
            col(SilverGenerations.CREATED_AT).as(OCCURRED_AT),
            col(SilverGenerations.STATUS).equalTo("failed").as(FAILED),
            when(col(SilverGenerations.STATUS).equalTo("failed"), lit(GENERATION_ERROR)).as(FAILURE_CATEGORY),
            lit(null).cast(DataTypes.DoubleType).as(SCORE),
            lit(null).cast(DataTypes.StringType).as(MATERIAL_CATEGORY),
            col(SilverGenerations.CHECKPOINT).as(CHECKPOINT),
            col(SilverGenerations.SAMPLER).as(SAMPLER),
            col(SilverGenerations.SESSION_ID).as(SESSION_ID),
            generationItems(col(SilverGenerations.VARIATIONS), col(SilverGenerations.CHECKPOINT),
                col(SilverGenerations.SAMPLER), col(SilverGenerations.CFG_SCALE), col(SilverGenerations.STEPS)).as(ITEMS),
            size(col(SilverGenerations.VARIATIONS)).gt(0).as(HAS_VARIATIONS));
    return fromRatings.unionByName(fromGenerations);
  }

  /** Outcomes of seed 004's attempts; a realism score outside 0..100 becomes null (counted by the caller). */
  static Dataset<Row> ofAttempts(Dataset<Row> attempts) {
    Column score = col(SilverFeedbackAttempts.REALISM_SCORE);
    return attempts.select(
        lit(ATTEMPT).as(SOURCE),
        col(SilverFeedbackAttempts.ATTEMPT_ID).as(OUTCOME_ID),
        coalesce(col(SilverFeedbackAttempts.MODEL_NAME), lit(UNKNOWN)).as(MODEL),
        col(SilverFeedbackAttempts.ATTEMPTED_AT).as(OCCURRED_AT),
        col(SilverFeedbackAttempts.PASSED).equalTo(false).as(FAILED),
        when(col(SilverFeedbackAttempts.PASSED), lit(null).cast(DataTypes.StringType))
            .otherwise(coalesce(col(SilverFeedbackAttempts.FAILURE_CATEGORY), lit(UNSPECIFIED))).as(FAILURE_CATEGORY),
        when(score.between(0, 100), score.cast(DataTypes.DoubleType)).as(SCORE),
        col(SilverFeedbackAttempts.CATEGORY).as(MATERIAL_CATEGORY),
        lit(null).cast(DataTypes.StringType).as(CHECKPOINT),
        lit(null).cast(DataTypes.StringType).as(SAMPLER),
        lit(null).cast(DataTypes.StringType).as(SESSION_ID),
        array_distinct(concat(
            array_compact(array(
                item("category", col(SilverFeedbackAttempts.CATEGORY)),
                item("view_mode", col(SilverFeedbackAttempts.VIEW_MODE)),
                item("guidance", GUIDANCE.label(col(SilverFeedbackAttempts.GUIDANCE_SCALE))),
                item("feedback", when(col(SilverFeedbackAttempts.FEEDBACK_APPLIED),
                    coalesce(col(SilverFeedbackAttempts.FEEDBACK_CATEGORY), lit(UNSPECIFIED))).otherwise(lit("none"))))),
            transform(coalesce(col(SilverFeedbackAttempts.PATTERNS_USED), array().cast(Fields.STRINGS)),
                p -> concat(lit("pattern="), p)))).as(ITEMS),
        lit(true).as(HAS_VARIATIONS));
  }

  private static Column generationItems(Column variations, Column checkpoint, Column sampler, Column cfg, Column steps) {
    Column fromVariations = transform(
        map_entries(coalesce(variations, org.apache.spark.sql.functions.map().cast(Fields.STRING_MAP))),
        e -> concat(e.getField("key"), lit("="), coalesce(e.getField("value"), lit(UNKNOWN))));
    return array_distinct(concat(fromVariations, array_compact(array(
        item("checkpoint", checkpoint),
        item("sampler", sampler),
        item("cfg", CFG.label(cfg)),
        item("steps", STEPS.label(steps.cast(DataTypes.DoubleType)))))));
  }

  /** {@code name=value}, or null when value is null (dropped by array_compact). */
  private static Column item(String name, Column value) {
    return when(value.isNotNull(), concat(lit(name + "="), value));
  }
}

package io.genlake.failure;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.map_entries;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import io.genlake.table.Fields;
import io.genlake.table.GoldFailureOutcomes;
import io.genlake.table.SilverFeedbackAttempts;
import io.genlake.table.SilverGenerations;
import io.genlake.table.SilverImageRatings;
import io.genlake.table.SilverSessions;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The unified outcome rows that failure analytics count ({@link GoldFailureOutcomes}): one row per judged result,
 * with whether it failed, its failure category, its attributes and its pattern items. What "failure" means per
 * source:
 * <ul>
 *   <li>{@code silver.image_ratings}: status {@code ko} fails, {@code ok} passes. The failure category is the
 *       rating's when it is one of seed 002's four, {@code unspecified} when absent, {@code other} otherwise.
 *   <li>{@code silver.generations} without any image rating: status {@code failed} fails (category
 *       {@code generation_error}), {@code completed} passes; pending, processing and cancelled are not
 *       outcomes. A generation that has ratings is judged by its ratings only (never counted twice).
 *   <li>{@code silver.feedback_attempts}: {@code passed = false} fails (the validator's verdict, not recomputed
 *       from the score); category is the attempt's failure_category, {@code unspecified} when absent.
 * </ul>
 * Attributes (model, checkpoint, sampler, steps, cfg_scale, template, variations) come from the most specific
 * source that has them: the image's metadata, then its generation, then its session's metadata (seed 002 keeps
 * model and generation_params there); {@code attribute_sources} records which one gave each. Pattern items are
 * {@code Dimension=value} texts: the variations map, checkpoint, sampler, bucketed cfg and steps, template for
 * generations; material category, view mode, bucketed guidance, feedback category and each pattern used for
 * attempts. The model is the grouping, not an item.
 */
final class Outcomes {
  static final String SOURCE = GoldFailureOutcomes.SOURCE;
  static final String KIND = GoldFailureOutcomes.KIND;
  static final String OUTCOME_ID = GoldFailureOutcomes.OUTCOME_ID;
  static final String MODEL = GoldFailureOutcomes.MODEL;
  static final String PROVIDER = GoldFailureOutcomes.PROVIDER;
  static final String OCCURRED_AT = GoldFailureOutcomes.OCCURRED_AT;
  static final String FAILED = GoldFailureOutcomes.FAILED;
  static final String FAILURE_CATEGORY = GoldFailureOutcomes.FAILURE_CATEGORY;
  static final String SCORE = GoldFailureOutcomes.SCORE;
  static final String MATERIAL_CATEGORY = GoldFailureOutcomes.MATERIAL_CATEGORY;
  static final String CHECKPOINT = GoldFailureOutcomes.CHECKPOINT;
  static final String SAMPLER = GoldFailureOutcomes.SAMPLER;
  static final String CFG_SCALE = GoldFailureOutcomes.CFG_SCALE;
  static final String STEPS_COLUMN = GoldFailureOutcomes.STEPS;
  static final String TEMPLATE = GoldFailureOutcomes.TEMPLATE;
  static final String SESSION_ID = GoldFailureOutcomes.SESSION_ID;
  static final String GENERATION_ID = GoldFailureOutcomes.GENERATION_ID;
  static final String ITEMS = GoldFailureOutcomes.ITEMS;
  static final String HAS_VARIATIONS = GoldFailureOutcomes.HAS_VARIATIONS;
  static final String ATTRIBUTE_SOURCES = GoldFailureOutcomes.ATTRIBUTE_SOURCES;
  static final String LIKED = GoldFailureOutcomes.LIKED;
  static final String TECHNICAL_QUALITY = GoldFailureOutcomes.TECHNICAL_QUALITY;
  /** Not in the table: true when the outcome's session is flagged test or deleted (seed 002). */
  static final String EXCLUDED_SESSION = "excluded_session";
  /** Not in the table: true when the outcome names a session that silver.sessions does not hold. */
  static final String UNKNOWN_SESSION = "unknown_session";

  static final String ATTEMPT = "attempt";
  static final String GENERATION = "generation";
  static final String IMAGE = "image";
  static final String SESSION = "session";
  static final String UNKNOWN = "unknown";
  static final String UNSPECIFIED = "unspecified";
  static final String OTHER = "other";
  static final String GENERATION_ERROR = "generation_error";
  /** A struct column of resolved parameters, expanded into its fields by {@link #expand}. */
  private static final String PARAMETERS = "_parameters";
  /** The attribute name of the variations map in attribute_sources. */
  static final String VARIATIONS = "variations";

  /** Bucket edges of generation cfg scale, steps and attempt guidance scale (see {@link Buckets}). */
  static final Buckets CFG = new Buckets(List.of(4.0, 6.0, 8.0, 10.0));
  static final Buckets STEPS = new Buckets(List.of(20.0, 30.0, 40.0, 60.0));
  static final Buckets GUIDANCE = new Buckets(List.of(0.25, 0.5, 0.75, 1.0));

  static final StructType SCHEMA = GoldFailureOutcomes.SCHEMA;

  private Outcomes() {}

  /** The columns of {@link #SCHEMA}, in order. */
  static Column[] columns() {
    return java.util.Arrays.stream(SCHEMA.fieldNames()).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }

  /**
   * Outcomes of rated images and of unrated generations (not deleted), with {@link #EXCLUDED_SESSION} and
   * {@link #UNKNOWN_SESSION}. Joins: ratings with their generation (generation_id), both with their session
   * (session id), and generations with the ids of rated generations (anti-join).
   */
  static Dataset<Row> ofGenerations(Dataset<Row> generations, Dataset<Row> ratings, Dataset<Row> sessions) {
    Dataset<Row> gens = generations.filter(col(SilverGenerations.IS_DELETED).equalTo(false));
    Dataset<Row> rated = ratings.filter(col(SilverImageRatings.IS_DELETED).equalTo(false));
    Dataset<Row> g = gens.select(
        col(SilverGenerations.GENERATION_ID).as("g_id"),
        col(SilverGenerations.PROVIDER).as("g_provider"),
        col(SilverGenerations.MODEL_NAME).as("g_model"),
        col(SilverGenerations.CHECKPOINT).as("g_checkpoint"),
        col(SilverGenerations.SAMPLER).as("g_sampler"),
        col(SilverGenerations.CFG_SCALE).as("g_cfg"),
        col(SilverGenerations.STEPS).as("g_steps"),
        col(SilverGenerations.TEMPLATE).as("g_template"),
        col(SilverGenerations.VARIATIONS).as("g_variations"),
        col(SilverGenerations.SESSION_ID).as("g_session"));
    Dataset<Row> s = sessions.select(
        col(SilverSessions.SESSION_ID).as("s_id"),
        col(SilverSessions.IS_TEST).or(col(SilverSessions.IS_DELETED)).as("s_excluded"),
        col(SilverSessions.MODEL_NAME).as("s_model"),
        col(SilverSessions.CHECKPOINT).as("s_checkpoint"),
        col(SilverSessions.SAMPLER).as("s_sampler"),
        col(SilverSessions.CFG_SCALE).as("s_cfg"),
        col(SilverSessions.STEPS).as("s_steps"),
        col(SilverSessions.TEMPLATE_NAME).as("s_template"));

    Dataset<Row> ratedWithGeneration = rated.join(g,
        rated.col(SilverImageRatings.GENERATION_ID).equalTo(g.col("g_id")), "left");
    Column ratingSession = coalesce(col(SilverImageRatings.SESSION_ID), col("g_session"));
    Dataset<Row> fromRatings = ratedWithGeneration.join(s, ratingSession.equalTo(s.col("s_id")), "left");
    Column variations = when(size(col(SilverImageRatings.VARIATIONS)).gt(0), col(SilverImageRatings.VARIATIONS))
        .otherwise(col("g_variations"));
    Resolved r = new Resolved()
        .attribute(MODEL, col(SilverImageRatings.MODEL_NAME), col("g_model"), col("s_model"))
        .attribute(CHECKPOINT, col(SilverImageRatings.CHECKPOINT), col("g_checkpoint"), col("s_checkpoint"))
        .attribute(SAMPLER, col(SilverImageRatings.SAMPLER), col("g_sampler"), col("s_sampler"))
        .attribute(CFG_SCALE, col(SilverImageRatings.CFG_SCALE), col("g_cfg"), col("s_cfg"))
        .attribute(STEPS_COLUMN, col(SilverImageRatings.STEPS), col("g_steps"), col("s_steps"))
        .attribute(TEMPLATE, col(SilverImageRatings.TEMPLATE), col("g_template"), col("s_template"))
        .attribute(VARIATIONS, nonEmpty(col(SilverImageRatings.VARIATIONS)), nonEmpty(col("g_variations")),
            lit(null).cast(Fields.STRING_MAP));
    Dataset<Row> ratingOutcomes = fromRatings.select(
        lit(GENERATION).as(SOURCE),
        lit(IMAGE).as(KIND),
        col(SilverImageRatings.IMAGE_ID).as(OUTCOME_ID),
        coalesce(r.value(MODEL), lit(UNKNOWN)).as(MODEL),
        coalesce(col("g_provider"), lit(UNKNOWN)).as(PROVIDER),
        col(SilverImageRatings.CREATED_AT).as(OCCURRED_AT),
        col(SilverImageRatings.STATUS).equalTo("ko").as(FAILED),
        when(col(SilverImageRatings.STATUS).notEqual("ko"), lit(null).cast(DataTypes.StringType))
            .when(col(SilverImageRatings.FAILURE_CATEGORY).isNull(), lit(UNSPECIFIED))
            .when(col(SilverImageRatings.FAILURE_CATEGORY).isin(SilverImageRatings.FAILURE_CATEGORIES.toArray()),
                col(SilverImageRatings.FAILURE_CATEGORY))
            .otherwise(lit(OTHER)).as(FAILURE_CATEGORY),
        lit(null).cast(DataTypes.DoubleType).as(SCORE),
        lit(null).cast(DataTypes.StringType).as(MATERIAL_CATEGORY),
        r.parameters(),
        ratingSession.as(SESSION_ID),
        col(SilverImageRatings.GENERATION_ID).as(GENERATION_ID),
        r.items(variations),
        size(col(SilverImageRatings.VARIATIONS)).gt(0).or(coalesce(size(col("g_variations")), lit(0)).gt(0))
            .as(HAS_VARIATIONS),
        r.sources().as(ATTRIBUTE_SOURCES),
        col(SilverImageRatings.IS_LIKED).as(LIKED),
        col(SilverImageRatings.TECHNICAL_QUALITY).as(TECHNICAL_QUALITY),
        sessionFlags(ratingSession)[0], sessionFlags(ratingSession)[1]);

    Dataset<Row> ratedIds = rated.filter(col(SilverImageRatings.GENERATION_ID).isNotNull())
        .select(col(SilverImageRatings.GENERATION_ID).as("r_gid")).distinct();
    Dataset<Row> unrated = gens
        .filter(col(SilverGenerations.STATUS).isin("completed", "failed"))
        .join(ratedIds, gens.col(SilverGenerations.GENERATION_ID).equalTo(ratedIds.col("r_gid")), "left_anti");
    Dataset<Row> fromGenerations = unrated.join(s, unrated.col(SilverGenerations.SESSION_ID).equalTo(s.col("s_id")),
        "left");
    Resolved q = new Resolved()
        .attribute(MODEL, null, col(SilverGenerations.MODEL_NAME), col("s_model"))
        .attribute(CHECKPOINT, null, col(SilverGenerations.CHECKPOINT), col("s_checkpoint"))
        .attribute(SAMPLER, null, col(SilverGenerations.SAMPLER), col("s_sampler"))
        .attribute(CFG_SCALE, null, col(SilverGenerations.CFG_SCALE), col("s_cfg"))
        .attribute(STEPS_COLUMN, null, col(SilverGenerations.STEPS), col("s_steps"))
        .attribute(TEMPLATE, null, col(SilverGenerations.TEMPLATE), col("s_template"))
        .attribute(VARIATIONS, null, nonEmpty(col(SilverGenerations.VARIATIONS)), lit(null).cast(Fields.STRING_MAP));
    Dataset<Row> generationOutcomes = fromGenerations.select(
        lit(GENERATION).as(SOURCE),
        lit(GENERATION).as(KIND),
        col(SilverGenerations.GENERATION_ID).as(OUTCOME_ID),
        coalesce(q.value(MODEL), lit(UNKNOWN)).as(MODEL),
        col(SilverGenerations.PROVIDER).as(PROVIDER),
        col(SilverGenerations.CREATED_AT).as(OCCURRED_AT),
        col(SilverGenerations.STATUS).equalTo("failed").as(FAILED),
        when(col(SilverGenerations.STATUS).equalTo("failed"), lit(GENERATION_ERROR)).as(FAILURE_CATEGORY),
        lit(null).cast(DataTypes.DoubleType).as(SCORE),
        lit(null).cast(DataTypes.StringType).as(MATERIAL_CATEGORY),
        q.parameters(),
        col(SilverGenerations.SESSION_ID).as(SESSION_ID),
        col(SilverGenerations.GENERATION_ID).as(GENERATION_ID),
        q.items(col(SilverGenerations.VARIATIONS)),
        size(col(SilverGenerations.VARIATIONS)).gt(0).as(HAS_VARIATIONS),
        q.sources().as(ATTRIBUTE_SOURCES),
        lit(null).cast(DataTypes.BooleanType).as(LIKED),
        lit(null).cast(DataTypes.StringType).as(TECHNICAL_QUALITY),
        sessionFlags(col(SilverGenerations.SESSION_ID))[0], sessionFlags(col(SilverGenerations.SESSION_ID))[1]);
    return expand(ratingOutcomes).unionByName(expand(generationOutcomes));
  }

  /** {@code data} with the resolved parameters struct replaced by its fields, in the outcome columns' order. */
  private static Dataset<Row> expand(Dataset<Row> data) {
    List<Column> cols = new ArrayList<>();
    for (String c : data.columns()) {
      if (c.equals(PARAMETERS)) {
        for (String f : List.of(CHECKPOINT, SAMPLER, CFG_SCALE, STEPS_COLUMN, TEMPLATE)) {
          cols.add(col(PARAMETERS + "." + f).as(f));
        }
      } else {
        cols.add(col(c));
      }
    }
    return data.select(cols.toArray(new Column[0]));
  }

  /** {@link #EXCLUDED_SESSION} and {@link #UNKNOWN_SESSION} of an outcome whose session is {@code session}. */
  private static Column[] sessionFlags(Column session) {
    return new Column[] {coalesce(col("s_excluded"), lit(false)).as(EXCLUDED_SESSION),
        session.isNotNull().and(col("s_id").isNull()).as(UNKNOWN_SESSION)};
  }

  /** Outcomes of seed 004's attempts; a realism score outside 0..100 becomes null (counted by the caller). */
  static Dataset<Row> ofAttempts(Dataset<Row> attempts) {
    Column score = col(SilverFeedbackAttempts.REALISM_SCORE);
    Column model = col(SilverFeedbackAttempts.MODEL_NAME);
    return attempts.select(
        lit(ATTEMPT).as(SOURCE),
        lit(ATTEMPT).as(KIND),
        col(SilverFeedbackAttempts.ATTEMPT_ID).as(OUTCOME_ID),
        coalesce(model, lit(UNKNOWN)).as(MODEL),
        lit(UNKNOWN).as(PROVIDER),
        col(SilverFeedbackAttempts.ATTEMPTED_AT).as(OCCURRED_AT),
        col(SilverFeedbackAttempts.PASSED).equalTo(false).as(FAILED),
        when(col(SilverFeedbackAttempts.PASSED), lit(null).cast(DataTypes.StringType))
            .otherwise(coalesce(col(SilverFeedbackAttempts.FAILURE_CATEGORY), lit(UNSPECIFIED))).as(FAILURE_CATEGORY),
        when(score.between(0, 100), score.cast(DataTypes.DoubleType)).as(SCORE),
        col(SilverFeedbackAttempts.CATEGORY).as(MATERIAL_CATEGORY),
        lit(null).cast(DataTypes.StringType).as(CHECKPOINT),
        lit(null).cast(DataTypes.StringType).as(SAMPLER),
        lit(null).cast(DataTypes.DoubleType).as(CFG_SCALE),
        lit(null).cast(DataTypes.IntegerType).as(STEPS_COLUMN),
        lit(null).cast(DataTypes.StringType).as(TEMPLATE),
        lit(null).cast(DataTypes.StringType).as(SESSION_ID),
        lit(null).cast(DataTypes.StringType).as(GENERATION_ID),
        array_distinct(concat(
            array_compact(array(
                item("category", col(SilverFeedbackAttempts.CATEGORY)),
                item("view_mode", col(SilverFeedbackAttempts.VIEW_MODE)),
                item("guidance", GUIDANCE.label(col(SilverFeedbackAttempts.GUIDANCE_SCALE))),
                item("feedback", when(col(SilverFeedbackAttempts.FEEDBACK_APPLIED),
                    coalesce(col(SilverFeedbackAttempts.FEEDBACK_CATEGORY), lit(UNSPECIFIED))).otherwise(lit("none"))))),
            transform(coalesce(col(SilverFeedbackAttempts.PATTERNS_USED), array().cast(Fields.STRINGS)),
                p -> concat(lit("pattern="), p)))).as(ITEMS),
        lit(true).as(HAS_VARIATIONS),
        map_filter(map(lit(MODEL), when(model.isNotNull(), lit(ATTEMPT))), (k, v) -> v.isNotNull()).as(ATTRIBUTE_SOURCES),
        lit(null).cast(DataTypes.BooleanType).as(LIKED),
        lit(null).cast(DataTypes.StringType).as(TECHNICAL_QUALITY));
  }

  private static Column generationItems(Column variations, Column checkpoint, Column sampler, Column cfg, Column steps,
      Column template) {
    Column fromVariations = transform(
        map_entries(coalesce(variations, org.apache.spark.sql.functions.map().cast(Fields.STRING_MAP))),
        e -> concat(e.getField("key"), lit("="), coalesce(e.getField("value"), lit(UNKNOWN))));
    return array_distinct(concat(fromVariations, array_compact(array(
        item("checkpoint", checkpoint),
        item("sampler", sampler),
        item("cfg", CFG.label(cfg)),
        item("steps", STEPS.label(steps.cast(DataTypes.DoubleType))),
        item("template", template)))));
  }

  /** The map, or null when it is null or empty (an empty variations map gives no attribute). */
  private static Column nonEmpty(Column m) {
    return when(coalesce(size(m), lit(0)).gt(0), m);
  }

  /** {@code name=value}, or null when value is null (dropped by array_compact). */
  private static Column item(String name, Column value) {
    return when(value.isNotNull(), concat(lit(name + "="), value));
  }

  /**
   * Attributes resolved from the most specific source that has them (image, then generation, then session), and
   * where each came from. A null candidate is a source that never has the attribute.
   */
  private static final class Resolved {
    private final java.util.Map<String, Column> values = new java.util.LinkedHashMap<>();
    private final List<Column> sourceEntries = new ArrayList<>();

    Resolved attribute(String name, Column image, Column generation, Column session) {
      Column[] candidates = {image, generation, session};
      String[] labels = {IMAGE, GENERATION, SESSION};
      Column value = null;
      Column source = null;
      for (int i = candidates.length - 1; i >= 0; i--) {
        if (candidates[i] == null) {
          continue;
        }
        value = value == null ? candidates[i] : when(candidates[i].isNotNull(), candidates[i]).otherwise(value);
        Column label = when(candidates[i].isNotNull(), lit(labels[i]));
        source = source == null ? label : label.otherwise(source);
      }
      values.put(name, value);
      sourceEntries.add(lit(name));
      sourceEntries.add(source);
      return this;
    }

    Column value(String name) {
      return values.get(name);
    }

    /** checkpoint, sampler, cfg_scale, steps and template as one struct, expanded by {@link #expand}. */
    Column parameters() {
      return struct(value(CHECKPOINT).as(CHECKPOINT), value(SAMPLER).as(SAMPLER), value(CFG_SCALE).as(CFG_SCALE),
          value(STEPS_COLUMN).as(STEPS_COLUMN), value(TEMPLATE).as(TEMPLATE)).as(PARAMETERS);
    }

    /** The pattern items of an outcome with these attributes and {@code variations}. */
    Column items(Column variations) {
      return generationItems(variations, value(CHECKPOINT), value(SAMPLER), value(CFG_SCALE), value(STEPS_COLUMN),
          value(TEMPLATE)).as(ITEMS);
    }

    /** attribute name to source label, for the attributes some source gave. */
    Column sources() {
      return map_filter(map(sourceEntries.toArray(new Column[0])), (k, v) -> v.isNotNull());
    }
  }
}

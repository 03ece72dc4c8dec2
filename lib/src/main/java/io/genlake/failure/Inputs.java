package io.genlake.failure;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.genlake.pipeline.StepResult;
import io.genlake.table.SilverFeedbackAttempts;
import io.genlake.table.SilverGenerations;
import io.genlake.table.SilverImageRatings;
import io.genlake.table.SilverSessions;
import io.genlake.warehouse.Warehouse;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The silver inputs of failure analytics, read once and turned into outcome rows, with the bad-input counts
 * that the step reports. A missing silver table reads as empty (noted). Counting costs one aggregation per
 * source.
 *
 * @param outcomes every outcome kept ({@link Outcomes#SCHEMA}), cached
 * @param attempts {@code silver.feedback_attempts} rows, cached
 */
record Inputs(Dataset<Row> outcomes, Dataset<Row> attempts, StepResult counts) {

  static Inputs load(Warehouse warehouse, boolean includeTestSessions) {
    StepResult counts = new StepResult();
    for (var spec : java.util.List.of(SilverGenerations.SPEC, SilverImageRatings.SPEC, SilverSessions.SPEC,
        SilverFeedbackAttempts.SPEC)) {
      if (!warehouse.exists(spec.id())) {
        counts.note(spec.id() + " does not exist yet: read as empty (run ingest first to fill it).");
      }
    }
    Dataset<Row> generations = warehouse.readOrEmpty(SilverGenerations.SPEC);
    Dataset<Row> ratings = warehouse.readOrEmpty(SilverImageRatings.SPEC);
    Dataset<Row> sessions = warehouse.readOrEmpty(SilverSessions.SPEC);
    Dataset<Row> attempts = warehouse.readOrEmpty(SilverFeedbackAttempts.SPEC).cache();

    // generation outcomes, flagged by their session
    Dataset<Row> flags = sessions.select(col(SilverSessions.SESSION_ID).as("s_id"),
        col(SilverSessions.IS_TEST).or(col(SilverSessions.IS_DELETED)).as("s_excluded"));
    Dataset<Row> generated = Outcomes.ofGenerations(generations, ratings);
    Dataset<Row> flagged = generated.join(flags, generated.col(Outcomes.SESSION_ID).equalTo(flags.col("s_id")), "left")
        .withColumn("excluded", coalesce(col("s_excluded"), lit(false)).and(lit(!includeTestSessions)))
        .withColumn("unknown_session", col(Outcomes.SESSION_ID).isNotNull().and(col("s_id").isNull()))
        .cache();
    Row g = flagged.agg(count(lit(1)), ones(col("excluded")), ones(col("unknown_session")),
        ones(col(Outcomes.HAS_VARIATIONS).equalTo(false).and(col("excluded").equalTo(false))),
        ones(col(Outcomes.FAILURE_CATEGORY).equalTo(Outcomes.OTHER).and(col("excluded").equalTo(false))),
        ones(col(Outcomes.FAILURE_CATEGORY).equalTo(Outcomes.UNSPECIFIED).and(col("excluded").equalTo(false))))
        .first();
    counts.count("generation_outcomes.read", g.getLong(0));
    counts.count(includeTestSessions ? "generation_outcomes.test_or_deleted_session_included"
        : "generation_outcomes.test_or_deleted_session_excluded", includeTestSessions
        ? flagged.filter(coalesce(col("s_excluded"), lit(false))).count() : g.getLong(1));
    counts.count("generation_outcomes.unknown_session", g.getLong(2));
    counts.count("generation_outcomes.without_variations", g.getLong(3));
    counts.count("generation_outcomes.unknown_failure_category", g.getLong(4));
    counts.count("generation_outcomes.unspecified_failure_category", g.getLong(5));
    Row n = generations.agg(count(lit(1)),
        ones(col(SilverGenerations.STATUS).isin("pending", "processing", "cancelled")
            .and(col(SilverGenerations.IS_DELETED).equalTo(false))),
        ones(col(SilverGenerations.IS_DELETED))).first();
    counts.count("generations.read", n.getLong(0));
    counts.count("generations.not_judged", n.getLong(1));
    counts.count("generations.deleted", n.getLong(2));
    counts.count("image_ratings.deleted", ratings.filter(col(SilverImageRatings.IS_DELETED)).count());

    Column score = col(SilverFeedbackAttempts.REALISM_SCORE);
    Column fc = col(SilverFeedbackAttempts.FEEDBACK_CATEGORY);
    Row a = attempts.agg(count(lit(1)), ones(score.isNotNull().and(score.between(0, 100).equalTo(false))),
        ones(score.isNull()),
        ones(fc.isNotNull().and(fc.isin(SilverFeedbackAttempts.FEEDBACK_CATEGORIES.toArray()).equalTo(false))),
        ones(col(SilverFeedbackAttempts.PASSED).equalTo(false).and(col(SilverFeedbackAttempts.FAILURE_CATEGORY).isNull()))).first();
    counts.count("attempts.read", a.getLong(0));
    counts.count("attempts.score_out_of_range", a.getLong(1));
    counts.count("attempts.score_missing", a.getLong(2));
    counts.count("attempts.unknown_feedback_category", a.getLong(3));
    counts.count("attempts.unspecified_failure_category", a.getLong(4));

    Dataset<Row> outcomes = flagged.filter(col("excluded").equalTo(false)).select(Outcomes.columns())
        .unionByName(Outcomes.ofAttempts(attempts))
        .cache();
    return new Inputs(outcomes, attempts, counts);
  }

  private static Column ones(Column condition) {
    return coalesce(sum(when(condition, 1L).otherwise(0L)), lit(0L));
  }
}

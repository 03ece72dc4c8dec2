package io.genlake.failure;

import static org.apache.spark.sql.functions.broadcast;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The silver inputs of failure analytics, read once and turned into outcome rows, with the bad-input counts that
 * the step reports. A missing silver table reads as empty (noted). Either every outcome, or only those a set of
 * changed keys touches ({@link Scope}); counts then describe the rows recomputed. Counting costs one aggregation
 * per source.
 *
 * @param outcomes the outcomes kept ({@link Outcomes#SCHEMA}), cached
 * @param attempts every {@code silver.feedback_attempts} row, cached (seed 004's analytics read them all)
 * @param cached intermediate results cached on the way (released with the outcomes)
 */
record Inputs(Dataset<Row> outcomes, Dataset<Row> attempts, StepResult counts, List<Dataset<Row>> cached) {

  /** Releases the cached outcomes and intermediates (attempts stay cached for the attempt analytics). */
  void releaseOutcomes() {
    outcomes.unpersist();
    cached.forEach(Dataset::unpersist);
  }

  /**
   * Changed keys (one string column {@code key} each): generations (including those of changed ratings, before and
   * after), images, sessions, attempts. The outcomes recomputed are the generations changed or in a changed session,
   * the ratings changed, of those generations or in those sessions, and the attempts changed.
   */
  record Scope(Dataset<Row> generations, Dataset<Row> images, Dataset<Row> sessions, Dataset<Row> attempts) {}

  /** Every outcome. */
  static Inputs load(Warehouse warehouse, boolean includeTestSessions) {
    return load(warehouse, includeTestSessions, Optional.empty());
  }

  /** The outcomes of {@code scope} (every outcome when empty). */
  static Inputs load(Warehouse warehouse, boolean includeTestSessions, Optional<Scope> scope) {
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
    Dataset<Row> allAttempts = warehouse.readOrEmpty(SilverFeedbackAttempts.SPEC).cache();
    Dataset<Row> attempts = allAttempts;
    List<Dataset<Row>> cached = new ArrayList<>();
    if (scope.isPresent()) {
      Scope s = scope.get();
      Dataset<Row> scopedGenerations = generations.join(broadcast(s.generations()),
              col(SilverGenerations.GENERATION_ID).equalTo(col("key")), "left_semi")
          .unionByName(generations.join(broadcast(s.sessions()),
              col(SilverGenerations.SESSION_ID).equalTo(col("key")), "left_semi"))
          .dropDuplicates(SilverGenerations.GENERATION_ID).cache();
      cached.add(scopedGenerations);
      Dataset<Row> scopedIds = scopedGenerations.select(col(SilverGenerations.GENERATION_ID).as("key"));
      ratings = ratings.join(broadcast(s.images()), col(SilverImageRatings.IMAGE_ID).equalTo(col("key")), "left_semi")
          .unionByName(ratings.join(broadcast(scopedIds), col(SilverImageRatings.GENERATION_ID).equalTo(col("key")),
              "left_semi"))
          .unionByName(ratings.join(broadcast(s.sessions()), col(SilverImageRatings.SESSION_ID).equalTo(col("key")),
              "left_semi"))
          .dropDuplicates(SilverImageRatings.IMAGE_ID).cache();
      cached.add(ratings);
      // the generations the scoped ratings point at, for their attributes (their own outcomes are not recomputed)
      Dataset<Row> referenced = generations.join(broadcast(ratings.select(col(SilverImageRatings.GENERATION_ID)
              .as("key")).where(col("key").isNotNull()).distinct()),
          col(SilverGenerations.GENERATION_ID).equalTo(col("key")), "left_semi")
          .join(broadcast(scopedIds), col(SilverGenerations.GENERATION_ID).equalTo(col("key")), "left_anti").cache();
      cached.add(referenced);
      generations = scopedGenerations.unionByName(referenced);
      Dataset<Row> sessionKeys = generations.select(col(SilverGenerations.SESSION_ID).as("key"))
          .unionByName(ratings.select(col(SilverImageRatings.SESSION_ID).as("key"))).where(col("key").isNotNull())
          .distinct();
      sessions = sessions.join(broadcast(sessionKeys), col(SilverSessions.SESSION_ID).equalTo(col("key")), "left_semi");
      attempts = allAttempts.join(broadcast(s.attempts()), col(SilverFeedbackAttempts.ATTEMPT_ID).equalTo(col("key")),
          "left_semi");
      Dataset<Row> unscoped = referenced.select(col(SilverGenerations.GENERATION_ID).as(Referenced.ID));
      return build(generations, ratings, sessions, attempts, allAttempts, includeTestSessions, counts,
          Optional.of(unscoped), cached);
    }
    return build(generations, ratings, sessions, attempts, allAttempts, includeTestSessions, counts, Optional.empty(),
        cached);
  }

  /** Generations joined only for their attributes: their unrated-generation outcome is not recomputed. */
  private static final class Referenced {
    static final String ID = "_referenced_id";
  }

  private static Inputs build(Dataset<Row> generations, Dataset<Row> ratings, Dataset<Row> sessions,
      Dataset<Row> attempts, Dataset<Row> allAttempts, boolean includeTestSessions, StepResult counts,
      Optional<Dataset<Row>> notRecomputed, List<Dataset<Row>> cached) {
    Dataset<Row> generated = Outcomes.ofGenerations(generations, ratings, sessions);
    if (notRecomputed.isPresent()) {
      Dataset<Row> skip = notRecomputed.get();
      generated = generated.join(broadcast(skip), col(Outcomes.KIND).equalTo(lit(Outcomes.GENERATION))
          .and(col(Outcomes.OUTCOME_ID).equalTo(col(Referenced.ID))), "left_anti");
    }
    Dataset<Row> flagged = generated
        .withColumn("excluded", col(Outcomes.EXCLUDED_SESSION).and(lit(!includeTestSessions)))
        .cache();
    cached.add(flagged);
    Row g = flagged.agg(count(lit(1)), ones(col("excluded")), ones(col(Outcomes.UNKNOWN_SESSION)),
        ones(col(Outcomes.HAS_VARIATIONS).equalTo(false).and(col("excluded").equalTo(false))),
        ones(col(Outcomes.FAILURE_CATEGORY).equalTo(Outcomes.OTHER).and(col("excluded").equalTo(false))),
        ones(col(Outcomes.FAILURE_CATEGORY).equalTo(Outcomes.UNSPECIFIED).and(col("excluded").equalTo(false))),
        ones(col(Outcomes.EXCLUDED_SESSION))).first();
    counts.count("generation_outcomes.read", g.getLong(0));
    counts.count(includeTestSessions ? "generation_outcomes.test_or_deleted_session_included"
        : "generation_outcomes.test_or_deleted_session_excluded", includeTestSessions ? g.getLong(6) : g.getLong(1));
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
    return new Inputs(outcomes, allAttempts, counts, cached);
  }

  private static Column ones(Column condition) {
    return coalesce(sum(when(condition, 1L).otherwise(0L)), lit(0L));
  }
}

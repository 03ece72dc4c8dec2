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

  /** The outcomes of {@code scope} (every outcome when empty), key sets up to {@link KeyFilter#MAX_KEYS} filtered. */
  static Inputs load(Warehouse warehouse, boolean includeTestSessions, Optional<Scope> scope) {
    return load(warehouse, includeTestSessions, scope, KeyFilter.MAX_KEYS);
  }

  /**
   * The outcomes of {@code scope} (every outcome when empty). Each silver table is read once with its key sets of at
   * most {@code maxKeys} keys as a filter ({@link KeyFilter}); the generations the scoped ratings point at are read
   * again only when some lie outside the scoped generations.
   */
  static Inputs load(Warehouse warehouse, boolean includeTestSessions, Optional<Scope> scope, int maxKeys) {
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
      List<String> semiJoined = new ArrayList<>();
      Dataset<Row> scopedGenerations = scoped(generations, SilverGenerations.GENERATION_ID, maxKeys, semiJoined,
          SilverGenerations.TABLE.qualifiedName(), new KeyFilter.Match(SilverGenerations.GENERATION_ID, s.generations()),
          new KeyFilter.Match(SilverGenerations.SESSION_ID, s.sessions())).cache();
      cached.add(scopedGenerations);
      Dataset<Row> scopedIds = scopedGenerations.select(col(SilverGenerations.GENERATION_ID).as("key"));
      ratings = scoped(ratings, SilverImageRatings.IMAGE_ID, maxKeys, semiJoined,
          SilverImageRatings.TABLE.qualifiedName(), new KeyFilter.Match(SilverImageRatings.IMAGE_ID, s.images()),
          new KeyFilter.Match(SilverImageRatings.GENERATION_ID, scopedIds),
          new KeyFilter.Match(SilverImageRatings.SESSION_ID, s.sessions())).cache();
      cached.add(ratings);
      // the generations the scoped ratings point at, for their attributes (their own outcomes are not recomputed)
      Dataset<Row> outside = ratings.select(col(SilverImageRatings.GENERATION_ID).as("key"))
          .where(col("key").isNotNull()).distinct().except(scopedIds);
      Dataset<Row> referenced = scoped(generations, SilverGenerations.GENERATION_ID, maxKeys, semiJoined,
          SilverGenerations.TABLE.qualifiedName() + " (referenced)",
          new KeyFilter.Match(SilverGenerations.GENERATION_ID, outside)).cache();
      cached.add(referenced);
      generations = scopedGenerations.unionByName(referenced);
      Dataset<Row> sessionKeys = generations.select(col(SilverGenerations.SESSION_ID).as("key"))
          .unionByName(ratings.select(col(SilverImageRatings.SESSION_ID).as("key"))).where(col("key").isNotNull())
          .distinct();
      sessions = scoped(sessions, SilverSessions.SESSION_ID, maxKeys, semiJoined, SilverSessions.TABLE.qualifiedName(),
          new KeyFilter.Match(SilverSessions.SESSION_ID, sessionKeys));
      attempts = scoped(allAttempts, SilverFeedbackAttempts.ATTEMPT_ID, maxKeys, semiJoined,
          SilverFeedbackAttempts.TABLE.qualifiedName(), new KeyFilter.Match(SilverFeedbackAttempts.ATTEMPT_ID,
              s.attempts()));
      if (!semiJoined.isEmpty()) {
        counts.note("outcomes: scoped reads by broadcast semi-joins (a key set above " + maxKeys + " keys): "
            + String.join(", ", semiJoined));
      }
      Dataset<Row> unscoped = referenced.select(col(SilverGenerations.GENERATION_ID).as(Referenced.ID));
      return build(generations, ratings, sessions, attempts, allAttempts, includeTestSessions, counts,
          Optional.of(unscoped), cached);
    }
    return build(generations, ratings, sessions, attempts, allAttempts, includeTestSessions, counts, Optional.empty(),
        cached);
  }

  /** {@link KeyFilter#rows}, naming {@code table} in {@code semiJoined} when it took the semi-joins. */
  private static Dataset<Row> scoped(Dataset<Row> rows, String id, int maxKeys, List<String> semiJoined, String table,
      KeyFilter.Match... matches) {
    KeyFilter.Read read = KeyFilter.rows(rows, List.of(id), maxKeys, List.of(matches));
    if (read.semiJoined()) {
      semiJoined.add(table);
    }
    return read.rows();
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

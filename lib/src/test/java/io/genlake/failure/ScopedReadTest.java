package io.genlake.failure;

import static io.genlake.failure.FailureFixtures.day;
import static io.genlake.failure.FailureFixtures.generation;
import static io.genlake.failure.FailureFixtures.rating;
import static io.genlake.failure.FailureFixtures.session;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import io.genlake.config.FailureConfig;
import io.genlake.ops.StepState;
import io.genlake.table.SilverFeedbackAttempts;
import io.genlake.table.SilverGenerations;
import io.genlake.table.SilverImageRatings;
import io.genlake.table.SilverSessions;
import io.genlake.testing.Canonical;
import io.genlake.testing.TestSpark;
import io.genlake.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scoped read of an incremental failure run gives the same outcomes and counts whether its key sets are filtered
 * in the scan (the default) or, above the key limit, broadcast and semi-joined: a new generation with its rating, a
 * session whose model changed (its generations and its ratings, one of them of another session's generation, one of
 * none) and an updated attempt.
 */
class ScopedReadTest {
  static final FailureConfig CONFIG = io.genlake.config.ConfigLoader.defaults().failure();
  @TempDir static Path dir;
  static Warehouse w;
  static Inputs filtered;
  static Inputs semiJoined;

  @BeforeAll
  static void run() {
    w = new Warehouse(TestSpark.session(), dir.toString());
    var spark = w.spark();
    Map<String, String> happy = Map.of("Expression", "happy", "Pose", "standing");
    w.ensure(SilverSessions.SPEC);
    w.append(SilverSessions.TABLE, spark.createDataFrame(List.of(session("s1", false, false), session("s2", false, false)),
        SilverSessions.SCHEMA));
    List<Row> gens = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      gens.add(generation("g" + i, day(i), i % 3 == 0 ? "failed" : "completed", "sd-v1.5", "ck", "Euler a", 7.0, 30,
          happy, i < 5 ? "s1" : "s2"));
    }
    w.ensure(SilverGenerations.SPEC);
    w.append(SilverGenerations.TABLE, spark.createDataFrame(gens, SilverGenerations.SCHEMA));
    w.ensure(SilverImageRatings.SPEC);
    w.append(SilverImageRatings.TABLE, spark.createDataFrame(List.of(
        rating("r1", day(1), "s1", "g1", "ko", "noise", Map.of()),
        rating("r7", day(2), "s2", "g2", "ok", null, Map.of()),
        rating("r8", day(3), "s2", null, "ko", "malformed", Map.of())), SilverImageRatings.SCHEMA));
    FailureFixtures.appendAttempts(w, FailureFixtures.seedAttempts());
    FailureAnalytics.run(w, CONFIG);

    w.append(SilverGenerations.TABLE, spark.createDataFrame(List.of(generation("g10", day(10), "completed", "sd-v1.5",
        "ck", "DDIM", 12.0, 15, happy, "s1")), SilverGenerations.SCHEMA));
    w.append(SilverImageRatings.TABLE, spark.createDataFrame(List.of(
        rating("r10", day(10), "s1", "g10", "ko", "noise", Map.of())), SilverImageRatings.SCHEMA));
    DeltaTable.forPath(spark, w.location(SilverSessions.TABLE))
        .updateExpr("session_id = 's2'", Map.of(SilverSessions.MODEL_NAME, "'sdxl-1.0'"));
    DeltaTable.forPath(spark, w.location(SilverFeedbackAttempts.TABLE))
        .updateExpr("attempt_id = 'a4'", Map.of(SilverFeedbackAttempts.PASSED, "true"));
    Inputs.Scope scope = OutcomeFacts.scope(w, StepState.last(w, OutcomeFacts.STATE_STEP).versions());
    filtered = Inputs.load(w, false, Optional.of(scope), KeyFilter.MAX_KEYS);
    semiJoined = Inputs.load(w, false, Optional.of(scope), 0);
  }

  @AfterAll
  static void forget() {
    TestSpark.forgetCatalog();
  }

  @Test
  void bothReadsRecomputeTheOutcomesOfTheChangedKeys() {
    for (Inputs in : List.of(filtered, semiJoined)) {
      Map<String, String> models = new TreeMap<>();
      for (Row r : in.outcomes().select(col(Outcomes.KIND), col(Outcomes.OUTCOME_ID), col(Outcomes.MODEL))
          .collectAsList()) {
        models.put(r.getString(0) + ":" + r.getString(1), r.getString(2));
      }
      // g5..g9 (s2, unrated), r10 (new, of g10), r7 (s2; its generation g2 of s1 gives the model, g2's own outcome
      // is not recomputed), r8 (s2, no generation: the session's new model) and a4
      Map<String, String> expected = new TreeMap<>(Map.of("generation:g5", "sd-v1.5", "generation:g6", "sd-v1.5",
          "generation:g7", "sd-v1.5", "generation:g8", "sd-v1.5", "generation:g9", "sd-v1.5", "image:r10", "sd-v1.5",
          "image:r7", "sd-v1.5", "image:r8", "sdxl-1.0"));
      expected.put("attempt:a4", models.get("attempt:a4"));
      assertEquals(expected, models);
      // g5..g10 and the referenced g2
      assertEquals(7, in.counts().count("generations.read"), in.counts().counts().toString());
      assertEquals(1, in.counts().count("attempts.read"));
    }
  }

  @Test
  void theFilteredAndTheSemiJoinedReadGiveTheSameOutcomesAndCounts() {
    assertEquals(Canonical.rows(filtered.outcomes()), Canonical.rows(semiJoined.outcomes()));
    assertEquals(filtered.counts().counts(), semiJoined.counts().counts());
  }

  @Test
  void theReadSaysWhenItSemiJoined() {
    assertTrue(filtered.counts().notes().stream().noneMatch(n -> n.contains("semi-joins")),
        filtered.counts().notes().toString());
    assertTrue(semiJoined.counts().notes().contains("outcomes: scoped reads by broadcast semi-joins (a key set above 0 "
        + "keys): silver.generations, silver.image_ratings, silver.generations (referenced), silver.sessions, "
        + "silver.feedback_attempts"), semiJoined.counts().notes().toString());
  }
}

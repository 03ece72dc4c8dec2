package io.genlake.failure;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import io.genlake.config.Fingerprint;
import io.genlake.ops.StepState;
import io.genlake.pipeline.StepResult;
import io.genlake.table.GoldFailureOutcomes;
import io.genlake.table.SilverFeedbackAttempts;
import io.genlake.table.SilverGenerations;
import io.genlake.table.SilverImageRatings;
import io.genlake.table.SilverSessions;
import io.genlake.warehouse.TableId;
import io.genlake.warehouse.Warehouse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Keeps {@code gold.failure_outcomes} equal to the outcomes of the silver inputs. In full: every outcome,
 * overwritten. Incrementally: the keys changed since the recorded versions ({@link FailureChanges}) name the
 * generations, images, sessions and attempts whose outcomes may differ; those outcomes are recomputed from silver
 * (scoped reads: the key sets filter each silver table once, {@link KeyFilter}), and one MERGE replaces the old rows
 * of the touched keys (deleting outcomes that no longer exist, e.g. a generation that is now rated). The versions
 * read at the start are recorded under {@link #STATE_STEP} once the table is written, so a run killed midway redoes
 * the same work.
 */
final class OutcomeFacts {
  static final String STATE_STEP = "failure.outcomes";
  /** Bumped whenever outcome rows change meaning (attributes, items, rules), so the table is rebuilt. */
  private static final String FORMAT = "failure-outcomes-1";
  static final List<TableId> INPUTS = List.of(SilverGenerations.TABLE, SilverImageRatings.TABLE, SilverSessions.TABLE,
      SilverFeedbackAttempts.TABLE);

  private OutcomeFacts() {}

  /** What the rows depend on besides the inputs: the code's format and whether test sessions are kept. */
  static String basis(boolean includeTestSessions) {
    return Fingerprint.of(List.of(FORMAT, includeTestSessions));
  }

  /**
   * Brings the table up to date; returns the bad-input counts of the outcomes recomputed, {@code outcomes.mode}
   * (full or incremental, with why) and the rows written. {@code attempts} of the returned inputs are every attempt.
   */
  static Result update(Warehouse w, boolean includeTestSessions, boolean forceFull, String runId) {
    Map<String, Long> now = new java.util.LinkedHashMap<>();
    for (TableId t : INPUTS) {
      w.version(t).ifPresent(v -> now.put(t.qualifiedName(), v));
    }
    String basis = basis(includeTestSessions);
    FailureChanges.Since since = FailureChanges.since(w, STATE_STEP, INPUTS, GoldFailureOutcomes.TABLE, basis,
        forceFull);
    StepResult result = new StepResult();
    Inputs in;
    if (!since.incremental()) {
      in = Inputs.load(w, includeTestSessions);
      result.note("outcomes: full (" + since.whyFull() + ")");
      w.ensure(GoldFailureOutcomes.SPEC);
      w.overwrite(GoldFailureOutcomes.TABLE, conform(w, in.outcomes()));
      long rows = w.lastCommitMetric(GoldFailureOutcomes.TABLE, "numOutputRows");
      result.table(GoldFailureOutcomes.TABLE, rows, rows, w.version(GoldFailureOutcomes.TABLE));
    } else {
      Map<String, Long> recorded = since.versions().orElseThrow();
      Inputs.Scope scope = scope(w, recorded);
      in = Inputs.load(w, includeTestSessions, Optional.of(scope));
      result.note("outcomes: incremental (changes since " + recorded + ")");
      long touched = merge(w, in.outcomes(), scope, result);
      for (Dataset<Row> keys : List.of(scope.generations(), scope.images(), scope.sessions(), scope.attempts())) {
        keys.unpersist();
      }
      result.table(GoldFailureOutcomes.TABLE, touched, touched, w.version(GoldFailureOutcomes.TABLE));
    }
    result.add(in.counts());
    StepState.record(w, STATE_STEP, now, basis, runId);
    return new Result(in, result);
  }

  /** The inputs read (attempts: all of them) and the counts of this update. */
  record Result(Inputs inputs, StepResult counts) {}

  /** The keys changed since {@code recorded}: generations (also those of changed ratings), images, sessions, attempts. */
  static Inputs.Scope scope(Warehouse w, Map<String, Long> recorded) {
    Dataset<Row> generations = FailureChanges.changedKeys(w, SilverGenerations.TABLE, recorded,
            SilverGenerations.GENERATION_ID)
        .unionByName(FailureChanges.changedKeys(w, SilverImageRatings.TABLE, recorded, SilverImageRatings.GENERATION_ID))
        .distinct().cache();
    return new Inputs.Scope(generations,
        FailureChanges.changedKeys(w, SilverImageRatings.TABLE, recorded, SilverImageRatings.IMAGE_ID).cache(),
        FailureChanges.changedKeys(w, SilverSessions.TABLE, recorded, SilverSessions.SESSION_ID).cache(),
        FailureChanges.changedKeys(w, SilverFeedbackAttempts.TABLE, recorded, SilverFeedbackAttempts.ATTEMPT_ID).cache());
  }

  /**
   * Replaces the outcomes of the touched keys. The table rows tied to a changed key are found in one scan of its key
   * columns. When there are none (the usual night: new generations, ratings and attempts), the recomputed outcomes
   * are appended; otherwise one MERGE deletes the old rows no recomputed outcome has, updates those it has and
   * inserts the new ones. Returns the keys touched (old and recomputed).
   */
  private static long merge(Warehouse w, Dataset<Row> fresh, Inputs.Scope scope, StepResult result) {
    Dataset<Row> table = w.read(GoldFailureOutcomes.TABLE).select(col(Outcomes.SOURCE), col(Outcomes.KIND),
        col(Outcomes.OUTCOME_ID), col(Outcomes.GENERATION_ID), col(Outcomes.SESSION_ID));
    Column generationKind = col(Outcomes.SOURCE).equalTo(lit(Outcomes.GENERATION));
    KeyFilter.Read touchedRows = KeyFilter.rows(table, List.of(Outcomes.KIND, Outcomes.OUTCOME_ID), KeyFilter.MAX_KEYS,
        List.of(new KeyFilter.Match(Outcomes.GENERATION_ID, scope.generations(), generationKind),
            new KeyFilter.Match(Outcomes.OUTCOME_ID, scope.images(), col(Outcomes.KIND).equalTo(lit(Outcomes.IMAGE))),
            new KeyFilter.Match(Outcomes.SESSION_ID, scope.sessions(), generationKind),
            new KeyFilter.Match(Outcomes.OUTCOME_ID, scope.attempts(),
                col(Outcomes.KIND).equalTo(lit(Outcomes.ATTEMPT)))));
    Dataset<Row> old = touchedRows.rows()
        .select(col(Outcomes.KIND).as("o_kind"), col(Outcomes.OUTCOME_ID).as("o_id")).distinct().cache();
    long oldRows = old.count();
    Dataset<Row> freshRows = conform(w, fresh);
    long freshRowsCount = fresh.count();
    if (oldRows == 0) {
      old.unpersist();
      if (freshRowsCount > 0) {
        w.append(GoldFailureOutcomes.TABLE, freshRows);
      }
      result.note("outcomes: " + freshRowsCount + " appended (no existing outcome touched)");
      return freshRowsCount;
    }
    Dataset<Row> keys = old.unionByName(freshRows.select(col(Outcomes.KIND).as("o_kind"),
        col(Outcomes.OUTCOME_ID).as("o_id"))).distinct();
    Dataset<Row> source = keys.join(freshRows.withColumn("_present", lit(true)),
        col("o_kind").equalTo(col(Outcomes.KIND)).and(col("o_id").equalTo(col(Outcomes.OUTCOME_ID))), "left").cache();
    long touched = source.count();
    Map<String, String> values = new java.util.LinkedHashMap<>();
    for (String c : GoldFailureOutcomes.SCHEMA.fieldNames()) {
      values.put(c, "s." + c);
    }
    DeltaTable.forPath(w.spark(), w.location(GoldFailureOutcomes.TABLE)).as("t")
        .merge(source.as("s"), "t." + Outcomes.KIND + " = s.o_kind AND t." + Outcomes.OUTCOME_ID + " = s.o_id")
        .whenMatched("s._present IS NULL").delete()
        .whenMatched().updateExpr(values)
        .whenNotMatched("s._present IS NOT NULL").insertExpr(values)
        .execute();
    source.unpersist();
    old.unpersist();
    result.note("outcomes: " + touched + " merged (" + oldRows + " existing outcomes touched)");
    return touched;
  }

  /** {@code data} in the table's column order and types. */
  static Dataset<Row> conform(Warehouse w, Dataset<Row> data) {
    return w.spark().createDataFrame(data.select(java.util.Arrays.stream(GoldFailureOutcomes.SCHEMA.fields())
        .map(f -> col(f.name()).cast(f.dataType())).toArray(Column[]::new)).javaRDD(), GoldFailureOutcomes.SCHEMA);
  }
}

package io.genlake.failure;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.genlake.config.Fingerprint;
import io.genlake.ops.StepState;
import io.genlake.pipeline.Concurrently;
import io.genlake.pipeline.StepResult;
import io.genlake.table.GoldFailureCombinations;
import io.genlake.table.GoldFailureCounts;
import io.genlake.table.GoldFailureOutcomes;
import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import io.genlake.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * The failure step's additive state, kept equal to a recount of {@code gold.failure_outcomes}:
 * {@code gold.failure_combinations} (pattern mining's counts) and {@code gold.failure_counts} (outcome counts by
 * dimension and day). In full, each is counted from every outcome and overwritten. Incrementally, the outcome
 * table's change feed since the version a state reflects gives signed rows (+1 inserted or new image, −1 deleted or
 * old image), whose counts are folded into the stored rows, rewritten in one commit ({@link AdditiveState}). Each
 * state records, under a state entry of its own, the outcome-table version it reflects and its own version after the
 * write: a state whose version moved since (a run killed between its write and its record) is recounted instead of
 * being added to twice.
 */
final class FailureAggregates {
  /** Bumped whenever counting changes meaning, so the states are recounted. */
  private static final String FORMAT = "failure-aggregates-1";

  private FailureAggregates() {}

  /** One additive state: its table, state entry, and how weighted outcome rows become its rows. */
  private record State(TableSpec spec, String stateStep, List<String> keys, String countColumn,
      Map<String, String> folded, Function<Dataset<Row>, Dataset<Row>> count) {}

  /** Brings both states up to date with the outcome table; {@code full} recounts them. */
  static StepResult update(Warehouse w, int maxItems, boolean full, String runId) {
    StepResult result = new StepResult();
    Map<String, String> comboFold = new LinkedHashMap<>(AdditiveState.sums(
        List.of(GoldFailureCombinations.OUTCOMES, GoldFailureCombinations.FAILURES)));
    comboFold.put(GoldFailureCombinations.SIZE, "max(" + GoldFailureCombinations.SIZE + ")"); // one size per key
    comboFold.put(GoldFailureCombinations.FAILURES_BY_CATEGORY,
        AdditiveState.mapSum(GoldFailureCombinations.FAILURES_BY_CATEGORY));
    List<State> states = List.of(
        new State(GoldFailureCombinations.SPEC, "failure.combinations",
            List.of(GoldFailureCombinations.MODEL, GoldFailureCombinations.PATTERN_KEY), GoldFailureCombinations.OUTCOMES,
            comboFold, weighted -> CombinationCounts.count(w.spark(), weighted, maxItems, 1)),
        new State(GoldFailureCounts.SPEC, "failure.counts", GoldFailureCounts.KEY, GoldFailureCounts.OUTCOMES,
            AdditiveState.sums(GoldFailureCounts.MEASURES), OutcomeCounts::of));
    String basis = Fingerprint.of(List.of(FORMAT, maxItems));
    // two tables and two state entries, no conflict: both at once, so one's driver-side work (change-feed read,
    // planning, commit) overlaps with the other's tasks
    List<Concurrently.Call<StepResult>> updates = states.stream()
        .<Concurrently.Call<StepResult>>map(s -> () -> update(w, s, basis, full, runId)).toList();
    Concurrently.calls(updates.size(), updates).forEach(result::add);
    return result;
  }

  private static StepResult update(Warehouse w, State s, String basis, boolean full, String runId) {
    TableId facts = GoldFailureOutcomes.TABLE;
    TableId own = s.spec().id();
    long factsVersion = w.version(facts).orElseThrow();
    FailureChanges.Since since = FailureChanges.since(w, s.stateStep(), List.of(facts), own, basis, full);
    String whyFull = since.whyFull();
    if (since.incremental()) {
      Long recordedOwn = since.versions().get().get(own.qualifiedName());
      Optional<Long> ownNow = w.version(own);
      if (recordedOwn == null || !ownNow.equals(Optional.of(recordedOwn))) {
        whyFull = own + " was written after its last recorded update (a run stopped midway)";
        since = new FailureChanges.Since(Optional.empty(), whyFull);
      }
    }
    StepResult result = new StepResult();
    if (!since.incremental()) {
      Dataset<Row> weighted = w.read(facts).withColumn(CombinationCounts.WEIGHT, lit(1));
      w.ensure(s.spec());
      long rows = w.overwriteCounted(own, conform(w, s.count().apply(weighted), s.spec().schema()));
      result.note(own.name() + ": full (" + whyFull + ")");
      result.table(own, rows, rows, w.version(own));
    } else {
      Map<String, Long> recorded = since.versions().get();
      Optional<Dataset<Row>> changes = FailureChanges.changeRows(w, facts, recorded);
      if (changes.isPresent()) {
        Dataset<Row> weighted = changes.get().withColumn(CombinationCounts.WEIGHT, FailureChanges.sign()).cache();
        Dataset<Row> delta = conform(w, s.count().apply(weighted), s.spec().schema()).cache();
        long rows = delta.count();
        if (rows > 0) {
          AdditiveState.add(w, s.spec(), s.keys(), s.countColumn(), s.folded(), delta);
        }
        delta.unpersist();
        weighted.unpersist();
        result.note(own.name() + ": incremental (" + rows + " changed rows from " + facts + " after version "
            + recorded.get(facts.qualifiedName()) + ")");
        result.table(own, rows, rows, w.version(own));
      } else {
        result.note(own.name() + ": up to date with " + facts + " version " + factsVersion);
      }
    }
    Map<String, Long> versions = new LinkedHashMap<>();
    versions.put(facts.qualifiedName(), factsVersion);
    versions.put(own.qualifiedName(), w.version(own).orElseThrow());
    StepState.record(w, s.stateStep(), versions, basis, runId);
    return result;
  }

  /** {@code data} with the contract's columns, order and types. */
  static Dataset<Row> conform(Warehouse w, Dataset<Row> data, StructType schema) {
    List<Column> cols = new ArrayList<>();
    for (var f : schema.fields()) {
      cols.add(col(f.name()).cast(f.dataType()));
    }
    return w.spark().createDataFrame(data.select(cols.toArray(new Column[0])).javaRDD(), schema);
  }
}

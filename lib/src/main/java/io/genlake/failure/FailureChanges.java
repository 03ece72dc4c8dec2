package io.genlake.failure;

import static org.apache.spark.sql.functions.col;

import io.genlake.ops.StepState;
import io.genlake.warehouse.TableId;
import io.genlake.warehouse.Warehouse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Incremental bookkeeping of the failure step: which versions of its inputs a derived table reflects (recorded in
 * {@code ops.step_state} under a name of its own, with a basis fingerprint), whether an incremental update can start
 * from them, and the distinct keys of the change rows since then (Delta's Change Data Feed: inserts, update pre-
 * and post-images, deletes). When a recorded version was vacuumed, the table was recreated, the basis changed or
 * nothing was recorded, {@link #since} says why and the caller recomputes in full. Cost: one read of each input's
 * change feed over the versions after the recorded ones.
 */
final class FailureChanges {
  private FailureChanges() {}

  /** Either the recorded versions to read changes from, or why the table must be recomputed in full. */
  record Since(Optional<Map<String, Long>> versions, String whyFull) {
    boolean incremental() {
      return versions.isPresent();
    }
  }

  /**
   * Where {@code output}, maintained under state entry {@code stateStep} from {@code inputs}, can be updated from.
   * Full when {@code forceFull}, the output is missing, nothing was recorded, the basis differs, an input was not
   * read last time, or the changes since the recorded versions are gone.
   */
  static Since since(Warehouse w, String stateStep, List<TableId> inputs, TableId output, String basis,
      boolean forceFull) {
    if (forceFull) {
      return full("--full");
    }
    if (!w.exists(output)) {
      return full(output + " does not exist yet");
    }
    StepState.Processed last = StepState.last(w, stateStep);
    if (last.versions().isEmpty()) {
      return full("no run recorded the versions " + output + " reflects");
    }
    if (!last.configHash().orElse("").equals(basis)) {
      return full("the configuration or code that " + output + " depends on changed since it was computed");
    }
    for (TableId in : inputs) {
      if (w.exists(in) && !last.versions().containsKey(in.qualifiedName())) {
        return full(in + " was not read when " + output + " was computed");
      }
    }
    Optional<String> gone = StepState.unavailable(w, last.versions());
    return gone.map(FailureChanges::full).orElseGet(() -> new Since(Optional.of(last.versions()), ""));
  }

  private static Since full(String why) {
    return new Since(Optional.empty(), why);
  }

  /** Distinct non-null values of {@code column} in the change rows of {@code table} after its recorded version. */
  static Dataset<Row> changedKeys(Warehouse w, TableId table, Map<String, Long> versions, String column) {
    return changeRows(w, table, versions).map(rows -> rows.select(col(column).as("key"))
        .where(col("key").isNotNull()).distinct())
        .orElseGet(() -> w.spark().createDataFrame(List.of(), new StructType().add("key", DataTypes.StringType)));
  }

  /**
   * The change rows of {@code table} after its recorded version (with {@code _change_type}), or empty when it did
   * not change. A table created since the recording is read from its first version.
   */
  static Optional<Dataset<Row>> changeRows(Warehouse w, TableId table, Map<String, Long> versions) {
    Optional<Long> now = w.version(table);
    if (now.isEmpty()) {
      return Optional.empty();
    }
    Long from = versions.get(table.qualifiedName());
    if (from != null && now.get().equals(from)) {
      return Optional.empty();
    }
    return Optional.of(w.spark().read().format("delta").option("readChangeFeed", "true")
        .option("startingVersion", from == null ? 0 : from + 1).load(w.location(table)));
  }

  /** +1 for inserts and post-images, −1 for deletes and pre-images: the row's weight in additive aggregates. */
  static Column sign() {
    return org.apache.spark.sql.functions.when(col("_change_type").isin("delete", "update_preimage"), -1).otherwise(1);
  }
}

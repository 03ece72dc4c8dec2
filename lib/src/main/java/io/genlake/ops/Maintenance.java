package io.genlake.ops;

import io.delta.tables.DeltaTable;
import io.genlake.pipeline.Progress;
import io.genlake.pipeline.StepResult;
import io.genlake.table.SilverFeedbackAttempts;
import io.genlake.table.SilverGenerations;
import io.genlake.table.SilverImageRatings;
import io.genlake.warehouse.Layer;
import io.genlake.warehouse.TableId;
import io.genlake.warehouse.Warehouse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Table maintenance: OPTIMIZE (bin-packing small files, Z-ORDER on the columns the reports filter by) and
 * VACUUM with a retention guard that never removes a version an incremental step still has to read (see
 * {@link StepState#oldestNeeded}). VACUUM deletes only files no longer referenced by versions inside the
 * retention window; it runs only when asked for explicitly.
 */
public final class Maintenance {
  /** Columns to cluster by: the filters of the failure, preference and export queries. */
  static final Map<TableId, List<String>> Z_ORDER = Map.of(
      SilverGenerations.TABLE, List.of(SilverGenerations.MODEL_NAME, SilverGenerations.CHECKPOINT),
      SilverImageRatings.TABLE, List.of(SilverImageRatings.SESSION_ID),
      SilverFeedbackAttempts.TABLE, List.of(SilverFeedbackAttempts.CATEGORY));

  /** The default and minimum retention Delta itself enforces: 7 days. */
  public static final int DEFAULT_RETAIN_HOURS = 168;

  private Maintenance() {}

  /** OPTIMIZE every table (Z-ORDER where configured); one rewrite per table that has small files. */
  public static StepResult optimize(Warehouse warehouse, Progress progress) {
    StepResult result = new StepResult();
    for (TableId id : allTables(warehouse)) {
      long t0 = System.nanoTime();
      DeltaTable table = DeltaTable.forPath(warehouse.spark(), warehouse.location(id));
      List<String> z = zOrderable(warehouse, id, table, result);
      Row metrics = z.isEmpty()
          ? table.optimize().executeCompaction().select("metrics.numFilesAdded", "metrics.numFilesRemoved").first()
          : table.optimize().executeZOrderBy(z.toArray(new String[0]))
              .select("metrics.numFilesAdded", "metrics.numFilesRemoved").first();
      long removed = metrics.getLong(1);
      result.count("optimize.files_removed", removed).count("optimize.files_added", metrics.getLong(0));
      progress.step("maintain", "optimize " + id + (z.isEmpty() ? "" : " z-order " + z) + ": " + removed
          + " files compacted into " + metrics.getLong(0) + " in " + Progress.seconds(System.nanoTime() - t0));
    }
    return result;
  }

  /**
   * The configured Z-ORDER columns of {@code id} that the table has and keeps statistics on (Delta refuses to
   * cluster by a column without them); each one left out is noted with the reason.
   */
  private static List<String> zOrderable(Warehouse warehouse, TableId id, DeltaTable table, StepResult result) {
    List<String> z = Z_ORDER.getOrDefault(id, List.of());
    if (z.isEmpty()) {
      return z;
    }
    List<String> columns = Arrays.asList(table.toDF().columns());
    String stats = table.detail().select("properties").first().getJavaMap(0)
        .getOrDefault(STATS_COLUMNS, "").toString();
    List<String> withStats = Arrays.asList(stats.split(","));
    List<String> out = new java.util.ArrayList<>();
    for (String c : z) {
      if (!columns.contains(c)) {
        result.note("optimize " + id + ": no z-order on " + c + ", the table has no such column");
      } else if (!stats.isEmpty() && !withStats.contains(c)) {
        result.note("optimize " + id + ": no z-order on " + c + ", Delta keeps no statistics on it ("
            + STATS_COLUMNS + " = " + stats + "); the next ingestion adds them, then maintain clusters by it");
      } else {
        out.add(c);
      }
    }
    return out;
  }

  private static final String STATS_COLUMNS = "delta.dataSkippingStatsColumns";

  /**
   * VACUUM every table, keeping at least {@code retainHours} of history, and more where a step still needs an
   * older version: the retention is raised to cover that version's commit time, and the result says so.
   */
  public static StepResult vacuum(Warehouse warehouse, int retainHours, Progress progress) {
    StepResult result = new StepResult();
    Map<String, Long> needed = StepState.oldestNeeded(warehouse);
    for (TableId id : allTables(warehouse)) {
      DeltaTable table = DeltaTable.forPath(warehouse.spark(), warehouse.location(id));
      double hours = retainHours;
      Optional<Long> version = Optional.ofNullable(needed.get(id.qualifiedName()));
      if (version.isPresent()) {
        Optional<Instant> committed = commitTime(table, version.get());
        if (committed.isPresent()) {
          double guard = Math.ceil(Duration.between(committed.get(), Instant.now()).toMinutes() / 60.0) + 1;
          if (guard > hours) {
            hours = guard;
            result.note("vacuum " + id + ": retention raised to " + (long) guard + " h to keep version "
                + version.get() + ", which an incremental step has not processed past");
          }
        }
      }
      long before = System.nanoTime();
      table.vacuum(hours);
      result.count("vacuum.tables", 1);
      progress.step("maintain", "vacuum " + id + " retaining " + (long) hours + " h in "
          + Progress.seconds(System.nanoTime() - before));
    }
    return result;
  }

  private static Optional<Instant> commitTime(DeltaTable table, long version) {
    List<Row> rows = table.history().where(functions.col("version").equalTo(version)).select("timestamp")
        .collectAsList();
    return rows.isEmpty() ? Optional.empty() : Optional.of(((Timestamp) rows.get(0).get(0)).toInstant());
  }

  private static List<TableId> allTables(Warehouse warehouse) {
    return Arrays.stream(Layer.values()).flatMap(l -> warehouse.listTables(l).stream()).toList();
  }
}

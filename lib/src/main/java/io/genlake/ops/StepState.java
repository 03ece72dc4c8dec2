package io.genlake.ops;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.struct;

import io.genlake.warehouse.Layer;
import io.genlake.warehouse.TableId;
import io.genlake.warehouse.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Reads and records {@link OpsStepState}: which input versions each step last processed. Tiny table; every
 * call is one small Delta read or append.
 */
public final class StepState {
  /** What a step last processed: input table to version, and its encoded state values (column config_hash). */
  public record Processed(Map<String, Long> versions, Optional<String> configHash) {
    public static final Processed NONE = new Processed(Map.of(), Optional.empty());
  }

  private StepState() {}

  /** The state of {@code step}'s last successful run, or {@link Processed#NONE}. */
  public static Processed last(Warehouse warehouse, String step) {
    return lastOfEach(warehouse).getOrDefault(step, Processed.NONE);
  }

  /**
   * The state of every step's last successful run, in one small read (steps never run are absent): the versions
   * and state recorded by the step's most recent run only, so tables a step no longer reads drop out.
   */
  public static Map<String, Processed> lastOfEach(Warehouse warehouse) {
    Map<String, Processed> out = new LinkedHashMap<>();
    if (!warehouse.exists(OpsStepState.TABLE)) {
      return out;
    }
    List<Row> rows = warehouse.read(OpsStepState.TABLE)
        .groupBy(col(OpsStepState.STEP), col(OpsStepState.INPUT_TABLE))
        .agg(max_by(struct(col(OpsStepState.VERSION), col(OpsStepState.CONFIG_HASH), col(OpsStepState.RUN_ID),
            col(OpsStepState.RECORDED_AT)), col(OpsStepState.RECORDED_AT)).as("last"))
        .orderBy(col(OpsStepState.STEP), col(OpsStepState.INPUT_TABLE))
        .collectAsList();
    Map<String, Row> latestRun = new LinkedHashMap<>();
    for (Row r : rows) {
      Row last = r.getStruct(2);
      latestRun.merge(r.getString(0), last, (a, b) -> a.getTimestamp(3).before(b.getTimestamp(3)) ? b : a);
    }
    for (Row r : rows) {
      Row last = r.getStruct(2);
      if (!last.getString(2).equals(latestRun.get(r.getString(0)).getString(2))) {
        continue; // recorded by an older run of the step
      }
      Processed p = out.getOrDefault(r.getString(0), Processed.NONE);
      Map<String, Long> versions = new LinkedHashMap<>(p.versions());
      versions.put(r.getString(1), last.getLong(0));
      out.put(r.getString(0), new Processed(versions, Optional.ofNullable(last.getString(1))));
    }
    return out;
  }

  /**
   * Records that {@code step} processed {@code versions} with state {@code state} (its encoded state values, kept in
   * the {@code config_hash} column). One small append; nothing when {@code versions} is empty. {@code recorded_at}
   * orders a step's runs ({@link #lastOfEach}), so it is the wall clock, not a run's (possibly fixed) clock.
   */
  public static synchronized void record(Warehouse warehouse, String step, Map<String, Long> versions,
      String state, String runId) {
    if (versions.isEmpty()) {
      return;
    }
    warehouse.ensure(OpsStepState.SPEC);
    Timestamp now = Timestamp.from(Instant.now());
    List<Row> rows = new ArrayList<>();
    versions.forEach((table, version) -> rows.add(RowFactory.create(step, table, version, state, runId, now)));
    warehouse.append(OpsStepState.TABLE,
        warehouse.spark().createDataFrame(rows, OpsStepState.SCHEMA).coalesce(1));
  }

  /** For each input table, the oldest version some step still needs (what VACUUM must keep readable). */
  public static Map<String, Long> oldestNeeded(Warehouse warehouse) {
    Map<String, Long> out = new LinkedHashMap<>();
    if (!warehouse.exists(OpsStepState.TABLE)) {
      return out;
    }
    List<Row> latest = warehouse.read(OpsStepState.TABLE)
        .groupBy(col(OpsStepState.STEP), col(OpsStepState.INPUT_TABLE))
        .agg(max_by(col(OpsStepState.VERSION), col(OpsStepState.RECORDED_AT)).as("v"))
        .collectAsList();
    for (Row r : latest) {
      out.merge(r.getString(1), r.getLong(2), Math::min);
    }
    return out;
  }

  /**
   * Whether the versions a step recorded can still be read: for each table whose version moved past the recorded
   * one, that version must still be in the Delta log and none of its data files removed by VACUUM; a table now
   * behind its recorded version was recreated or restored. Returns a message for the first table that fails,
   * naming the version. Cost: one log replay and a file-existence check per data file of that version.
   */
  public static Optional<String> unavailable(Warehouse warehouse, Map<String, Long> recorded) {
    for (Map.Entry<String, Long> e : recorded.entrySet()) {
      TableId id = parse(e.getKey());
      long version = e.getValue();
      Optional<Long> current = warehouse.version(id);
      if (current.isEmpty() || current.get() == version) {
        continue;
      }
      if (current.get() < version) {
        return Optional.of("the changes since version " + version + " of " + id + " are no longer available (the table"
            + " is at version " + current.get() + ": it was recreated or restored)");
      }
      if (!readable(warehouse, id, version)) {
        return Optional.of("the changes since version " + version + " of " + id
            + " are no longer available (vacuumed)");
      }
    }
    return Optional.empty();
  }

  private static boolean readable(Warehouse warehouse, TableId id, long version) {
    String[] files;
    try {
      files = warehouse.spark().read().format("delta").option("versionAsOf", version).load(warehouse.location(id))
          .inputFiles();
    } catch (RuntimeException e) { // the log no longer holds the version (cleaned up past its retention)
      return false;
    }
    try {
      for (String f : files) {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(f);
        FileSystem fs = path.getFileSystem(warehouse.spark().sparkContext().hadoopConfiguration());
        if (!fs.exists(path)) {
          return false;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot check the files of version " + version + " of " + id + ": "
          + e.getMessage(), e);
    }
    return true;
  }

  private static TableId parse(String qualifiedName) {
    int dot = qualifiedName.indexOf('.');
    return new TableId(Layer.valueOf(qualifiedName.substring(0, dot).toUpperCase(Locale.ROOT)),
        qualifiedName.substring(dot + 1));
  }
}

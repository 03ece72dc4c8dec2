package io.genlake.pipeline;

import static org.apache.spark.sql.functions.col;

import io.genlake.warehouse.MissingTableException;
import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import io.genlake.warehouse.Warehouse;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * The input versions a step works on, pinned by the scheduler before the step starts, and the versions its last
 * successful run processed when the step may work incrementally from them ({@link #since()}). Reads go through
 * Delta time travel at the pinned version ({@link #read}) and the Change Data Feed between the two
 * ({@link #changes}), so a step sees exactly what the scheduler records for it in {@code ops.step_state}, whatever
 * is committed to its inputs meanwhile.
 */
public final class PinnedInputs {
  private final Warehouse warehouse;
  private final Map<TableId, Long> versions;
  private final Optional<Map<TableId, Long>> since;
  private final String whyFull;

  /**
   * @param versions the pinned version of every declared input that exists
   * @param since the versions the step's outputs reflect, when it may work from them incrementally
   * @param whyFull why not, when {@code since} is empty ("" on --full)
   */
  public PinnedInputs(Warehouse warehouse, Map<TableId, Long> versions, Optional<Map<TableId, Long>> since,
      String whyFull) {
    this.warehouse = warehouse;
    this.versions = Collections.unmodifiableMap(new LinkedHashMap<>(versions));
    this.since = since.map(s -> Collections.unmodifiableMap(new LinkedHashMap<>(s)));
    this.whyFull = whyFull;
  }

  /**
   * The current versions of {@code tables}, with no incremental baseline: for calling a step's code directly (tests,
   * benchmarks) outside the scheduler. Cost: one Delta log check per table.
   */
  public static PinnedInputs current(Warehouse warehouse, List<TableId> tables) {
    return new PinnedInputs(warehouse, pin(warehouse, tables), Optional.empty(), "no baseline given");
  }

  /** The current version of each of {@code tables} that exists (what the scheduler pins). One log check per table. */
  public static Map<TableId, Long> pin(Warehouse warehouse, List<TableId> tables) {
    Map<TableId, Long> out = new LinkedHashMap<>();
    for (TableId t : tables) {
      warehouse.version(t).ifPresent(v -> out.put(t, v));
    }
    return out;
  }

  /** The pinned versions (tables that did not exist when pinned are absent). */
  public Map<TableId, Long> versions() {
    return versions;
  }

  /** The pinned version of {@code table}, empty when it did not exist. */
  public Optional<Long> version(TableId table) {
    return Optional.ofNullable(versions.get(table));
  }

  /** True when {@code table} existed when the inputs were pinned. */
  public boolean exists(TableId table) {
    return versions.containsKey(table);
  }

  /** The versions the step's outputs reflect, when it may work incrementally from them; else empty. */
  public Optional<Map<TableId, Long>> since() {
    return since;
  }

  /** Why {@link #since()} is empty: no earlier run, its state changed, an output is missing, or --full (""). */
  public String whyFull() {
    return whyFull;
  }

  /** {@code table} at its pinned version; a table that did not exist fails with a message saying how to create it. */
  public Dataset<Row> read(TableId table) {
    Long v = versions.get(table);
    if (v == null) {
      throw new MissingTableException(table, warehouse.location(table));
    }
    return warehouse.spark().read().format("delta").option("versionAsOf", v).load(warehouse.location(table));
  }

  /** {@code spec}'s table at its pinned version, or an empty frame of its schema when it did not exist. */
  public Dataset<Row> readOrEmpty(TableSpec spec) {
    return exists(spec.id()) ? read(spec.id()) : warehouse.spark().createDataFrame(List.of(), spec.schema());
  }

  /** True when {@code table}'s pinned version differs from the one in {@link #since()}. */
  public boolean changed(TableId table) {
    Map<TableId, Long> from = baseline();
    return !java.util.Objects.equals(from.get(table), versions.get(table));
  }

  /**
   * The distinct {@code columns} of every change row (insert, update pre- and post-image, delete) of {@code spec}'s
   * table after its version in {@link #since()} up to and including the pinned one; an empty frame when it did not
   * change or does not exist. A table absent from the baseline counts from its first version. Cost: a read of the
   * change files of those versions only.
   */
  public Dataset<Row> changes(TableSpec spec, String... columns) {
    TableId table = spec.id();
    Long start = baseline().get(table);
    Column[] cols = Arrays.stream(columns).map(c -> col(c)).toArray(Column[]::new);
    if (!changed(table) || !exists(table)) {
      StructType keys = new StructType();
      for (String c : columns) {
        keys = keys.add(spec.schema().apply(c));
      }
      return warehouse.spark().createDataFrame(List.of(), keys);
    }
    return warehouse.spark().read().format("delta").option("readChangeFeed", "true")
        .option("startingVersion", start == null ? 0 : start + 1).option("endingVersion", versions.get(table))
        .load(warehouse.location(table)).select(cols).distinct();
  }

  private Map<TableId, Long> baseline() {
    return since.orElseThrow(() -> new IllegalStateException("No incremental baseline: " + whyFull));
  }
}

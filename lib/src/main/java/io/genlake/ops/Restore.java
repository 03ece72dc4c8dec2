package io.genlake.ops;

import io.delta.tables.DeltaTable;
import io.genlake.pipeline.StepResult;
import io.genlake.warehouse.Layer;
import io.genlake.warehouse.TableId;
import io.genlake.warehouse.Warehouse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.spark.sql.Row;

/**
 * Backup and restore through Delta time travel (seed 002's migration strategy: roll a table back when an import
 * went wrong): {@code RESTORE} a warehouse table to an earlier version or to its state at a timestamp. Delta keeps
 * the history, so the restore is itself a new version and can be undone by restoring the version it replaced.
 * Versions removed by VACUUM cannot be restored (Delta refuses; the message says so). Cost: one Delta commit that
 * re-adds the target version's files and removes the others; no data is copied.
 */
public final class Restore {
  private Restore() {}

  /** Where to restore to: a version, or the table's state at a timestamp (UTC). */
  public record Target(OptionalLong version, Optional<Timestamp> timestamp) {
    /** Exactly one of version and timestamp. */
    public Target {
      if (version.isPresent() == timestamp.isPresent()) {
        throw new IllegalArgumentException("Give exactly one of --version and --timestamp.");
      }
    }

    /** {@code version 3} or {@code the state at 2026-11-20T10:15:00Z}. */
    public String describe() {
      return version.isPresent() ? "version " + version.getAsLong()
          : "its state at " + timestamp.orElseThrow().toInstant();
    }
  }

  /** What a restore did: the version the table was at before (to undo with), and the version it wrote. */
  public record Result(TableId table, long previousVersion, long newVersion, Target target, StepResult counts) {}

  /** {@code layer.table} as the commands name tables, checked against the warehouse. */
  public static TableId table(Warehouse w, String name) {
    int dot = name.indexOf('.');
    Layer layer = null;
    if (dot > 0) {
      try {
        layer = Layer.valueOf(name.substring(0, dot).toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        layer = null;
      }
    }
    if (layer == null || dot == name.length() - 1) {
      throw new IllegalArgumentException("Cannot restore table '" + name + "': name it <layer>.<table>, e.g. "
          + "silver.image_ratings (layers: bronze, silver, gold, quarantine, ops).");
    }
    TableId id = new TableId(layer, name.substring(dot + 1).toLowerCase(Locale.ROOT));
    if (!w.exists(id)) {
      throw new IllegalArgumentException("Cannot restore " + id + ": there is no such table under " + w.root()
          + " (list them with `bin/genlake sql \"SHOW TABLES IN " + layer.dirName() + "\"`).");
    }
    return id;
  }

  /** Parses {@code 2026-11-20T10:15:00Z}, {@code 2026-11-20T10:15:00} or {@code 2026-11-20 10:15:00} (UTC). */
  public static Timestamp timestamp(String text) {
    try {
      return Timestamp.from(Instant.parse(text));
    } catch (DateTimeParseException e) {
      try {
        return Timestamp.from(LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC));
      } catch (DateTimeParseException f) {
        throw new IllegalArgumentException("Cannot read --timestamp '" + text + "': give an ISO-8601 time such as "
            + "2026-11-20T10:15:00Z (UTC when no zone is given).");
      }
    }
  }

  /** The table's current version (what a restore would replace). */
  public static long currentVersion(Warehouse w, TableId table) {
    return w.version(table).orElseThrow();
  }

  /**
   * Restores {@code table} to {@code target}. A version past the current one is refused before anything is written;
   * Delta refuses versions or times it no longer holds (vacuumed, before the first commit), with the reason.
   */
  public static Result restore(Warehouse w, TableId table, Target target) {
    long before = currentVersion(w, table);
    if (target.version().isPresent() && (target.version().getAsLong() < 0 || target.version().getAsLong() > before)) {
      throw new IllegalArgumentException("Cannot restore " + table + " to version " + target.version().getAsLong()
          + ": its versions run from 0 to " + before + " (see `bin/genlake sql \"DESCRIBE HISTORY " + table
          + "\"`).");
    }
    DeltaTable delta = DeltaTable.forPath(w.spark(), w.location(table));
    Row metrics;
    try {
      metrics = (target.version().isPresent() ? delta.restoreToVersion(target.version().getAsLong())
          : delta.restoreToTimestamp(target.timestamp().orElseThrow().toInstant().toString())).first();
    } catch (RuntimeException e) {
      throw new IllegalStateException("Cannot restore " + table + " to " + target.describe() + ": "
          + e.getMessage().lines().findFirst().orElse(e.toString()) + ". Versions removed by VACUUM cannot be "
          + "restored; see `bin/genlake sql \"DESCRIBE HISTORY " + table + "\"`.", e);
    }
    long after = currentVersion(w, table);
    StepResult counts = new StepResult().table(table, 0, 0, Optional.of(after));
    for (String f : metrics.schema().fieldNames()) {
      Object v = metrics.getAs(f);
      if (v instanceof Number n) {
        counts.count("restore." + f, n.longValue());
      }
    }
    counts.note("restored " + table + " to " + target.describe() + " (it was at version " + before + ", now version "
        + after + "); to undo: bin/genlake restore --table " + table + " --version " + before + " --yes");
    return new Result(table, before, after, target, counts);
  }
}

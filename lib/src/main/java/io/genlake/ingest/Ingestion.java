package io.genlake.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.genlake.ingest.Sources.Fingerprint;
import io.genlake.ingest.Sources.LandingFile;
import io.genlake.ingest.Sources.SqliteTable;
import io.genlake.ingest.Sources.Unit;
import io.genlake.pipeline.Progress;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StepResult;
import io.genlake.table.BronzeTables;
import io.genlake.table.QuarantineTables;
import io.genlake.warehouse.Warehouse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Ingestion: landing files and SQLite databases into {@code bronze.<stream>} (raw records with lineage),
 * {@code silver.*} (typed, validated, one row per natural key, latest event wins) and
 * {@code quarantine.<stream>} (every rejected record with its rule and reason).
 *
 * <p>Every source is found and checked before anything is written; one that cannot be read stops the run with
 * a message naming it. Unchanged files (same fingerprint as when last ingested) are not read again, unless the
 * run is {@code full}. Each kind's sources are read and validated in one pass, cached, then written: silver
 * (one shuffle on the key to deduplicate, a join and a MERGE only when silver already has rows), quarantine and
 * bronze (appends, anti-joined only against sources already present). Counts per silver table and in total
 * satisfy {@code read = accepted + duplicates + quarantined}.
 */
public final class Ingestion {
  private Ingestion() {}

  /** Ingests {@code streams} from {@code ctx.landing()} into the warehouse; see the class comment. */
  public static StepResult run(RunContext ctx, Set<Stream> streams) {
    long t0 = System.nanoTime();
    Warehouse warehouse = ctx.warehouse();
    Progress p = ctx.progress();
    Limits limits = Limits.of(ctx.config().ingest());
    Set<Kind> kinds = EnumSet.noneOf(Kind.class);
    for (Kind k : Kind.values()) {
      if (streams.contains(k.stream())) {
        kinds.add(k);
      }
    }
    // 1. find and check every source before writing anything
    LandingScan.Found found = LandingScan.scan(ctx.landing(), kinds);
    boolean nothing = found.files().isEmpty() && found.tables().isEmpty();
    Set<String> known = ctx.full() || nothing ? Set.of() : LandingWrites.knownFingerprints(warehouse);
    Set<String> unchangedKeys = new HashSet<>();
    List<Fingerprint> toRecord = new ArrayList<>();
    for (Fingerprint f : found.fingerprints()) {
      if (known.contains(LandingWrites.key(f))) {
        unchangedKeys.add(f.source() + "|" + f.stream().label());
      } else {
        toRecord.add(f);
      }
    }
    List<LandingFile> files = found.files().stream()
        .filter(f -> !unchangedKeys.contains(f.source() + "|" + f.kind().stream().label())).toList();
    List<SqliteTable> tables = found.tables().stream()
        .filter(t -> !unchangedKeys.contains(sqliteFile(t) + "|" + t.kind().stream().label())).toList();
    StepResult result = new StepResult();
    result.count("sources.read", toRecord.size()).count("sources.unchanged", unchangedKeys.size());
    found.notes().forEach(result::note);
    p.step("ingest", "landing " + ctx.landing() + ": " + files.size() + " files and " + tables.size()
        + " SQLite tables to read, " + unchangedKeys.size() + " sources unchanged since they were ingested");

    List<Unit> units = StageReader.units(ctx.spark(), files, ctx.config().ingest().splitBytes());
    Timestamp now = Timestamp.from(Instant.now());
    Totals totals = new Totals();
    for (Stream stream : Stream.values()) {
      if (!streams.contains(stream)) {
        continue;
      }
      ingestStream(ctx, stream, kinds, units, tables, limits, now, result, totals);
    }
    LandingWrites.recordFingerprints(warehouse, toRecord, ctx.runId(), now);
    result.count("read", totals.read).count("accepted", totals.accepted)
        .count("duplicates", totals.duplicates).count("quarantined", totals.quarantined);
    p.step("ingest", "total: read " + Progress.count(totals.read) + " = accepted " + Progress.count(totals.accepted)
        + " + duplicates " + Progress.count(totals.duplicates) + " + quarantined "
        + Progress.count(totals.quarantined) + " in " + Progress.seconds(System.nanoTime() - t0));
    return result;
  }

  private static final class Totals {
    long read;
    long accepted;
    long duplicates;
    long quarantined;
  }

  private static void ingestStream(RunContext ctx, Stream stream, Set<Kind> kinds, List<Unit> units,
      List<SqliteTable> tables, Limits limits, Timestamp now, StepResult result, Totals totals) {
    Warehouse warehouse = ctx.warehouse();
    List<Dataset<Row>> staged = new ArrayList<>();
    Set<String> sources = new HashSet<>();
    long streamRead = 0;
    long streamQuarantined = 0;
    for (Kind kind : kinds) {
      if (kind.stream() != stream) {
        continue;
      }
      List<Unit> kindUnits = units.stream().filter(u -> u.kind() == kind).toList();
      List<SqliteTable> kindTables = tables.stream().filter(t -> t.kind() == kind).toList();
      if (kindUnits.isEmpty() && kindTables.isEmpty()) {
        continue;
      }
      kindUnits.forEach(u -> sources.add(u.source()));
      kindTables.forEach(t -> sources.add(t.source()));
      long k0 = System.nanoTime();
      Dataset<Row> stage = StageReader.read(ctx.spark(), kind, kindUnits, kindTables, limits)
          .persist(StorageLevel.MEMORY_AND_DISK());
      staged.add(stage);
      Map<String, Long> byRule = ruleCounts(stage);
      long read = byRule.values().stream().mapToLong(Long::longValue).sum();
      long valid = byRule.getOrDefault("", 0L);
      long quarantined = read - valid;
      long k1 = System.nanoTime();
      SilverMerge.Outcome merged = SilverMerge.upsert(warehouse, kind, stage.where(col(Staging.RULE).isNull()),
          valid, ctx.runId(), now);
      String table = kind.silver().id().qualifiedName();
      result.count(table + ".read", read).count(table + ".accepted", merged.accepted())
          .count(table + ".duplicates", merged.duplicates()).count(table + ".quarantined", quarantined);
      byRule.forEach((rule, n) -> {
        if (!rule.isEmpty()) {
          result.count(table + ".quarantined." + rule, n);
        }
      });
      result.table(kind.silver().id(), valid, merged.accepted(),
          merged.committed() ? warehouse.version(kind.silver().id()) : java.util.Optional.empty());
      ctx.progress().step("ingest", table + ": read " + Progress.count(read) + " = accepted "
          + Progress.count(merged.accepted()) + " + duplicates " + Progress.count(merged.duplicates())
          + " + quarantined " + Progress.count(quarantined) + " (read and validated in "
          + Progress.seconds(k1 - k0) + ", merged in " + Progress.seconds(System.nanoTime() - k1) + ")");
      totals.read += read;
      totals.accepted += merged.accepted();
      totals.duplicates += merged.duplicates();
      totals.quarantined += quarantined;
      streamRead += read;
      streamQuarantined += quarantined;
    }
    if (staged.isEmpty()) {
      return;
    }
    long w0 = System.nanoTime();
    Dataset<Row> quarantine = quarantineRows(staged, ctx.runId(), now);
    long quarantinedNew = LandingWrites.appendNew(warehouse, QuarantineTables.spec(stream.quarantine()), quarantine,
        streamQuarantined, sources);
    if (quarantinedNew > 0) {
      result.table(stream.quarantine(), quarantinedNew, quarantinedNew, warehouse.version(stream.quarantine()));
    }
    Dataset<Row> bronze = bronzeRows(staged, ctx.runId(), now);
    long appended = LandingWrites.appendNew(warehouse, BronzeTables.spec(stream.bronze()), bronze, streamRead,
        sources);
    result.count(stream.bronze().qualifiedName() + ".appended", appended)
        .count(stream.quarantine().qualifiedName() + ".appended", quarantinedNew)
        .table(stream.bronze(), streamRead, appended, warehouse.version(stream.bronze()));
    ctx.progress().step("ingest", stream.bronze() + " and " + stream.quarantine() + " written in "
        + Progress.seconds(System.nanoTime() - w0));
    staged.forEach(Dataset::unpersist);
  }

  /** Rows per rule id ("" for valid records): one small aggregation over the cached stage. */
  private static Map<String, Long> ruleCounts(Dataset<Row> stage) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Row r : stage.groupBy(col(Staging.RULE)).count().collectAsList()) {
      out.put(r.isNullAt(0) ? "" : r.getString(0), r.getLong(1));
    }
    return out;
  }

  private static Dataset<Row> bronzeRows(List<Dataset<Row>> staged, String runId, Timestamp now) {
    Dataset<Row> all = null;
    for (Dataset<Row> s : staged) {
      Dataset<Row> b = s.select(col(BronzeTables.SOURCE), col(BronzeTables.SOURCE_LINE), col(BronzeTables.KIND),
          col(BronzeTables.RECORD), col(BronzeTables.CHECKSUM), lit(runId).as(BronzeTables.INGEST_RUN_ID),
          lit(now).as(BronzeTables.INGESTED_AT));
      all = all == null ? b : all.unionByName(b);
    }
    return all;
  }

  private static Dataset<Row> quarantineRows(List<Dataset<Row>> staged, String runId, Timestamp now) {
    Dataset<Row> all = null;
    for (Dataset<Row> s : staged) {
      Dataset<Row> q = s.where(col(Staging.RULE).isNotNull()).select(col(QuarantineTables.SOURCE),
          col(QuarantineTables.SOURCE_LINE), col(QuarantineTables.KIND), col(Staging.RULE).as(QuarantineTables.RULE),
          col(Staging.REASON).as(QuarantineTables.REASON), col(QuarantineTables.RECORD), col(QuarantineTables.CHECKSUM),
          lit(runId).as(QuarantineTables.INGEST_RUN_ID), lit(now).as(QuarantineTables.QUARANTINED_AT));
      all = all == null ? q : all.unionByName(q);
    }
    return all;
  }

  private static String sqliteFile(SqliteTable t) {
    String s = t.source().substring("sqlite:".length());
    return s.substring(0, s.lastIndexOf('#'));
  }
}

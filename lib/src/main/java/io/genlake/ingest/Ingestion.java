package io.genlake.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.genlake.ingest.Sources.Fingerprint;
import io.genlake.ingest.Sources.LandingFile;
import io.genlake.ingest.Sources.SqliteTable;
import io.genlake.ingest.Sources.Unit;
import io.genlake.pipeline.Concurrently;
import io.genlake.pipeline.Progress;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StepResult;
import io.genlake.table.BronzeTables;
import io.genlake.table.QuarantineTables;
import io.genlake.warehouse.Warehouse;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

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
    Limits limits = Limits.of(ctx.config().ingest(), ctx.runDate(), ctx.now());
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
    Timestamp now = Timestamp.from(ctx.now());
    List<Stream> selected = java.util.Arrays.stream(Stream.values()).filter(streams::contains).toList();
    List<StreamOutcome> outcomes = Concurrently.run(ctx.config().ingest().concurrency(), selected,
        (stream, pool) -> ingestStream(ctx, stream, kinds, units, tables, limits, now, pool));
    // results are added in stream and kind order, whatever order the work finished in
    Totals totals = new Totals();
    for (StreamOutcome o : outcomes) {
      o.addTo(result, totals, ctx.warehouse());
    }
    LandingWrites.recordFingerprints(warehouse, toRecord, ctx.runId(), now);
    ensureContract(warehouse, selected, kinds);
    result.count("read", totals.read).count("accepted", totals.accepted)
        .count("duplicates", totals.duplicates).count("quarantined", totals.quarantined);
    p.step("ingest", "total: read " + Progress.count(totals.read) + " = accepted " + Progress.count(totals.accepted)
        + " + duplicates " + Progress.count(totals.duplicates) + " + quarantined "
        + Progress.count(totals.quarantined) + " in " + Progress.seconds(System.nanoTime() - t0));
    return result;
  }

  /**
   * Creates, empty, every table of the streams' contract that no record has created yet (a quarantine table on a
   * clean run, the silver table of a kind with no source): queries and later steps always find them. One Delta
   * commit per missing table; none when all exist.
   */
  private static void ensureContract(Warehouse warehouse, List<Stream> streams, Set<Kind> kinds) {
    List<io.genlake.warehouse.TableSpec> contract = new ArrayList<>();
    contract.add(BronzeTables.SOURCE_FILES_SPEC);
    for (Stream s : streams) {
      contract.add(BronzeTables.spec(s.bronze()));
      contract.add(QuarantineTables.spec(s.quarantine()));
    }
    kinds.forEach(k -> contract.add(k.silver()));
    for (io.genlake.warehouse.TableSpec spec : contract) {
      if (!warehouse.exists(spec.id())) {
        warehouse.ensure(spec);
      }
    }
  }

  private static final class Totals {
    long read;
    long accepted;
    long duplicates;
    long quarantined;
  }

  /** What ingesting one kind did: rows read per rule ("" = valid) and the silver merge's outcome. */
  private record KindOutcome(Kind kind, Map<String, Long> byRule, SilverMerge.Outcome merged,
      java.util.Optional<Long> silverVersion) {
    long read() {
      return byRule.values().stream().mapToLong(Long::longValue).sum();
    }

    long quarantined() {
      return read() - byRule.getOrDefault("", 0L);
    }
  }

  /** What ingesting one stream did: its kinds, then its bronze and quarantine appends. */
  private record StreamOutcome(Stream stream, List<KindOutcome> kinds, long read, long appended,
      long quarantinedNew, java.util.Optional<Long> bronzeVersion, java.util.Optional<Long> quarantineVersion) {
    void addTo(StepResult result, Totals totals, Warehouse warehouse) {
      for (KindOutcome k : kinds) {
        String table = k.kind().silver().id().qualifiedName();
        long valid = k.byRule().getOrDefault("", 0L);
        result.count(table + ".read", k.read()).count(table + ".accepted", k.merged().accepted())
            .count(table + ".duplicates", k.merged().duplicates()).count(table + ".quarantined", k.quarantined());
        k.byRule().forEach((rule, n) -> {
          if (!rule.isEmpty()) {
            result.count(table + ".quarantined." + rule, n);
          }
        });
        result.table(k.kind().silver().id(), valid, k.merged().accepted(), k.silverVersion());
        totals.read += k.read();
        totals.accepted += k.merged().accepted();
        totals.duplicates += k.merged().duplicates();
        totals.quarantined += k.quarantined();
      }
      if (kinds.isEmpty()) {
        return;
      }
      String prefix = "stream." + stream.label();
      result.count(prefix + ".read", read)
          .count(prefix + ".accepted", kinds.stream().mapToLong(k -> k.merged().accepted()).sum())
          .count(prefix + ".quarantined", kinds.stream().mapToLong(KindOutcome::quarantined).sum());
      if (quarantinedNew > 0) {
        result.table(stream.quarantine(), quarantinedNew, quarantinedNew, quarantineVersion);
      }
      result.count(stream.bronze().qualifiedName() + ".appended", appended)
          .count(stream.quarantine().qualifiedName() + ".appended", quarantinedNew)
          .table(stream.bronze(), read, appended, bronzeVersion);
    }
  }

  /**
   * One stream: its kinds are read, validated and merged into silver concurrently on {@code pool}; then the
   * stream's bronze and quarantine rows of all its kinds are appended (one commit each).
   */
  private static StreamOutcome ingestStream(RunContext ctx, Stream stream, Set<Kind> kinds, List<Unit> units,
      List<SqliteTable> tables, Limits limits, Timestamp now, Concurrently.Pool pool) {
    Warehouse warehouse = ctx.warehouse();
    List<Kind> streamKinds = new ArrayList<>();
    Map<Kind, List<Unit>> unitsOf = new java.util.EnumMap<>(Kind.class);
    Map<Kind, List<SqliteTable>> tablesOf = new java.util.EnumMap<>(Kind.class);
    Set<String> sources = new HashSet<>();
    for (Kind kind : kinds) {
      List<Unit> kindUnits = units.stream().filter(u -> u.kind() == kind).toList();
      List<SqliteTable> kindTables = tables.stream().filter(t -> t.kind() == kind).toList();
      if (kind.stream() != stream || (kindUnits.isEmpty() && kindTables.isEmpty())) {
        continue;
      }
      streamKinds.add(kind);
      unitsOf.put(kind, kindUnits);
      tablesOf.put(kind, kindTables);
      kindUnits.forEach(u -> sources.add(u.source()));
      kindTables.forEach(t -> sources.add(t.source()));
    }
    if (streamKinds.isEmpty()) {
      return new StreamOutcome(stream, List.of(), 0, 0, 0, java.util.Optional.empty(), java.util.Optional.empty());
    }
    Map<Kind, StageReader.Stage> staged = new java.util.concurrent.ConcurrentHashMap<>();
    try {
      List<KindOutcome> done = pool.all(streamKinds, kind -> {
        StageReader.Stage stage = StageReader.cached(ctx.spark(), kind, unitsOf.get(kind), tablesOf.get(kind), limits,
            ctx.config().ingest().splitBytes());
        staged.put(kind, stage);
        return ingestKind(ctx, kind, stage, sourceBytes(unitsOf.get(kind), tablesOf.get(kind)), now);
      });
      long read = done.stream().mapToLong(KindOutcome::read).sum();
      long quarantined = done.stream().mapToLong(KindOutcome::quarantined).sum();
      List<Dataset<Row>> stages = streamKinds.stream().map(k -> staged.get(k).rows()).toList();
      long w0 = System.nanoTime();
      long quarantinedNew = LandingWrites.appendNew(warehouse, QuarantineTables.spec(stream.quarantine()),
          quarantineRows(stages, ctx.runId(), now), quarantined, sources);
      long appended = LandingWrites.appendNew(warehouse, BronzeTables.spec(stream.bronze()),
          bronzeRows(stages, ctx.runId(), now), read, sources);
      ctx.progress().step("ingest", stream.bronze() + " and " + stream.quarantine() + " written in "
          + Progress.seconds(System.nanoTime() - w0));
      return new StreamOutcome(stream, done, read, appended, quarantinedNew, warehouse.version(stream.bronze()),
          quarantinedNew > 0 ? warehouse.version(stream.quarantine()) : java.util.Optional.empty());
    } finally {
      staged.values().forEach(StageReader.Stage::unpersist);
    }
  }

  /**
   * One kind's cached stage: one pass counts its rows per rule (and collects the hashes of repeated keys when the
   * sources are at most {@link StageScan#MAX_KEYED_BYTES}), then the valid rows are merged into silver.
   */
  private static KindOutcome ingestKind(RunContext ctx, Kind kind, StageReader.Stage stage, long sourceBytes,
      Timestamp now) {
    long k0 = System.nanoTime();
    StageScan scan = StageScan.of(kind, stage.cache(), sourceBytes <= StageScan.MAX_KEYED_BYTES);
    Map<String, Long> byRule = scan.byRule();
    long valid = byRule.getOrDefault("", 0L);
    long read = byRule.values().stream().mapToLong(Long::longValue).sum();
    long k1 = System.nanoTime();
    SilverMerge.Outcome merged = SilverMerge.upsert(ctx.warehouse(), kind,
        stage.rows().where(col(Staging.RULE).isNull()), valid, scan.repeatedKeys(), ctx.runId(), now);
    String table = kind.silver().id().qualifiedName();
    ctx.progress().step("ingest", table + ": read " + Progress.count(read) + " = accepted "
        + Progress.count(merged.accepted()) + " + duplicates " + Progress.count(merged.duplicates())
        + " + quarantined " + Progress.count(read - valid) + " (read and validated in "
        + Progress.seconds(k1 - k0) + ", merged in " + Progress.seconds(System.nanoTime() - k1) + ")");
    return new KindOutcome(kind, byRule, merged,
        merged.committed() ? ctx.warehouse().version(kind.silver().id()) : java.util.Optional.empty());
  }

  /** The bytes a kind's sources hold: its file ranges and SQLite database files. */
  private static long sourceBytes(List<Unit> units, List<SqliteTable> tables) {
    long bytes = units.stream().mapToLong(u -> u.end() - u.start()).sum();
    for (SqliteTable t : tables) {
      bytes += t.file().toFile().length();
    }
    return bytes;
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

package io.genlake.ingest;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_entries;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.xxhash64;

import io.delta.tables.DeltaTable;
import io.genlake.table.Lineage;
import io.genlake.warehouse.TableSpec;
import io.genlake.warehouse.Warehouse;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;

/**
 * Upserts one kind's valid records into its silver table, latest event wins. The batch is first deduplicated
 * by natural key (latest event_time, tie: later source, then later line), then compared with silver: only keys
 * that are new, or whose record is newer than silver's (or as new but different), are merged, so an older
 * record arriving later never overwrites and re-ingesting the same data commits nothing.
 * Keys silver does not have are appended; only records that update an existing key go through a Delta MERGE.
 * Cost: a shuffle on the key of only the rows whose key repeats in the batch; when silver has rows, one join
 * with it (the batch broadcast when it has at most {@link #BROADCAST_ROWS} records: silver is scanned, not
 * shuffled), an append for new keys and, when some keys are updated, the Delta MERGE.
 */
final class SilverMerge {
  /** Records that changed silver (inserted or updated) and records that did not (duplicates). */
  record Outcome(long accepted, long duplicates, boolean committed) {}

  /** Batches up to this many valid records are broadcast to the join with silver. */
  static final long BROADCAST_ROWS = 50_000;
  /** Marks batch rows whose key silver does not have yet. */
  private static final String IS_NEW = "_is_new";
  /** The column of the repeated key hashes' frame. */
  private static final String KEY_HASH = "_key_hash";

  private SilverMerge() {}

  /**
   * Upserts {@code valid} ({@code validCount} rows) into {@code kind}'s silver table. {@code repeatedKeys}: the
   * sorted {@link StageScan#keyHash} values of keys that occur more than once in the batch (only their rows are
   * ranked), or {@code null} when unknown (every row is ranked by key).
   */
  static Outcome upsert(Warehouse warehouse, Kind kind, Dataset<Row> valid, long validCount, long[] repeatedKeys,
      String runId, Timestamp ingestedAt) {
    TableSpec spec = kind.silver();
    // the table's file count comes from the Delta log: no scan
    boolean hadRows = warehouse.hasData(spec.id());
    warehouse.ensure(spec);
    if (validCount == 0) {
      return new Outcome(0, 0, false);
    }
    Dataset<Row> latest = latest(valid, spec, repeatedKeys).select(silverColumns(spec, runId, ingestedAt));
    if (!hadRows) {
      warehouse.append(spec.id(), latest);
      long written = warehouse.lastCommitMetric(spec.id(), "numOutputRows");
      return new Outcome(written, validCount - written, true);
    }
    Dataset<Row> silver = warehouse.read(spec.id());
    Column keyMatch = null;
    for (String k : spec.key()) {
      Column eq = col("n." + k).equalTo(col("s." + k));
      keyMatch = keyMatch == null ? eq : keyMatch.and(eq);
    }
    Column newer = col("s." + spec.key().get(0)).isNull()
        .or(col("n." + Lineage.EVENT_TIME).gt(col("s." + Lineage.EVENT_TIME)))
        .or(col("n." + Lineage.EVENT_TIME).equalTo(col("s." + Lineage.EVENT_TIME)).and(sameContent(kind).unary_$bang()));
    // a small batch: its keys are broadcast to pick silver's rows of those keys (silver scanned, not shuffled),
    // and those few rows are broadcast to the batch; a large batch is joined with silver directly
    Dataset<Row> joined;
    if (validCount <= BROADCAST_ROWS) {
      Dataset<Row> keys = latest.select(spec.key().stream().map(k -> col(k)).toArray(Column[]::new));
      Dataset<Row> existing = silver.join(broadcast(keys),
          scala.collection.JavaConverters.asScalaBuffer(spec.key()).toSeq(), "left_semi");
      joined = latest.as("n").join(broadcast(existing).as("s"), keyMatch, "left_outer");
    } else {
      joined = latest.as("n").join(silver.as("s"), keyMatch, "left_outer");
    }
    Dataset<Row> changed = joined.where(newer)
        .select(col("n.*"), col("s." + spec.key().get(0)).isNull().as(IS_NEW)).persist();
    try {
      // new keys and updated keys counted in one job over the cached rows
      long inserted = 0;
      long updated = 0;
      for (Row r : changed.groupBy(col(IS_NEW)).count().collectAsList()) {
        if (r.getBoolean(0)) {
          inserted = r.getLong(1);
        } else {
          updated = r.getLong(1);
        }
      }
      long n = inserted + updated;
      if (n == 0) {
        return new Outcome(0, validCount, false);
      }
      // keys silver does not have yet are appended (no join with the table); only updates need a MERGE
      Dataset<Row> inserts = changed.where(col(IS_NEW)).drop(IS_NEW);
      Dataset<Row> updates = changed.where(col(IS_NEW).unary_$bang()).drop(IS_NEW);
      if (inserted > 0) {
        warehouse.append(spec.id(), inserts);
      }
      if (updated > 0) {
        Column mergeOn = null;
        for (String k : spec.key()) {
          Column eq = col("t." + k).equalTo(col("u." + k));
          mergeOn = mergeOn == null ? eq : mergeOn.and(eq);
        }
        DeltaTable.forPath(warehouse.spark(), warehouse.location(spec.id())).as("t")
            .merge(updates.as("u"), mergeOn)
            .whenMatched().updateAll()
            .whenNotMatched().insertAll()
            .execute();
      }
      return new Outcome(n, validCount - n, true);
    } finally {
      changed.unpersist();
    }
  }

  /**
   * One row per natural key. When the repeated keys are known (and few enough to broadcast), the rows of keys that
   * occur once pass through untouched and only the rows of repeated keys are ranked by {@link #dedupe}: the batch's
   * full rows are not shuffled. Otherwise every row is ranked.
   */
  static Dataset<Row> latest(Dataset<Row> valid, TableSpec spec, long[] repeatedKeys) {
    if (repeatedKeys == null || repeatedKeys.length > BROADCAST_ROWS || spec.key().size() != 1) {
      return dedupe(valid, spec);
    }
    if (repeatedKeys.length == 0) {
      return valid;
    }
    List<Long> hashes = java.util.Arrays.stream(repeatedKeys).boxed().toList();
    Dataset<Row> repeated = broadcast(valid.sparkSession().createDataset(hashes, Encoders.LONG()).toDF(KEY_HASH));
    // the same hash as StageScan.keyHash: Spark's xxhash64 of the key's UTF-8 bytes, seed 42
    Column hash = xxhash64(col(spec.key().get(0)));
    Column isRepeated = hash.equalTo(repeated.col(KEY_HASH));
    Dataset<Row> once = valid.join(repeated, isRepeated, "left_anti");
    Dataset<Row> many = valid.join(repeated, isRepeated, "left_semi");
    return once.unionByName(dedupe(many, spec));
  }

  /** One row per natural key: latest event_time, then later source, then later line. */
  static Dataset<Row> dedupe(Dataset<Row> valid, TableSpec spec) {
    Column[] keys = spec.key().stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    var w = Window.partitionBy(keys).orderBy(col(Lineage.EVENT_TIME).desc(), col(Lineage.SOURCE).desc(),
        col(Lineage.SOURCE_LINE).desc());
    return valid.withColumn("_rank", row_number().over(w)).where(col("_rank").equalTo(1)).drop("_rank");
  }

  /** The silver contract's columns in order: own columns from the batch, lineage from the run. */
  private static Column[] silverColumns(TableSpec spec, String runId, Timestamp ingestedAt) {
    List<Column> out = new ArrayList<>();
    for (StructField f : spec.schema().fields()) {
      Column c = switch (f.name()) {
        case Lineage.INGEST_RUN_ID -> lit(runId);
        case Lineage.INGESTED_AT -> lit(ingestedAt);
        default -> col(f.name());
      };
      out.add(c.cast(f.dataType()).as(f.name()));
    }
    return out.toArray(new Column[0]);
  }

  /** Null-safe equality of every column ingestion fills (maps compared as sorted entries). */
  private static Column sameContent(Kind kind) {
    Set<String> lineage = Set.of(Lineage.SOURCE, Lineage.SOURCE_LINE, Lineage.INGEST_RUN_ID, Lineage.INGESTED_AT,
        Lineage.EVENT_TIME);
    Column all = lit(true);
    for (StructField f : kind.layout().columns()) {
      if (lineage.contains(f.name()) || !kind.ingests(f.name())) {
        continue;
      }
      Column n = col("n." + f.name());
      Column s = col("s." + f.name());
      if (f.dataType() instanceof MapType) {
        n = array_sort(map_entries(n));
        s = array_sort(map_entries(s));
      }
      all = all.and(n.eqNullSafe(s));
    }
    return all;
  }
}

package io.genlake.ingest;

import static org.apache.spark.sql.functions.col;

import io.genlake.ingest.Sources.Fingerprint;
import io.genlake.table.BronzeTables;
import io.genlake.warehouse.TableSpec;
import io.genlake.warehouse.Warehouse;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Append-only writes of bronze and quarantine records and of source-file fingerprints. A record already in the
 * table (same source, line and checksum) is not appended again; the anti-join reads only the rows of sources the
 * batch shares with the table, so new files cost no join at all.
 */
final class LandingWrites {
  private LandingWrites() {}

  /**
   * Appends the rows of {@code rows} ({@code rowCount} of them) not yet in {@code spec}'s table; returns how many
   * were appended. Commits nothing when there is nothing new.
   */
  static long appendNew(Warehouse warehouse, TableSpec spec, Dataset<Row> rows, long rowCount,
      Set<String> batchSources) {
    if (rowCount == 0) {
      return 0;
    }
    Dataset<Row> fresh = rows;
    long n = rowCount;
    if (warehouse.exists(spec.id())) {
      Dataset<Row> existing = warehouse.read(spec.id());
      List<Object> shared = new ArrayList<>();
      for (Row r : existing.select(BronzeTables.SOURCE).distinct().collectAsList()) {
        if (batchSources.contains(r.getString(0))) {
          shared.add(r.getString(0));
        }
      }
      if (!shared.isEmpty()) {
        Dataset<Row> seen = existing.where(col(BronzeTables.SOURCE).isin(shared.toArray()))
            .select(BronzeTables.SOURCE, BronzeTables.SOURCE_LINE, BronzeTables.CHECKSUM);
        fresh = rows.join(seen, scala.collection.JavaConverters.asScalaBuffer(
            List.of(BronzeTables.SOURCE, BronzeTables.SOURCE_LINE, BronzeTables.CHECKSUM)).toSeq(), "left_anti")
            .select(rows.columns()[0], java.util.Arrays.copyOfRange(rows.columns(), 1, rows.columns().length));
        n = fresh.count();
      }
    }
    if (n > 0) {
      warehouse.ensure(spec);
      warehouse.append(spec.id(), fresh);
    }
    return n;
  }

  /** Fingerprints already recorded, as {@code source|stream|fingerprint}. */
  static Set<String> knownFingerprints(Warehouse warehouse) {
    Set<String> out = new HashSet<>();
    if (!warehouse.exists(BronzeTables.SOURCE_FILES)) {
      return out;
    }
    for (Row r : warehouse.read(BronzeTables.SOURCE_FILES)
        .select(BronzeTables.SOURCE, BronzeTables.STREAM, BronzeTables.FINGERPRINT).distinct().collectAsList()) {
      out.add(r.getString(0) + "|" + r.getString(1) + "|" + r.getString(2));
    }
    return out;
  }

  static String key(Fingerprint f) {
    return f.source() + "|" + f.stream().label() + "|" + f.fingerprint();
  }

  /** Records the fingerprints of the files this run read, last, once everything else is written. */
  static void recordFingerprints(Warehouse warehouse, List<Fingerprint> read, String runId, Timestamp at) {
    if (read.isEmpty()) {
      return;
    }
    List<Row> rows = new ArrayList<>();
    for (Fingerprint f : read) {
      rows.add(RowFactory.create(f.source(), f.fingerprint(), f.size(), f.stream().label(), runId, at));
    }
    warehouse.ensure(BronzeTables.SOURCE_FILES_SPEC);
    warehouse.append(BronzeTables.SOURCE_FILES,
        warehouse.spark().createDataFrame(rows, BronzeTables.SOURCE_FILES_SCHEMA).coalesce(1));
  }
}

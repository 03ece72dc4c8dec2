package io.genlake.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.delta.tables.DeltaTable;
import io.genlake.table.SilverBlockFitRatings;
import io.genlake.testing.TestSpark;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins what {@link Warehouse} relies on from Delta's internal {@code DeltaLog} (kept for speed, see
 * {@code Warehouse.snapshot}): its version, data-file count and last-commit metrics equal what the public
 * {@code DeltaTable.history(1)} and {@code DeltaTable.detail()} report, after commits made through other writers too.
 */
class DeltaLogAgreementTest {
  private final SparkSession spark = TestSpark.session();

  @Test
  void versionFilesAndCommitMetricsAgreeWithThePublicApis(@TempDir Path dir) {
    Warehouse w = new Warehouse(spark, dir.toString());
    TableId id = SilverBlockFitRatings.TABLE;
    w.ensure(SilverBlockFitRatings.SPEC);
    assertAgrees(w, id, 0L, false);

    // a commit by another writer (a plain Delta write to the path): the snapshot is brought up to date
    rows(5).write().format("delta").mode("append").save(w.location(id));
    assertAgrees(w, id, 1L, true);
    assertEquals(5L, w.lastCommitMetric(id, "numOutputRows"));
    assertEquals(metric(w, id, "numOutputRows"), w.lastCommitMetric(id, "numOutputRows"));

    assertEquals(3L, w.overwriteCounted(id, rows(3)));
    assertAgrees(w, id, 2L, true);
    assertEquals(metric(w, id, "numOutputRows"), 3L);

    DeltaTable.forPath(spark, w.location(id)).delete();
    assertAgrees(w, id, 3L, false);
    assertEquals(3L, w.lastCommitMetric(id, "numDeletedRows"));
    assertEquals(metric(w, id, "numDeletedRows"), w.lastCommitMetric(id, "numDeletedRows"));
    assertEquals(0L, w.lastCommitMetric(id, "numTargetRowsInserted"), "a metric the commit did not record");
  }

  private void assertAgrees(Warehouse w, TableId id, long version, boolean hasData) {
    DeltaTable t = DeltaTable.forPath(spark, w.location(id));
    assertEquals(version, t.history(1).select("version").head().getLong(0));
    assertEquals(java.util.Optional.of(version), w.version(id));
    assertEquals(hasData, t.detail().select("numFiles").head().getLong(0) > 0);
    assertEquals(hasData, w.hasData(id));
  }

  private long metric(Warehouse w, TableId id, String name) {
    Map<String, String> m = DeltaTable.forPath(spark, w.location(id)).history(1).select("operationMetrics").head()
        .getJavaMap(0);
    return Long.parseLong(m.get(name));
  }

  private Dataset<Row> rows(int n) {
    Timestamp t = Timestamp.valueOf("2026-11-20 10:00:00");
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(RowFactory.create("k" + i, null, "b1", "a" + i, null, "initial", "u1", 4, null, null, null, null, t,
          "s.jsonl", (long) i, "run", t, t));
    }
    return spark.createDataFrame(out, SilverBlockFitRatings.SCHEMA);
  }
}

package io.genlake.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.genlake.table.Lineage;
import io.genlake.table.SilverImageRatings;
import io.genlake.testing.TestSpark;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/** The batch deduplication rule: latest event_time wins; on a tie the later source, then the later line. */
class SilverMergeTest {
  private static Timestamp at(String iso) {
    return Timestamp.from(java.time.Instant.parse(iso));
  }

  private static Dataset<Row> batch(SparkSession spark) {
    StructType schema = new StructType()
        .add("image_id", DataTypes.StringType, false)
        .add(Lineage.EVENT_TIME, DataTypes.TimestampType, false)
        .add(Lineage.SOURCE, DataTypes.StringType, false)
        .add(Lineage.SOURCE_LINE, DataTypes.LongType, false)
        .add("status", DataTypes.StringType, true);
    List<Row> rows = List.of(
        // i1: the latest event wins, wherever it comes in the batch
        RowFactory.create("i1", at("2026-11-20T10:00:00Z"), "b.jsonl", 9L, "older"),
        RowFactory.create("i1", at("2026-11-20T12:00:00Z"), "a.jsonl", 1L, "latest"),
        RowFactory.create("i1", at("2026-11-20T11:00:00Z"), "c.csv", 5L, "middle"),
        // i2: same event time, the later source (by name) wins
        RowFactory.create("i2", at("2026-11-20T10:00:00Z"), "a.jsonl", 7L, "earlier source"),
        RowFactory.create("i2", at("2026-11-20T10:00:00Z"), "b.jsonl", 2L, "later source"),
        // i3: same event time and source, the later line wins
        RowFactory.create("i3", at("2026-11-20T10:00:00Z"), "a.jsonl", 3L, "earlier line"),
        RowFactory.create("i3", at("2026-11-20T10:00:00Z"), "a.jsonl", 8L, "later line"),
        // i4: once, kept as it is
        RowFactory.create("i4", at("2026-11-19T10:00:00Z"), "a.jsonl", 4L, "single"));
    return spark.createDataFrame(rows, schema).repartition(3);
  }

  private static Map<String, String> winners(Dataset<Row> deduped) {
    Map<String, String> out = new TreeMap<>();
    for (Row r : deduped.collectAsList()) {
      String previous = out.put(r.getString(r.fieldIndex("image_id")), r.getString(r.fieldIndex("status")));
      assertEquals(null, previous, "one row per key");
    }
    return out;
  }

  @Test
  void latestEventThenLaterSourceThenLaterLineWins() {
    SparkSession spark = TestSpark.session();
    Map<String, String> expected = Map.of("i1", "latest", "i2", "later source", "i3", "later line", "i4", "single");
    Dataset<Row> deduped = SilverMerge.dedupe(batch(spark), SilverImageRatings.SPEC);
    assertEquals(new TreeMap<>(expected), winners(deduped));
    assertEquals(List.of(batch(spark).columns()), List.of(deduped.columns()), "columns kept in order");
  }

  @Test
  void onlyTheRowsOfRepeatedKeysAreRankedWithTheSameWinners() {
    SparkSession spark = TestSpark.session();
    Map<String, String> expected = Map.of("i1", "latest", "i2", "later source", "i3", "later line", "i4", "single");
    long[] repeated = java.util.stream.Stream.of("i1", "i2", "i3")
        .mapToLong(k -> StageScan.keyHash(UTF8String.fromString(k))).sorted().toArray();
    Dataset<Row> latest = SilverMerge.latest(batch(spark), SilverImageRatings.SPEC, repeated);
    assertEquals(new TreeMap<>(expected), winners(latest));
    assertEquals(List.of(batch(spark).columns()), List.of(latest.columns()));
    // unknown repeated keys: every row ranked, same outcome
    assertEquals(new TreeMap<>(expected), winners(SilverMerge.latest(batch(spark), SilverImageRatings.SPEC, null)));
    // no repeated keys: the batch as it is
    assertEquals(8, SilverMerge.latest(batch(spark), SilverImageRatings.SPEC, new long[0]).count());
  }

  @Test
  void keyHashIsSparksXxhash64() {
    SparkSession spark = TestSpark.session();
    List<String> keys = List.of("i1", "", "3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b", "caf\u00e9 \u00ff \u4e2d");
    List<Row> rows = spark.createDataset(keys, org.apache.spark.sql.Encoders.STRING()).toDF("k")
        .select(org.apache.spark.sql.functions.col("k"), org.apache.spark.sql.functions.xxhash64(
            org.apache.spark.sql.functions.col("k")))
        .collectAsList();
    assertEquals(keys.size(), rows.size());
    for (Row r : rows) {
      assertEquals(r.getLong(1), StageScan.keyHash(UTF8String.fromString(r.getString(0))), r.getString(0));
    }
  }

  @Test
  void aBatchWithoutRepeatedKeysIsKeptWhole() {
    SparkSession spark = TestSpark.session();
    Dataset<Row> unique = batch(spark).where("image_id = 'i4'");
    assertEquals(1, SilverMerge.dedupe(unique, SilverImageRatings.SPEC).count());
  }
}

package io.genlake.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.genlake.testing.TestSpark;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.Test;

/**
 * Pins the Spark internal {@link StageReader#frameOf} relies on ({@code SparkSession.internalCreateDataFrame}): a frame
 * over persisted binary rows reads them as they are, with their values and nulls, without computing the rows again.
 */
class StageReaderTest {
  @Test
  void theFrameOverCachedBinaryRowsReadsThemWithoutRecomputingThem() {
    SparkSession spark = TestSpark.session();
    StructType schema = new StructType().add("id", DataTypes.StringType, false).add("n", DataTypes.LongType, true);
    LongAccumulator computed = spark.sparkContext().longAccumulator("stage rows computed");
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      ids.add(i);
    }
    JavaRDD<InternalRow> compact = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(ids, 4)
        .mapPartitions(it -> {
          UnsafeProjection toCompact = UnsafeProjection.create(schema);
          List<InternalRow> out = new ArrayList<>();
          while (it.hasNext()) {
            int i = it.next();
            computed.add(1);
            out.add(toCompact.apply(new GenericInternalRow(new Object[] {UTF8String.fromString("r" + i),
                i % 10 == 0 ? null : (long) i})).copy());
          }
          return out.iterator();
        }).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> frame = StageReader.frameOf(spark, compact, schema);
      assertEquals(schema, frame.schema());
      assertEquals(100, frame.count());
      Row sums = frame.selectExpr("count(n)", "sum(n)", "max(id)").first();
      assertEquals(90L, sums.getLong(0));
      assertEquals(4950L - 450L, sums.getLong(1)); // 0..99 without the multiples of 10
      assertEquals("r99", sums.getString(2));
      assertEquals(List.of("r10 null", "r7 7"), frame.where("id IN ('r7', 'r10')").orderBy("id").collectAsList()
          .stream().map(r -> r.getString(0) + " " + r.get(1)).toList());
      assertEquals(100L, computed.value(), "three queries, each row computed once: the frame reads the cache");
    } finally {
      compact.unpersist(false);
    }
  }
}

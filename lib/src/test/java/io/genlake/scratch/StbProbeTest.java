package io.genlake.scratch;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import io.genlake.testing.TestSpark;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class StbProbeTest {
  @Test
  void probe() {
    SparkSession spark = TestSpark.session();
    StructType schema = new StructType().add("k", DataTypes.StringType).add("v", DataTypes.DoubleType)
        .add("a", DataTypes.createArrayType(DataTypes.DoubleType)).add("m", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType));
    Dataset<Row> a = spark.createDataFrame(List.of(RowFactory.create("x", 0.1 + 0.2, List.of(1.0).toArray(), null),
        RowFactory.create("y", 2.0, null, null)), schema);
    Dataset<Row> b = spark.createDataFrame(List.of(RowFactory.create("y", 2.0, null, null),
        RowFactory.create("x", 0.3, List.of(1.0).toArray(), null)), schema);
    JavaDataFrameSuiteBase stb = new JavaDataFrameSuiteBase();
    long t = System.nanoTime();
    try { stb.assertDataFrameNoOrderEquals(a, b); System.out.println("PROBE noOrder equal: passed"); }
    catch (Throwable e) { System.out.println("PROBE noOrder: " + e.getClass() + ": " + e.getMessage()); }
    System.out.println("PROBE t=" + (System.nanoTime() - t) / 1e6);
    try { stb.assertDataFrameApproximateEquals(a.orderBy("k"), b.orderBy("k"), 1e-9); System.out.println("PROBE approx: passed"); }
    catch (Throwable e) { System.out.println("PROBE approx: " + e.getClass() + ": " + e.getMessage()); }
    try { stb.assertDataFrameDataEquals(a, b); System.out.println("PROBE dataEquals: passed"); }
    catch (Throwable e) { System.out.println("PROBE dataEquals: " + e.getClass() + ": " + e.getMessage()); }
    Dataset<Row> c = spark.createDataFrame(List.of(RowFactory.create("y", 2.5, null, null),
        RowFactory.create("x", 0.3, List.of(1.0).toArray(), null)), schema);
    try { stb.assertDataFrameApproximateEquals(a.orderBy("k"), c.orderBy("k"), 1e-9); System.out.println("PROBE approx unequal: passed?!"); }
    catch (Throwable e) { System.out.println("PROBE approx unequal: " + e.getClass() + ": " + e.getMessage()); }
    try { stb.assertDataFrameNoOrderEquals(a, c); System.out.println("PROBE noOrder unequal: passed?!"); }
    catch (Throwable e) { System.out.println("PROBE noOrder unequal: " + e.getClass() + ": " + e.getMessage()); }
    System.out.println("PROBE same session: " + (SparkSession.active() == spark) + " master " + SparkSession.active().sparkContext().master());
  }
}

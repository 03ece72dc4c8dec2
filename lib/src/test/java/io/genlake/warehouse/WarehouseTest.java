package io.genlake.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.genlake.table.SilverBlockFitRatings;
import io.genlake.testing.TestSpark;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarehouseTest {
  private final SparkSession spark = TestSpark.session();

  @Test
  void ensureCreatesTableWithConstraintsAndRegistersIt(@TempDir Path dir) {
    Warehouse w = new Warehouse(spark, dir.toString());
    TableId id = SilverBlockFitRatings.TABLE;
    assertFalse(w.exists(id));
    w.ensure(SilverBlockFitRatings.SPEC);
    w.ensure(SilverBlockFitRatings.SPEC); // idempotent
    assertTrue(w.exists(id));
    assertEquals(Optional.of(0L), w.version(id)); // schema, CDF and CHECK constraints in the one create commit
    assertEquals(0L, spark.sql("SELECT * FROM silver.block_fit_ratings").count());

    Timestamp t = Timestamp.valueOf("2026-11-20 10:00:00");
    Row bad = RowFactory.create("k1", null, "b1", "a1", null, "initial", "u1", 7, null, null, null, null, t,
        "s.jsonl", 1L, "run", t, t);
    var frame = spark.createDataFrame(List.of(bad), SilverBlockFitRatings.SCHEMA);
    Exception e = assertThrows(Exception.class, () -> w.append(id, frame));
    assertTrue(String.valueOf(e.getMessage()).contains("fit_rating_range"), e.getMessage());
    assertEquals(0L, w.read(id).count());
  }

  @Test
  void registerNamedRegistersOnlyTheExistingTablesTheTextNames(@TempDir Path dir) {
    Warehouse w = new Warehouse(spark, dir.toString());
    w.ensure(SilverBlockFitRatings.SPEC);
    w.ensure(io.genlake.table.BronzeTables.spec(io.genlake.table.BronzeTables.RATINGS));
    assertEquals(List.of(SilverBlockFitRatings.TABLE), w.registerNamed(
        "SELECT count(*) FROM `Silver`.`block_fit_ratings` r JOIN silver.nope n ON 1 = 1 -- gold.none"));
    assertEquals(List.of(io.genlake.table.BronzeTables.RATINGS, SilverBlockFitRatings.TABLE),
        w.registerNamed("SELECT * FROM bronze . ratings, spark_catalog.silver.block_fit_ratings, silver.block_fit_ratings"));
    assertEquals(List.of(), w.registerNamed("SHOW TABLES IN silver"));
    assertEquals(0L, spark.sql("SELECT * FROM silver.block_fit_ratings").count());
  }

  @Test
  void statisticsColumnsAreSetAtCreationAndAddedToATableWithoutThem(@TempDir Path dir) {
    Warehouse w = new Warehouse(spark, dir.toString());
    TableSpec bronze = io.genlake.table.BronzeTables.spec(io.genlake.table.BronzeTables.RATINGS);
    w.ensure(bronze);
    assertEquals(Optional.of(0L), w.version(bronze.id())); // in the create commit
    assertEquals("source,source_line", statsColumns(bronze.id()));

    TableSpec plain = TableSpec.simple(io.genlake.table.BronzeTables.FEEDBACK, io.genlake.table.BronzeTables.SCHEMA);
    w.ensure(plain);
    assertEquals("", statsColumns(plain.id())); // Delta's default
    w.ensure(io.genlake.table.BronzeTables.spec(plain.id()));
    w.ensure(io.genlake.table.BronzeTables.spec(plain.id())); // idempotent
    assertEquals(Optional.of(1L), w.version(plain.id()));
    assertEquals("source,source_line", statsColumns(plain.id()));
  }

  private String statsColumns(TableId id) {
    for (Row r : spark.sql("SHOW TBLPROPERTIES " + id.qualifiedName()).collectAsList()) {
      if (r.getString(0).equals("delta.dataSkippingStatsColumns")) {
        return r.getString(1);
      }
    }
    return "";
  }

  @Test
  void readingAMissingTableSaysHowToCreateIt(@TempDir Path dir) {
    Warehouse w = new Warehouse(spark, dir.toString());
    MissingTableException e = assertThrows(MissingTableException.class, () -> w.read(TableId.gold("nothing")));
    assertTrue(e.getMessage().startsWith("Table gold.nothing does not exist yet"), e.getMessage());
  }

  @Test
  void aNameRegisteredForAnotherWarehouseIsRepointed(@TempDir Path first, @TempDir Path second) {
    Warehouse a = new Warehouse(spark, first.toString());
    a.ensure(io.genlake.ops.OpsStepState.SPEC);
    Warehouse b = new Warehouse(spark, second.toString());
    b.ensure(io.genlake.ops.OpsStepState.SPEC);
    b.append(io.genlake.ops.OpsStepState.TABLE, spark.createDataFrame(List.of(RowFactory.create("fit", "silver.assets", 3L,
        "h", "r", Timestamp.valueOf("2026-11-20 10:00:00"))), io.genlake.ops.OpsStepState.SCHEMA));
    assertEquals(1L, spark.sql("SELECT * FROM ops.step_state").count());
    a.register(io.genlake.ops.OpsStepState.TABLE);
    assertEquals(0L, spark.sql("SELECT * FROM ops.step_state").count());
  }
}

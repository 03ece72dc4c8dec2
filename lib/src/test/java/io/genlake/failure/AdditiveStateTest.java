package io.genlake.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.genlake.table.GoldFailureCombinations;
import io.genlake.table.GoldFailureCounts;
import io.genlake.testing.TestSpark;
import io.genlake.warehouse.Warehouse;
import java.nio.file.Path;
import java.sql.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Folding signed counts into an additive state table: measures add up per key (null keys matched null-safely), a
 * key whose outcome count reaches 0 disappears, category maps add up entry by entry with entries reaching 0 dropped,
 * new keys are inserted, and the table keeps its contract's columns and types.
 */
class AdditiveStateTest {
  @TempDir Path dir;

  /**
   * Column names and types of a schema. Nullability is left out: every overwrite through {@link Warehouse#overwrite}
   * (overwriteSchema) records the columns as nullable, the full recount's as well as the fold's.
   */
  private static List<String> shape(org.apache.spark.sql.types.StructType schema) {
    return java.util.Arrays.stream(schema.fields()).map(f -> f.name() + " " + f.dataType().simpleString()).toList();
  }

  private static Map<String, String> comboFold() {
    Map<String, String> fold = new LinkedHashMap<>(AdditiveState.sums(
        List.of(GoldFailureCombinations.OUTCOMES, GoldFailureCombinations.FAILURES)));
    fold.put(GoldFailureCombinations.SIZE, "max(" + GoldFailureCombinations.SIZE + ")");
    fold.put(GoldFailureCombinations.FAILURES_BY_CATEGORY,
        AdditiveState.mapSum(GoldFailureCombinations.FAILURES_BY_CATEGORY));
    return fold;
  }

  private static Row combo(String model, String key, int size, long outcomes, long failures, Map<String, Long> byCategory) {
    return RowFactory.create(model, key, size, outcomes, failures, byCategory);
  }

  @Test
  void combinationsAddUpAndVanishAtZero() {
    Warehouse w = new Warehouse(TestSpark.session(), dir.toString());
    w.ensure(GoldFailureCombinations.SPEC);
    w.append(GoldFailureCombinations.TABLE, w.spark().createDataFrame(List.of(
        combo("sd", "", 0, 10, 4, Map.of("malformed", 3L, "physics", 1L)),
        combo("sd", "Pose=profile", 1, 3, 2, Map.of("malformed", 2L)),
        combo("sd", "Expression=angry", 1, 2, 1, Map.of("physics", 1L))), GoldFailureCombinations.SCHEMA));
    // the night: one malformed failure of sd's Pose=profile outcome became a pass (its old image -1, new image +1),
    // the only Expression=angry outcome left (-2 outcomes, -1 failure), and a new combination appears
    AdditiveState.add(w, GoldFailureCombinations.SPEC,
        List.of(GoldFailureCombinations.MODEL, GoldFailureCombinations.PATTERN_KEY), GoldFailureCombinations.OUTCOMES,
        comboFold(), w.spark().createDataFrame(List.of(
            combo("sd", "Pose=profile", 1, 0, -1, Map.of("malformed", -1L)),
            combo("sd", "Expression=angry", 1, -2, -1, Map.of("physics", -1L)),
            combo("sd", "", 0, 0, -1, Map.of("physics", -1L)),
            combo("sdxl", "Pose=profile", 1, 1, 1, Map.of("malformed", 1L))), GoldFailureCombinations.SCHEMA));

    Map<String, String> rows = new TreeMap<>();
    for (Row r : w.read(GoldFailureCombinations.TABLE).collectAsList()) {
      rows.put(r.getString(0) + "|" + r.getString(1), r.getInt(2) + " " + r.getLong(3) + " " + r.getLong(4) + " "
          + new TreeMap<>(r.<String, Long>getJavaMap(5)));
    }
    assertEquals(Map.of(
        "sd|", "0 10 3 {malformed=3}",
        "sd|Pose=profile", "1 3 1 {malformed=1}",
        "sdxl|Pose=profile", "1 1 1 {malformed=1}"), rows);
    assertEquals(shape(GoldFailureCombinations.SCHEMA), shape(w.read(GoldFailureCombinations.TABLE).schema()));
  }

  private static Row count(String value, String category, long outcomes, long failures, double scoreSum) {
    return RowFactory.create("generation", "model", value, Date.valueOf("2026-11-02"), category, outcomes, failures,
        outcomes, scoreSum, 0L, 0L, 0L);
  }

  @Test
  void countsMatchNullCategoriesNullSafely() {
    Warehouse w = new Warehouse(TestSpark.session(), dir.toString());
    w.ensure(GoldFailureCounts.SPEC);
    w.append(GoldFailureCounts.TABLE, w.spark().createDataFrame(List.of(
        count("sd", null, 5, 0, 20.0),
        count("sd", "malformed", 2, 2, 3.0)), GoldFailureCounts.SCHEMA));
    AdditiveState.add(w, GoldFailureCounts.SPEC, GoldFailureCounts.KEY, GoldFailureCounts.OUTCOMES,
        AdditiveState.sums(GoldFailureCounts.MEASURES), w.spark().createDataFrame(List.of(
            count("sd", null, 1, 0, 4.5),
            count("sd", "malformed", -2, -2, -3.0),
            count("sdxl", null, 1, 0, 1.0)), GoldFailureCounts.SCHEMA));

    TreeSet<String> rows = new TreeSet<>();
    for (Row r : w.read(GoldFailureCounts.TABLE).collectAsList()) {
      rows.add(r.getString(2) + " " + r.get(4) + " " + r.getLong(5) + " " + r.getLong(6) + " " + r.getLong(7) + " "
          + r.getDouble(8));
    }
    // the passes' row (null category) is one row, not two: grouping matches null keys
    assertEquals(new TreeSet<>(List.of("sd null 6 0 6 24.5", "sdxl null 1 0 1 1.0")), rows);
    assertEquals(shape(GoldFailureCounts.SCHEMA), shape(w.read(GoldFailureCounts.TABLE).schema()));
  }
}

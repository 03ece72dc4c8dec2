package io.genlake.testing;

import io.genlake.table.SilverActionBlocks;
import io.genlake.table.SilverAssets;
import io.genlake.table.SilverBlockFitRatings;
import io.genlake.table.SilverGenerations;
import io.genlake.warehouse.TableSpec;
import io.genlake.warehouse.Warehouse;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A small silver data set for fit scoring tests, built straight from the Silver* contracts: three blocks
 * (one without text, one with an unmapped tag), four assets (one without text, one whose text maps to
 * nothing), one generation, and six ratings (one of an unknown block, one of an unknown asset, one naming
 * only a generation, two users rating the same pair).
 */
public final class FitFixtures {
  public static final Timestamp T0 = Timestamp.valueOf("2026-11-20 10:00:00");

  private FitFixtures() {}

  /** Writes the data set into {@code w}'s silver tables. */
  public static void write(Warehouse w) {
    append(w, SilverActionBlocks.SPEC, List.of(
        Map.of("block_id", "b1", "prompt", "couple from behind, walking side by side on the beach, tender, slow motion",
            "tags", List.of("cam:from_behind", "mood:tender")),
        Map.of("block_id", "b2"),
        Map.of("block_id", "b3", "prompt", "close-up of a cat", "tags", List.of("sparkles"))));
    append(w, SilverGenerations.SPEC, List.of(
        Map.of("generation_id", "g1", "final_prompt", "tender moment", "negative_prompt", "dog, sad, low angle",
            "asset_ids", List.of("a1"))));
    append(w, SilverAssets.SPEC, List.of(
        Map.of("asset_id", "a1", "source_generation_id", "g1", "path", "images/a1.png",
            "captions", List.of("a couple walking side by side on the beach, from behind")),
        Map.of("asset_id", "a2", "captions", List.of("front view of a couple, side by side, beach")),
        Map.of("asset_id", "a3"),
        Map.of("asset_id", "a4", "captions", List.of("abstract swirl"))));
    append(w, SilverBlockFitRatings.SPEC, List.of(
        rating("r1", "b1", "a1", null, "u1", 5, "initial", "great"),
        rating("r2", "b1", "a2", null, "u1", 2, "initial", "Camera is front-facing, block expects from_behind"),
        rating("r3", "b1", "a2", null, "u2", 1, "initial", null),
        rating("r4", "b9", "a1", null, "u1", 3, "initial", null),
        rating("r5", "b1", "a99", null, "u1", 3, "initial", null),
        rating("r6", "b1", null, "g1", "u2", 4, "continuation", null)));
  }

  private static Map<String, Object> rating(String key, String block, String asset, String generation, String user,
      int rating, String role, String notes) {
    Map<String, Object> m = new java.util.HashMap<>();
    m.put("rating_key", key);
    m.put("block_id", block);
    m.put("asset_id", asset);
    m.put("generation_id", generation);
    m.put("user_id", user);
    m.put("fit_rating", rating);
    m.put("role_in_sequence", role);
    m.put("notes", notes);
    return m;
  }

  /** Appends rows given as column maps; required columns not given get a neutral value, optional ones null. */
  public static void append(Warehouse w, TableSpec spec, List<Map<String, Object>> rows) {
    List<Row> out = new ArrayList<>();
    for (Map<String, Object> values : rows) {
      out.add(row(spec.schema(), values));
    }
    w.ensure(spec);
    w.append(spec.id(), w.spark().createDataFrame(out, spec.schema()));
  }

  /** One row of {@code schema}. */
  public static Row row(StructType schema, Map<String, Object> values) {
    Object[] cells = new Object[schema.fields().length];
    for (int i = 0; i < cells.length; i++) {
      StructField f = schema.fields()[i];
      Object v = values.get(f.name());
      cells[i] = v != null || f.nullable() ? v : neutral(f);
    }
    return RowFactory.create(cells);
  }

  private static Object neutral(StructField f) {
    if (f.dataType() instanceof ArrayType) {
      return List.of();
    }
    if (f.dataType() instanceof MapType) {
      return scala.collection.immutable.Map$.MODULE$.empty();
    }
    if (f.dataType().equals(DataTypes.BooleanType)) {
      return false;
    }
    if (f.dataType().equals(DataTypes.TimestampType)) {
      return T0;
    }
    if (f.dataType().equals(DataTypes.LongType)) {
      return 0L;
    }
    if (f.dataType().equals(DataTypes.IntegerType)) {
      return 0;
    }
    if (f.name().equals("media_type")) {
      return "image";
    }
    if (f.name().equals("status")) {
      return "completed";
    }
    if (f.name().equals("operation_type")) {
      return "text_to_image";
    }
    return "x";
  }
}

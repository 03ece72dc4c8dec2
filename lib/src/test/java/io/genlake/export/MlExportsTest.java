package io.genlake.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.genlake.config.ConfigLoader;
import io.genlake.pipeline.Progress;
import io.genlake.pipeline.PinnedInputs;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StepResult;
import io.genlake.table.SilverGenerations;
import io.genlake.testing.TestSpark;
import io.genlake.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MlExportsTest {
  private final SparkSession spark = TestSpark.session();

  static Row generation(String id, String user, String selection, String day) {
    Timestamp t = Timestamp.valueOf(day + " 10:00:00");
    Object[] v = new Object[SilverGenerations.SCHEMA.fields().length];
    Map<String, Object> values = new HashMap<>();
    values.put(SilverGenerations.GENERATION_ID, id);
    values.put(SilverGenerations.CREATED_AT, t);
    values.put(SilverGenerations.STATUS, "completed");
    values.put(SilverGenerations.OPERATION_TYPE, "text_to_image");
    values.put(SilverGenerations.PROVIDER, "comfyui");
    values.put(SilverGenerations.CHECKPOINT, "epicrealismXL");
    values.put(SilverGenerations.LORAS, List.of());
    values.put(SilverGenerations.FINAL_PROMPT, "photorealistic portrait of a woman");
    values.put(SilverGenerations.VARIATIONS, Map.of("Pose", "profile"));
    values.put(SilverGenerations.USER_ID, user);
    values.put(SilverGenerations.ASSET_IDS, List.of());
    values.put(SilverGenerations.SELECTION, selection);
    values.put(SilverGenerations.IS_DELETED, false);
    values.put("source", "test.jsonl");
    values.put("source_line", 1L);
    values.put("ingest_run_id", "r");
    values.put("ingested_at", t);
    values.put("event_time", t);
    for (int i = 0; i < v.length; i++) {
      v[i] = values.get(SilverGenerations.SCHEMA.fields()[i].name());
    }
    return RowFactory.create(v);
  }

  @Test
  void writesPartitionedParquetWithSplitsPseudonymsAndManifestReadableWithoutSpark(@TempDir Path dir) throws Exception {
    Warehouse w = new Warehouse(spark, dir.resolve("wh").toString());
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      rows.add(generation("g" + i, "user-" + (i % 7), i % 3 == 0 ? "selected" : "rejected",
          i % 2 == 0 ? "2026-11-19" : "2026-11-20"));
    }
    w.ensure(SilverGenerations.SPEC);
    w.append(SilverGenerations.TABLE, spark.createDataFrame(rows, SilverGenerations.SCHEMA));
    RunContext ctx = new RunContext(spark, w, ConfigLoader.defaults(), "run-1", LocalDate.parse("2026-11-20"),
        dir, dir.resolve("reports"), dir.resolve("exports"), Progress.silent(), Optional.empty());
    Pseudonymizer p = Pseudonymizer.fromKey(Optional.of("0123456789abcdef-test-key")).orElseThrow();

    StepResult result = MlExports.run(ctx, PinnedInputs.current(w, MlExports.inputs()), MlExports.features(),
        Optional.of(p));
    assertEquals(200L, result.count("export.generations.rows"));

    Path out = dir.resolve("exports/2026-11-20");
    JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    assertEquals(200, manifest.path("tables").path("generations").path("rows").asInt());
    JsonNode splits = manifest.path("tables").path("generations").path("rows_per_split");
    assertEquals(200, splits.path("train").asInt() + splits.path("validation").asInt() + splits.path("test").asInt());
    assertTrue(splits.path("train").asInt() > 130 && splits.path("test").asInt() > 5, splits.toString());
    assertTrue(manifest.path("source_versions").has("silver.generations"));
    assertTrue(Files.isDirectory(out.resolve("generations/event_date=2026-11-19")));

    // read back with DuckDB: schema and row counts, no Spark involved
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
         Statement s = c.createStatement()) {
      String glob = out.resolve("generations").toString() + "/*/*.parquet";
      try (ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT user_pseudonym), "
          + "sum(CASE WHEN label_selected THEN 1 ELSE 0 END) FROM read_parquet('" + glob + "', hive_partitioning = true)")) {
        rs.next();
        assertEquals(200, rs.getInt(1));
        assertEquals(7, rs.getInt(2));
        assertEquals(67, rs.getInt(3));
      }
      try (ResultSet rs = s.executeQuery("SELECT user_pseudonym FROM read_parquet('" + glob + "') "
          + "WHERE generation_id = 'g0'")) {
        rs.next();
        assertEquals(p.pseudonym("user-0"), rs.getString(1));
        assertNotEquals("user-0", rs.getString(1));
      }
    }

    // unchanged sources: nothing rewritten
    StepResult again = MlExports.run(ctx, PinnedInputs.current(w, MlExports.inputs()), MlExports.features(),
        Optional.of(p));
    assertEquals(1L, again.count("export.tables_unchanged"));
  }

  @Test
  void splitOfAKeyNeverChanges() {
    var cfg = ConfigLoader.defaults().export();
    List<Row> a = spark.range(1000).selectExpr("cast(id as string) as k")
        .select(org.apache.spark.sql.functions.col("k"), MlExportWriter.split(org.apache.spark.sql.functions.col("k"), cfg).as("s"))
        .collectAsList();
    List<Row> b = spark.range(1000).selectExpr("cast(id as string) as k").repartition(7)
        .select(org.apache.spark.sql.functions.col("k"), MlExportWriter.split(org.apache.spark.sql.functions.col("k"), cfg).as("s"))
        .orderBy("k").collectAsList();
    Map<String, String> first = new HashMap<>();
    a.forEach(r -> first.put(r.getString(0), r.getString(1)));
    b.forEach(r -> assertEquals(first.get(r.getString(0)), r.getString(1)));
  }

  @Test
  void pseudonymsAreKeyedAndStable() {
    Pseudonymizer p1 = Pseudonymizer.fromKey(Optional.of("key-number-one-0000")).orElseThrow();
    Pseudonymizer p2 = Pseudonymizer.fromKey(Optional.of("key-number-two-0000")).orElseThrow();
    assertEquals(p1.pseudonym("alice"), p1.pseudonym("alice"));
    assertNotEquals(p1.pseudonym("alice"), p2.pseudonym("alice"));
    assertEquals(32, p1.pseudonym("alice").length());
    assertNull(p1.pseudonym(null));
    assertTrue(Pseudonymizer.fromKey(Optional.empty()).isEmpty());
  }
}

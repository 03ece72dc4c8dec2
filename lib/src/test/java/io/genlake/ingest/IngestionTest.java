package io.genlake.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.genlake.config.ConfigLoader;
import io.genlake.config.GenlakeConfig;
import io.genlake.pipeline.Progress;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StepResult;
import io.genlake.table.BronzeTables;
import io.genlake.table.QuarantineTables;
import io.genlake.table.SilverBlockFitRatings;
import io.genlake.table.SilverFeedbackAttempts;
import io.genlake.table.SilverGenerations;
import io.genlake.table.SilverImageRatings;
import io.genlake.table.SilverPreferenceEvents;
import io.genlake.table.SilverPromptVersions;
import io.genlake.table.SilverSessions;
import io.genlake.testing.TestSpark;
import io.genlake.warehouse.Layer;
import io.genlake.warehouse.TableId;
import io.genlake.warehouse.Warehouse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestionTest {
  static final GenlakeConfig CONFIG = ConfigLoader.loadYaml("ingest:\n  max_record_bytes: 2048\n  max_string_length: 100\n");
  static final String BLOCK = "3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b";

  static RunContext context(SparkSession spark, Warehouse w, Path landing, String runId, boolean full) {
    return context(spark, w, landing, runId, full, CONFIG);
  }

  static RunContext context(SparkSession spark, Warehouse w, Path landing, String runId, boolean full,
      GenlakeConfig config) {
    return new RunContext(spark, w, config, runId, LocalDate.of(2026, 11, 21), landing, landing.resolve("reports"),
        landing.resolve("exports"), Progress.silent(), Optional.empty(), full);
  }

  /** A landing with good and bad records of every stream, in every format. */
  static void writeLanding(Path landing) {
    Landing.lines(landing, "ratings/block_fit/r.jsonl",
        "{\"block_id\":\"" + BLOCK + "\",\"asset_id\":\"a1\",\"user_id\":\"u1\",\"role_in_sequence\":\"initial\","
            + "\"fit_rating\":4,\"created_at\":\"2026-11-20T10:00:00Z\"}",
        "{\"block_id\":\"" + BLOCK + "\",\"asset_id\":\"a1\",\"fit_rating\":7,\"created_at\":\"2026-11-20T10:00:00Z\"}",
        "{\"block_id\": ",
        "{\"block_id\":\"" + BLOCK + "\",\"asset_id\":\"a1\",\"role_in_sequence\":\"middle\",\"fit_rating\":3,"
            + "\"created_at\":\"2026-11-20T10:00:00Z\"}",
        "{\"block_id\":\"" + BLOCK + "\",\"asset_id\":\"a1\",\"fit_rating\":3}",
        "{\"block_id\":\"" + BLOCK + "\",\"asset_id\":\"a1\",\"fit_rating\":\"five\",\"created_at\":\"2026-11-20T10:00:00Z\"}",
        "{\"id\":\"r7\",\"block_id\":\"" + BLOCK + "\",\"asset_id\":\"a1\",\"user_id\":\"u1\",\"role_in_sequence\":\"initial\","
            + "\"fit_rating\":5,\"heuristic_score\":0.8,\"created_at\":\"2026-11-20T11:00:00+01:00\"}",
        "",
        "{\"block_id\":\"" + BLOCK + "\",\"fit_rating\":2,\"created_at\":\"2026-11-20T10:00:00Z\"}");
    byte[] csv = ("block_id,asset_id,fit_rating,created_at,notes\n"
        + BLOCK + ",a2,3,2026-11-20 09:00:00,plain\n"
        + BLOCK + ",a3,2,2026-11-20 09:00:00,\"notes with \"\"quote\"\" and\nnewline\"\n"
        + BLOCK + ",a4,2\n"
        + BLOCK + ",a5,2,2026-11-20 09:00:00,caf\u00e9 \u00ff\n").getBytes(StandardCharsets.UTF_8);
    // make the last record invalid UTF-8: replace the encoded ÿ (C3 BF) by a lone 0xFF byte
    for (int i = csv.length - 3; i > 0; i--) {
      if ((csv[i] & 0xFF) == 0xC3 && (csv[i + 1] & 0xFF) == 0xBF) {
        csv[i] = (byte) 0xFF;
        csv[i + 1] = (byte) 'x';
        break;
      }
    }
    Landing.bytes(landing, "ratings/block_fit/r.csv", csv);
    Landing.lines(landing, "generations/g.jsonl",
        "{\"id\":\"g1\",\"created_at\":\"2026-11-20T10:00:00Z\",\"status\":\"completed\",\"operation_type\":\"text_to_image\","
            + "\"provider\":\"comfyui\",\"loras\":[{\"name\":\"detail\",\"strength_model\":0.7}],"
            + "\"parameters\":{\"guidance_scale\":7.5,\"steps\":30,\"seed\":42,\"width\":512,\"height\":768},"
            + "\"variations\":{\"Expression\":\"angry\"},\"asset_ids\":[\"a1\"],\"folder\":\"s1\"}",
        "{\"id\":\"g2\",\"created_at\":\"2026-11-20T10:00:00Z\",\"status\":\"done\",\"operation_type\":\"text_to_image\","
            + "\"provider\":\"comfyui\"}",
        "{\"id\":\"g3\",\"created_at\":\"2026-11-20T10:00:00Z\",\"status\":\"completed\",\"operation_type\":\"upscale\","
            + "\"provider\":\"comfyui\",\"final_prompt\":\"" + "x".repeat(150) + "\"}",
        "{\"id\":\"g4\",\"notes\":\"" + "y".repeat(2100) + "\"}",
        "[1,2]");
    Landing.lines(landing, "reference/prompt_versions/pv.csv",
        "version_id,family_id,version_number,prompt_text,created_at",
        "v1,f1,1,a {{subject}} at dawn,2026-11-01T00:00:00Z",
        "v0,f1,0,bad,2026-11-01T00:00:00Z");
    Landing.sqlite(landing, "sqlite/metadata.db", Landing.SESSIONS_DDL,
        "INSERT INTO sessions (folder_name, created_at, is_test, metadata) VALUES (?, ?, ?, ?)",
        List.of(new Object[] {"2026-11-20_portraits", "2026-11-20 08:00:00", 0,
                "{\"model_name\":\"sd-v1.5\",\"template_name\":\"portrait.yaml\"}"},
            new Object[] {"2026-11-20_test", "2026-11-20 08:30:00", 1, null}));
    Landing.sqlite(landing, "sqlite/metadata.db", Landing.IMAGES_DDL,
        "INSERT INTO images (session_id, filename, status, technical_quality, is_liked, failure_category, metadata, "
            + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        List.of(new Object[] {1, "img_001.png", "ok", "perfect", 1, null,
                "{\"seed\":42,\"prompt\":\"portrait\",\"variations\":{\"Pose\":\"profile\"},\"dimensions\":[512,768]}",
                "2026-11-20 08:01:00"},
            new Object[] {1, "img_002.png", "ko", "imperfect", 0, "malformed", null, "2026-11-20 08:02:00"},
            new Object[] {1, "img_003.png", "meh", null, 0, null, null, "2026-11-20 08:03:00"}));
    Landing.sqlite(landing, "sqlite/prefs.sqlite", Landing.PREFERENCES_DDL,
        "INSERT INTO user_preferences (user_id, prompt, keywords, checkpoint, loras, selected, rejected, created_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        List.of(new Object[] {"u1", "anime girl", "[\"anime\",\"girl\"]", "dreamShaperXL.safetensors",
                "[{\"name\":\"detail\",\"strength\":0.5}]", 1, 0, "2026-11-20 09:00:00"},
            new Object[] {"u1", "anime girl", null, "epicrealismXL.safetensors", null, 1, 1, "2026-11-20 09:00:00"}));
    Landing.sqlite(landing, "sqlite/generation_history.db", Landing.ATTEMPTS_DDL,
        "INSERT INTO generation_attempts (id, timestamp, material, category, guidance_scale, patterns_used, "
            + "feedback_applied, realism_score, passed, physics_issues, retry_count) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        List.of(new Object[] {"att-1", "2026-11-20T10:00:00", "Birch", "wood_hardwood", 7.5, "[\"grain\"]", 1, 82, 1,
                "[]", 0},
            new Object[] {"att-2", "2026-11-20T10:05:00", "Steel", "metal_ferrous", 7.0, null, 0, 150, 0, null, 2}));
  }

  static final Map<String, String> EXPECTED_RULES = new TreeMap<>(Map.ofEntries(
      Map.entry("ratings/block_fit/r.jsonl#2", "out_of_range"),
      Map.entry("ratings/block_fit/r.jsonl#3", "malformed_json"),
      Map.entry("ratings/block_fit/r.jsonl#4", "unknown_enum"),
      Map.entry("ratings/block_fit/r.jsonl#5", "missing_field"),
      Map.entry("ratings/block_fit/r.jsonl#6", "wrong_type"),
      Map.entry("ratings/block_fit/r.jsonl#9", "missing_field"),
      Map.entry("ratings/block_fit/r.csv#5", "malformed_csv"),
      Map.entry("ratings/block_fit/r.csv#6", "invalid_utf8"),
      Map.entry("sqlite:sqlite/metadata.db#images#3", "unknown_enum"),
      Map.entry("sqlite:sqlite/prefs.sqlite#user_preferences#2", "inconsistent_fields"),
      Map.entry("generations/g.jsonl#2", "unknown_enum"),
      Map.entry("generations/g.jsonl#3", "string_too_long"),
      Map.entry("generations/g.jsonl#4", "record_too_large"),
      Map.entry("generations/g.jsonl#5", "malformed_json"),
      Map.entry("sqlite:sqlite/generation_history.db#generation_attempts#2", "out_of_range"),
      Map.entry("reference/prompt_versions/pv.csv#3", "out_of_range")));

  static Map<String, String> quarantined(Warehouse w) {
    Map<String, String> out = new TreeMap<>();
    for (TableId t : w.listTables(Layer.QUARANTINE)) {
      for (Row r : w.read(t).collectAsList()) {
        out.put(r.getAs(QuarantineTables.SOURCE) + "#" + r.getAs(QuarantineTables.SOURCE_LINE),
            r.getAs(QuarantineTables.RULE));
      }
    }
    return out;
  }

  static String reason(Warehouse w, TableId table, String source, long line) {
    return w.read(table).collectAsList().stream()
        .filter(r -> source.equals(r.getAs(QuarantineTables.SOURCE)) && line == (long) r.getAs(QuarantineTables.SOURCE_LINE))
        .map(r -> (String) r.getAs(QuarantineTables.REASON)).findFirst().orElseThrow();
  }

  @Test
  void everyBadRecordIsQuarantinedWithItsRuleAndCountsReconcile(@TempDir Path dir) {
    SparkSession spark = TestSpark.session();
    Path landing = dir.resolve("landing");
    writeLanding(landing);
    Warehouse w = new Warehouse(spark, dir.resolve("wh").toString());
    StepResult r = Ingestion.run(context(spark, w, landing, "run-1", false), EnumSet.allOf(Stream.class));

    assertEquals(EXPECTED_RULES, quarantined(w));
    assertEquals("line 2 has fit_rating 7, expected 1 to 5",
        reason(w, QuarantineTables.RATINGS, "ratings/block_fit/r.jsonl", 2));
    assertEquals("line 5 has no created_at, a required field",
        reason(w, QuarantineTables.RATINGS, "ratings/block_fit/r.jsonl", 5));
    assertEquals("line 4 has role_in_sequence \"middle\", expected one of initial, continuation, transition, unspecified",
        reason(w, QuarantineTables.RATINGS, "ratings/block_fit/r.jsonl", 4));
    assertEquals("line 6 has fit_rating \"five\", expected an integer",
        reason(w, QuarantineTables.RATINGS, "ratings/block_fit/r.jsonl", 6));
    assertEquals("line 9 has neither asset_id nor generation_id: a rating needs one of them",
        reason(w, QuarantineTables.RATINGS, "ratings/block_fit/r.jsonl", 9));
    assertEquals("line 5 has 3 cells, expected 5 as in the header",
        reason(w, QuarantineTables.RATINGS, "ratings/block_fit/r.csv", 5));
    assertEquals("line 3 has final_prompt of 150 characters, longer than ingest.max_string_length 100",
        reason(w, QuarantineTables.GENERATIONS, "generations/g.jsonl", 3));
    assertEquals("row 2 has realism_score 150, expected 0 to 100",
        reason(w, QuarantineTables.FEEDBACK, "sqlite:sqlite/generation_history.db#generation_attempts", 2));
    assertEquals("row 2 has selected true and rejected true, expected exactly one of them true",
        reason(w, QuarantineTables.RATINGS, "sqlite:sqlite/prefs.sqlite#user_preferences", 2));

    // block fit: 8 records (the blank line is not one), 6 rejected; lines 1 and 7 rate the same pair by the same user
    // and role: every rating is its own row, so both are kept (history), none is a duplicate
    assertEquals(8 + 4, r.count("silver.block_fit_ratings.read"));
    assertEquals(6 + 2, r.count("silver.block_fit_ratings.quarantined"));
    assertEquals(4, r.count("silver.block_fit_ratings.accepted"));
    assertEquals(0, r.count("silver.block_fit_ratings.duplicates"));
    assertEquals(2, r.count("silver.block_fit_ratings.quarantined.missing_field"));
    for (String t : List.of("silver.block_fit_ratings", "silver.generations", "silver.image_ratings",
        "silver.preference_events", "silver.feedback_attempts", "silver.sessions", "silver.prompt_versions")) {
      assertEquals(r.count(t + ".read"), r.count(t + ".accepted") + r.count(t + ".duplicates")
          + r.count(t + ".quarantined"), t);
    }
    assertEquals(r.count("read"), r.count("accepted") + r.count("duplicates") + r.count("quarantined"));
    assertEquals(12 + 5 + 2 + 3 + 2 + 2 + 2, r.count("read"));
    assertEquals(16, r.count("quarantined"));
    assertEquals(r.count("read"), w.read(BronzeTables.RATINGS).count() + w.read(BronzeTables.GENERATIONS).count()
        + w.read(BronzeTables.FEEDBACK).count() + w.read(BronzeTables.REFERENCE).count());

    assertEquals(2, w.read(SilverBlockFitRatings.TABLE).where("asset_id = 'a1'").count());
    Row fit = w.read(SilverBlockFitRatings.TABLE).where("asset_id = 'a1' AND rating_id = 'r7'").first();
    assertEquals(5, (int) fit.getAs(SilverBlockFitRatings.FIT_RATING));
    assertEquals("r7", fit.getAs(SilverBlockFitRatings.RATING_ID));
    assertEquals(0.8, (double) fit.getAs(SilverBlockFitRatings.APP_HEURISTIC_SCORE));
    assertEquals(7L, (long) fit.getAs("source_line"));
    assertEquals("notes with \"quote\" and\nnewline",
        w.read(SilverBlockFitRatings.TABLE).where("asset_id = 'a3'").first().getAs(SilverBlockFitRatings.NOTES));

    Row g = w.read(SilverGenerations.TABLE).first();
    assertEquals("g1", g.getAs(SilverGenerations.GENERATION_ID));
    assertEquals(7.5, (double) g.getAs(SilverGenerations.CFG_SCALE));
    assertEquals(30, (int) g.getAs(SilverGenerations.STEPS));
    assertEquals("s1", g.getAs(SilverGenerations.SESSION_ID));
    assertEquals("[[detail,0.7]]", g.getList(g.fieldIndex(SilverGenerations.LORAS)).toString());
    assertEquals("{Expression=angry}", g.getJavaMap(g.fieldIndex(SilverGenerations.VARIATIONS)).toString());

    assertEachSqliteSourceWasRead(w);
    assertIngestingAgainChangesNothing(spark, w, landing);
  }

  /** Each SQLite source is read with the seeds' schemas (0/1 booleans, JSON text, DATETIME text). */
  static void assertEachSqliteSourceWasRead(Warehouse w) {
    Row session = w.read(SilverSessions.TABLE).where("session_id = '1'").first();
    assertEquals("2026-11-20_portraits", session.getAs(SilverSessions.FOLDER_NAME));
    assertEquals("sd-v1.5", session.getAs(SilverSessions.MODEL_NAME));
    assertEquals("portrait.yaml", session.getAs(SilverSessions.TEMPLATE_NAME));
    assertTrue((boolean) w.read(SilverSessions.TABLE).where("session_id = '2'").first().getAs(SilverSessions.IS_TEST));

    assertEquals(List.of("1:img_001.png:ok:true:42:512:768", "2:img_002.png:ko:false:null:null:null"),
        w.read(SilverImageRatings.TABLE).orderBy("image_id").collectAsList().stream()
            .map(r -> r.getAs(SilverImageRatings.IMAGE_ID) + ":" + r.getAs(SilverImageRatings.FILENAME) + ":"
                + r.getAs(SilverImageRatings.STATUS) + ":" + r.getAs(SilverImageRatings.IS_LIKED) + ":"
                + r.getAs(SilverImageRatings.SEED) + ":" + r.getAs(SilverImageRatings.WIDTH) + ":"
                + r.getAs(SilverImageRatings.HEIGHT))
            .collect(Collectors.toList()));

    Row pref = w.read(SilverPreferenceEvents.TABLE).first();
    assertEquals("selected", pref.getAs(SilverPreferenceEvents.ACTION));
    assertEquals("[anime, girl]", pref.getList(pref.fieldIndex(SilverPreferenceEvents.APP_KEYWORDS)).toString());

    Row att = w.read(SilverFeedbackAttempts.TABLE).first();
    assertEquals("att-1", att.getAs(SilverFeedbackAttempts.ATTEMPT_ID));
    assertEquals(82, (int) att.getAs(SilverFeedbackAttempts.REALISM_SCORE));
    assertEquals(7.5, (double) att.getAs(SilverFeedbackAttempts.GUIDANCE_SCALE));
    assertTrue((boolean) att.getAs(SilverFeedbackAttempts.FEEDBACK_APPLIED));
    assertEquals("[grain]", att.getList(att.fieldIndex(SilverFeedbackAttempts.PATTERNS_USED)).toString());
    assertEquals(1L, w.read(SilverPromptVersions.TABLE).count());
  }

  /** Unchanged sources are not read again; a full re-read finds only duplicates and commits nothing new. */
  static void assertIngestingAgainChangesNothing(SparkSession spark, Warehouse w, Path landing) {
    Map<TableId, Optional<Long>> before = versions(w);

    StepResult again = Ingestion.run(context(spark, w, landing, "run-2", false), EnumSet.allOf(Stream.class));
    assertEquals(0, again.count("read"));
    assertEquals(8, again.count("sources.unchanged"));
    assertEquals(before, versions(w));

    // a full run re-reads every record: all are duplicates of silver or already in bronze and quarantine
    StepResult full = Ingestion.run(context(spark, w, landing, "run-3", true), EnumSet.allOf(Stream.class));
    assertEquals(28, full.count("read"));
    assertEquals(0, full.count("accepted"));
    assertEquals(12, full.count("duplicates"));
    assertEquals(16, full.count("quarantined"));
    Map<TableId, Optional<Long>> after = versions(w);
    after.remove(BronzeTables.SOURCE_FILES);
    before.remove(BronzeTables.SOURCE_FILES);
    assertEquals(before, after);
  }

  static Map<TableId, Optional<Long>> versions(Warehouse w) {
    Map<TableId, Optional<Long>> out = new TreeMap<>((a, b) -> a.qualifiedName().compareTo(b.qualifiedName()));
    for (Layer l : List.of(Layer.BRONZE, Layer.SILVER, Layer.QUARANTINE)) {
      for (TableId t : w.listTables(l)) {
        out.put(t, w.version(t));
      }
    }
    return out;
  }

  @Test
  void unreadableSourcesStopTheRunBeforeAnythingIsWritten(@TempDir Path dir) {
    SparkSession spark = TestSpark.session();
    Warehouse w = new Warehouse(spark, dir.resolve("wh").toString());

    Path missing = dir.resolve("nowhere");
    var e1 = assertThrows(UnreadableSourceException.class,
        () -> Ingestion.run(context(spark, w, missing, "r", false), EnumSet.allOf(Stream.class)));
    assertEquals("Cannot ingest: the landing directory " + missing + " does not exist or is not a directory. "
        + "Pass --landing DIR or set paths.landing in the config.", e1.getMessage());

    Path notSqlite = dir.resolve("l1");
    writeLanding(notSqlite);
    Landing.lines(notSqlite, "sqlite/broken.db", "this is not a database");
    var e2 = assertThrows(UnreadableSourceException.class,
        () -> Ingestion.run(context(spark, w, notSqlite, "r", false), EnumSet.allOf(Stream.class)));
    assertEquals("Cannot ingest sqlite/broken.db: it is not a SQLite database (its first bytes are not the SQLite "
        + "header). Files under sqlite/ must be SQLite 3 databases; move other files away.", e2.getMessage());

    Path badHeader = dir.resolve("l2");
    writeLanding(badHeader);
    Landing.lines(badHeader, "generations/z.csv", "id,status,id", "g9,completed,g9");
    var e3 = assertThrows(UnreadableSourceException.class,
        () -> Ingestion.run(context(spark, w, badHeader, "r", false), EnumSet.allOf(Stream.class)));
    assertEquals("Cannot ingest generations/z.csv: its header row names column id twice. Fix or remove the file.",
        e3.getMessage());

    for (Layer l : Layer.values()) {
      assertEquals(List.of(), w.listTables(l), l.dirName());
    }
    assertFalse(dir.resolve("wh").resolve("silver").toFile().exists());
  }

  @Test
  void silverRejectsRowsThatBreakItsConstraints(@TempDir Path dir) {
    SparkSession spark = TestSpark.session();
    Warehouse w = new Warehouse(spark, dir.resolve("wh").toString());
    w.ensure(SilverBlockFitRatings.SPEC);
    java.sql.Timestamp t = java.sql.Timestamp.from(java.time.Instant.parse("2026-11-20T10:00:00Z"));
    Row seven = org.apache.spark.sql.RowFactory.create("k", null, BLOCK, "a1", null, "initial", "u1", 7, null, null, null,
        null, t, "f.jsonl", 1L, "run", t, t);
    Exception e = assertThrows(Exception.class, () -> w.append(SilverBlockFitRatings.TABLE,
        spark.createDataFrame(List.of(seven), SilverBlockFitRatings.SCHEMA)));
    assertTrue(String.valueOf(e.getMessage()).contains("fit_rating_range"), e.getMessage());
    Row noTarget = org.apache.spark.sql.RowFactory.create("k", null, BLOCK, null, null, "initial", "u1", 3, null, null,
        null, null, t, "f.jsonl", 1L, "run", t, t);
    Exception e2 = assertThrows(Exception.class, () -> w.append(SilverBlockFitRatings.TABLE,
        spark.createDataFrame(List.of(noTarget), SilverBlockFitRatings.SCHEMA)));
    assertTrue(String.valueOf(e2.getMessage()).contains("rated_target"), e2.getMessage());
    assertEquals(0L, w.read(SilverBlockFitRatings.TABLE).count());
  }
}

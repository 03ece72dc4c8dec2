package io.genlake.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LandingGeneratorTest {
  static final int N = 2000;
  @TempDir static Path dir;
  static GenerationSummary summary;

  @BeforeAll
  static void generate() {
    summary = LandingGenerator.write(dir.resolve("a"), N, 7, 0.02);
  }

  @Test
  void sameArgumentsGiveByteIdenticalFiles(@TempDir Path other) throws IOException {
    LandingGenerator.write(other, N, 7, 0.02);
    List<Path> first = files(dir.resolve("a"));
    List<Path> second = files(other);
    assertEquals(first.stream().map(p -> dir.resolve("a").relativize(p).toString()).toList(),
        second.stream().map(p -> other.relativize(p).toString()).toList());
    for (int i = 0; i < first.size(); i++) {
      assertArrayEquals(Files.readAllBytes(first.get(i)), Files.readAllBytes(second.get(i)), first.get(i).toString());
    }
  }

  @Test
  void writingAgainIntoTheSameDirectoryOverwritesWithTheSameBytes(@TempDir Path other) throws IOException {
    LandingGenerator.write(other, 80, 9, 0.05);
    List<byte[]> before = new ArrayList<>();
    for (Path p : files(other)) {
      before.add(Files.readAllBytes(p));
    }
    LandingGenerator.write(other, 80, 9, 0.05);
    List<Path> after = files(other);
    assertEquals(before.size(), after.size());
    for (int i = 0; i < after.size(); i++) {
      assertArrayEquals(before.get(i), Files.readAllBytes(after.get(i)), after.get(i).toString());
    }
  }

  @Test
  void anotherSeedGivesOtherData(@TempDir Path other) throws IOException {
    LandingGenerator.write(other, 50, 8, 0.02);
    LandingGenerator.write(other.resolve("b"), 50, 7, 0.02);
    // bytes, not text: a part file may hold a deliberately invalid UTF-8 row
    assertFalse(java.util.Arrays.equals(Files.readAllBytes(other.resolve("generations/gen-part-0000.jsonl")),
        Files.readAllBytes(other.resolve("b/generations/gen-part-0000.jsonl"))));
  }

  @Test
  void everyKindIsWrittenInProportionToTheGenerations() {
    Map<String, Long> distinct = new HashMap<>();
    summary.rows().forEach((k, v) -> distinct.put(k, v - summary.duplicates().get(k)));
    assertEquals(N, distinct.get("generations"));
    assertEquals(Math.round(N / 2.6), distinct.get("sessions"));
    assertEquals(N / 20, distinct.get("action_blocks"));
    assertBetween(0.88 * N, 0.97 * N, distinct.get("assets"));
    assertBetween(0.75 * N, 0.9 * N, distinct.get("image_ratings"));
    assertBetween(0.85 * N, 1.15 * N, distinct.get("preference_events"));
    assertBetween(0.4 * N, 0.6 * N, distinct.get("block_fit_ratings"));
    assertBetween(N / 2.0, N / 2.0 + FeedbackPass.MAX_RETRIES + 1, distinct.get("feedback_attempts"));
    assertBetween(20, 120, distinct.get("prompt_versions"));
    for (String kind : summary.rows().keySet()) {
      assertTrue(summary.files().get(kind) >= 3, kind + " files " + summary.files());
      assertTrue(summary.rowsByFormat().get(kind + "/jsonl") > 0 && summary.rowsByFormat().get(kind + "/csv") > 0, kind);
    }
    for (String kind : List.of("sessions", "image_ratings", "preference_events", "feedback_attempts")) {
      assertTrue(summary.rowsByFormat().get(kind + "/sqlite") > 0, kind);
    }
  }

  @Test
  void checkpointAndKeywordPopularityIsSkewed() {
    Map<String, Integer> checkpoints = new HashMap<>();
    Map<String, Integer> keywords = new HashMap<>();
    for (LandingFiles.Line line : LandingFiles.read(dir.resolve("a"), Kind.PREFERENCE_EVENTS)) {
      if (line.fields() != null && !ContractCheck.badKey(Kind.PREFERENCE_EVENTS, line.fields())) {
        checkpoints.merge(String.valueOf(line.fields().get("checkpoint")), 1, Integer::sum);
        Object kw = line.fields().get("keywords");
        List<?> list = kw instanceof List<?> l ? l : readList(kw.toString());
        for (Object k : list) {
          keywords.merge(k.toString(), 1, Integer::sum);
        }
      }
    }
    List<Integer> c = sortedDesc(checkpoints);
    List<Integer> k = sortedDesc(keywords);
    // Zipf-like: the most popular is several times the tenth, and the head holds a large share
    assertTrue(c.get(0) > 4 * c.get(9), "checkpoints " + c);
    assertTrue(k.get(0) > 4 * k.get(29), "keywords " + k);
    assertTrue(c.get(0) + c.get(1) + c.get(2) > 0.45 * c.stream().mapToInt(Integer::intValue).sum(), "checkpoints " + c);
  }

  @Test
  void sqliteFilesHaveTheSeedSchemas() throws SQLException {
    Path sqlite = dir.resolve("a/sqlite");
    assertEquals(List.of("id INTEGER", "folder_name TEXT", "created_at DATETIME", "is_test BOOLEAN",
        "is_failed BOOLEAN", "is_archived BOOLEAN", "metadata JSON", "display_name TEXT", "notes TEXT",
        "is_deleted BOOLEAN", "created_at_real DATETIME", "updated_at DATETIME"), columns(sqlite.resolve("metadata.db"), "sessions"));
    assertEquals(List.of("id INTEGER", "session_id INTEGER", "filename TEXT", "status TEXT", "technical_quality TEXT",
        "is_liked BOOLEAN", "failure_category TEXT", "failure_notes TEXT", "metadata JSON", "ml_predictions JSON",
        "notes TEXT", "is_deleted BOOLEAN", "created_at DATETIME", "updated_at DATETIME"),
        columns(sqlite.resolve("metadata.db"), "images"));
    assertEquals(List.of("id INTEGER", "cache_key TEXT", "cache_value JSON", "computed_at DATETIME"),
        columns(sqlite.resolve("metadata.db"), "analytics_cache"));
    assertEquals(List.of("id TEXT", "timestamp TEXT", "material TEXT", "category TEXT", "gen_prompt_length INTEGER",
        "guidance_scale REAL", "contamination_uniformity INTEGER", "view_mode TEXT", "patterns_used TEXT",
        "feedback_applied BOOLEAN", "feedback_text TEXT", "feedback_category TEXT", "feedback_source TEXT",
        "val_prompt_length INTEGER", "val_truncated BOOLEAN", "realism_score INTEGER", "passed BOOLEAN",
        "physics_issues TEXT", "red_flags TEXT", "failure_category TEXT", "retry_count INTEGER",
        "final_success BOOLEAN", "image_path TEXT", "image_size_kb REAL", "notes TEXT"),
        columns(sqlite.resolve("generation_history.db"), "generation_attempts"));
    assertEquals(List.of("id INTEGER", "user_id TEXT", "prompt TEXT", "negative_prompt TEXT", "keywords JSON",
        "checkpoint TEXT", "loras JSON", "selected BOOLEAN", "rejected BOOLEAN", "model_family TEXT",
        "task_type TEXT", "generation_id TEXT", "created_at DATETIME"),
        columns(sqlite.resolve("preferences.db"), "user_preferences"));
    long images = count(sqlite.resolve("metadata.db"), "images");
    assertEquals(summary.rowsByFormat().get("image_ratings/sqlite") + summary.badRowsByFormat().get("image_ratings/sqlite"), images);
  }

  @Test
  void badArgumentsAreRefusedWithTheFix(@TempDir Path other) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LandingGenerator.write(other, 0, 1, 0.02));
    assertEquals("Cannot generate 0 generations: the scale must be at least 1.", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> LandingGenerator.write(other, 10, 1, 0.9));
    assertEquals("Cannot use bad rate 0.9: expected a share from 0 to 0.5 (0.02 = 2% bad rows).", e.getMessage());
  }

  static void assertBetween(double lo, double hi, long actual) {
    assertTrue(actual >= lo && actual <= hi, actual + " not in [" + lo + ", " + hi + "]");
  }

  private static List<Integer> sortedDesc(Map<String, Integer> counts) {
    List<Integer> values = new ArrayList<>(counts.values());
    values.sort((a, b) -> b - a);
    return values;
  }

  private static List<?> readList(String json) {
    try {
      return LandingFiles.JSON.readValue(json, List.class);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> columns(Path db, String table) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        ResultSet rs = c.createStatement().executeQuery("PRAGMA table_info(" + table + ")")) {
      while (rs.next()) {
        out.add(rs.getString("name") + " " + rs.getString("type"));
      }
    }
    return out;
  }

  private static long count(Path db, String table) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }
}

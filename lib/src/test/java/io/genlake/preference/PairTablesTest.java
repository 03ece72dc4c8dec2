package io.genlake.preference;

import static io.genlake.preference.SilverRows.event;
import static io.genlake.preference.SilverRows.stats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.genlake.config.ConfigException;
import io.genlake.config.ConfigLoader;
import io.genlake.config.GenlakeConfig;
import io.genlake.pipeline.StepResult;
import io.genlake.table.GoldPreferencePairIncrements;
import io.genlake.table.GoldPreferencePairStats;
import io.genlake.table.GoldPreferenceState;
import io.genlake.table.Views;
import io.genlake.testing.TestSpark;
import io.genlake.warehouse.Warehouse;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log-structured pair statistics: incremental nights append to gold.preference_pair_increments, readers fold
 * base and increments, a night past preference.fold_share folds them into the base, and every form equals a full
 * recompute. Three nights: day 1 (full, 12 base rows), day 2 (12 new pair rows), day 3 (10 new pair rows).
 */
class PairTablesTest {
  private static final LocalDate DAY1 = LocalDate.of(2026, 11, 14);
  private static final LocalDate DAY2 = LocalDate.of(2026, 11, 17);
  private static final LocalDate DAY3 = LocalDate.of(2026, 11, 20);

  @BeforeEach
  void forgetCatalog() {
    SilverRows.forgetCatalog();
  }

  private static Row at(String id, String user, String prompt, String checkpoint, String action, String created) {
    String ingested = Instant.parse(created).plusSeconds(3600).toString();
    return event(id, user, prompt, null, checkpoint, List.of(), action, null, created, ingested);
  }

  /** A warehouse after the three nights with a fold share, and day 2's and day 3's results. */
  private record Nights(Warehouse w, GenlakeConfig config, StepResult day2, StepResult day3) {}

  /** Runs the three nights in a new warehouse {@code name} under {@code dir} with {@code fold_share: share}. */
  private static Nights threeNights(Path dir, String name, String share) {
    Warehouse w = new Warehouse(TestSpark.session(), dir.resolve(name).toString());
    GenlakeConfig config = ConfigLoader.loadYaml("preference:\n  fold_share: " + share + "\n");
    SilverRows.appendEvents(w, List.of(
        at("a1", "u1", "anime girl", "A", "rejected", "2026-11-10T08:00:00Z"),
        at("a2", "u2", "photorealistic landscape", "B", "selected", "2026-11-12T08:00:00Z")));
    assertNote(PreferenceLearning.run(SilverRows.context(w, DAY1, dir, config)),
        "pair statistics: full update, 2 events added, 12 pair rows written");
    SilverRows.appendEvents(w, List.of(
        at("b1", "u1", "anime boy", "A", "rejected", "2026-11-16T08:00:00Z"),
        at("b2", "u2", "photorealistic landscape", "B", "rejected", "2026-11-15T08:00:00Z")));
    StepResult day2 = PreferenceLearning.run(SilverRows.context(w, DAY2, dir, config));
    SilverRows.appendEvents(w, List.of(
        at("c1", "u1", "anime", "A", "selected", "2026-11-20T08:00:00Z"),
        at("c2", "u3", "anime girl", "B", "selected", "2026-11-19T08:00:00Z")));
    StepResult day3 = PreferenceLearning.run(SilverRows.context(w, DAY3, dir, config));
    return new Nights(w, config, day2, day3);
  }

  @Test
  void twoNightsAppendAndTheirFoldedReadEqualsAFullRecompute(@TempDir Path dir) {
    Nights nights = threeNights(dir, "wh", "2.0");
    Warehouse w = nights.w();
    assertNote(nights.day2(), "pair statistics: appended 12 rows as increments (12 increment rows vs 12 base rows; "
        + "folded at 200%, preference.fold_share)");
    assertNote(nights.day3(), "pair statistics: appended 10 rows as increments (22 increment rows vs 12 base rows; "
        + "folded at 200%, preference.fold_share)");
    assertRows(w, 12, 22);
    Map<String, Row> current = stats(w);
    assertEquals(19, current.size());
    // anime x A, shared: rejected 11-10 08:00 (base) and 11-16 08:00 (day 2), selected 11-20 08:00 (day 3)
    Row animeA = current.get("*|keyword_checkpoint|anime|A");
    assertEquals(1L, animeA.getLong(4));
    assertEquals(2L, animeA.getLong(5));
    assertEquals(3L, animeA.getLong(6));
    assertEquals(1.0, animeA.getDouble(7), 1e-12);
    assertEquals(Math.exp(-10.0 / 30) + Math.exp(-4.0 / 30), animeA.getDouble(8), 1e-12);
    assertEquals(Timestamp.from(Instant.parse("2026-11-20T08:00:00Z")), animeA.getTimestamp(9));

    // the SQL view folds base and increments alike
    assertEquals(List.of(Views.PREFERENCE_PAIR_STATS_CURRENT),
        Views.registerNamed(w, "SELECT * FROM gold.preference_pair_stats_current"));
    Map<String, Row> view = new TreeMap<>();
    for (Row r : w.spark().sql("SELECT * FROM gold.preference_pair_stats_current").collectAsList()) {
      view.put(r.getString(0) + "|" + r.getString(1) + "|" + r.getString(2) + "|" + r.getString(3), r);
    }
    assertEqual(current, view, 1e-12);

    PreferenceLearning.run(SilverRows.context(w, DAY3, dir, nights.config()), KeywordNormalizer.identity(), true);
    assertRows(w, 19, 0);
    // emptied without a data file: readers see no increment from the Delta log and read the base alone
    assertFalse(w.hasData(GoldPreferencePairIncrements.TABLE));
    assertEqual(stats(w), current, 1e-9);
  }

  @Test
  void aNightPastTheFoldShareFoldsTheIncrementsIntoTheBase(@TempDir Path dir) {
    Nights nights = threeNights(dir, "wh", "1.5");
    Warehouse w = nights.w();
    assertNote(nights.day2(), "pair statistics: appended 12 rows as increments (12 increment rows vs 12 base rows; "
        + "folded at 150%, preference.fold_share)");
    // 12 + 10 increment rows reach 150% of the 12 base rows: day 3 folds
    assertNote(nights.day3(), "pair statistics: folded 12 increment rows and 10 new pair rows into the base: 19 base "
        + "rows, no increment rows (folded at 150% of the base rows, preference.fold_share)");
    assertRows(w, 19, 0);
    Map<String, Row> folded = stats(w);
    assertEquals(Math.exp(-10.0 / 30) + Math.exp(-4.0 / 30),
        folded.get("*|keyword_checkpoint|anime|A").getDouble(8), 1e-12);

    PreferenceLearning.run(SilverRows.context(w, DAY3, dir, nights.config()), KeywordNormalizer.identity(), true);
    assertEqual(stats(w), folded, 1e-9);
  }

  @Test
  void aStateWithoutRowCountsContinuesIncrementally(@TempDir Path dir) {
    // a warehouse written before the increments: its state has no row counts and it has no increments table
    Warehouse w = new Warehouse(TestSpark.session(), dir.resolve("wh").toString());
    GenlakeConfig config = ConfigLoader.loadYaml("preference:\n  fold_share: 2.0\n");
    SilverRows.appendEvents(w, List.of(
        at("a1", "u1", "anime girl", "A", "rejected", "2026-11-10T08:00:00Z"),
        at("a2", "u2", "photorealistic landscape", "B", "selected", "2026-11-12T08:00:00Z")));
    PreferenceLearning.run(SilverRows.context(w, DAY1, dir, config));
    w.read(GoldPreferenceState.TABLE).drop(GoldPreferenceState.PAIR_ROWS, GoldPreferenceState.INCREMENT_ROWS)
        .localCheckpoint().write().format("delta").mode("overwrite").option("overwriteSchema", "true")
        .save(w.location(GoldPreferenceState.TABLE));
    assertFalse(List.of(w.read(GoldPreferenceState.TABLE).columns()).contains(GoldPreferenceState.PAIR_ROWS));

    SilverRows.appendEvents(w, List.of(
        at("b1", "u1", "anime boy", "A", "rejected", "2026-11-16T08:00:00Z"),
        at("b2", "u2", "photorealistic landscape", "B", "rejected", "2026-11-15T08:00:00Z")));
    StepResult day2 = PreferenceLearning.run(SilverRows.context(w, DAY2, dir, config));
    assertNote(day2, "pair statistics: appended 12 rows as increments (12 increment rows vs 12 base rows; "
        + "folded at 200%, preference.fold_share)");
    assertRows(w, 12, 12);
    Row state = w.read(GoldPreferenceState.TABLE).orderBy(org.apache.spark.sql.functions.col(
        GoldPreferenceState.WRITTEN_AT).desc()).first();
    assertEquals(12L, state.getLong(state.fieldIndex(GoldPreferenceState.PAIR_ROWS)));
    assertEquals(12L, state.getLong(state.fieldIndex(GoldPreferenceState.INCREMENT_ROWS)));
    assertEquals(4L, state.getLong(state.fieldIndex(GoldPreferenceState.EVENTS_TOTAL)));
  }

  @Test
  void exportAndImportWithIncrementsPending(@TempDir Path dir) {
    Nights nights = threeNights(dir, "a", "2.0");
    Warehouse a = nights.w();
    GenlakeConfig config = nights.config();
    assertEquals(22, a.read(GoldPreferencePairIncrements.TABLE).count());
    Map<String, Row> original = stats(a);
    Path file = dir.resolve("prefs.json");
    assertEquals(19, PreferenceLearning.exportTo(a, file));

    Warehouse b = new Warehouse(TestSpark.session(), dir.resolve("b").toString());
    PreferenceLearning.importFrom(SilverRows.context(b, DAY3, dir, config), file);
    assertEqual(original, stats(b), 1e-12);

    // importing into the warehouse with pending increments merges into its current statistics and folds
    PreferenceLearning.importFrom(SilverRows.context(a, DAY3, dir, config), file);
    assertEquals(0, a.read(GoldPreferencePairIncrements.TABLE).count());
    Row doubled = stats(a).get("*|keyword_checkpoint|anime|A");
    assertEquals(2L, doubled.getLong(4));
    assertEquals(4L, doubled.getLong(5));
    assertEquals(2 * (Math.exp(-10.0 / 30) + Math.exp(-4.0 / 30)), doubled.getDouble(8), 1e-12);
  }

  /**
   * A small night is counted and summed on the driver (preference.local_max_rows); the same nights with the option at
   * 0 run as Spark jobs. Both must give the same pairs, counts, parameter statistics and recommendations, with the
   * bad-input rules applied alike: a checkpoint of spaces, one of a tab (not blank for Spark's trim), an event after
   * the run date, one without a user, an empty prompt, stop words only, LoRAs without or out of strength, and a
   * generation's selection.
   */
  @Test
  void aSmallNightOnTheDriverEqualsTheSparkJobs(@TempDir Path dir) {
    Night driver = edgeCaseNights(dir, "driver", "");
    Night spark = edgeCaseNights(dir, "spark", "  local_max_rows: 0\n");
    assertNote(driver.day2(), "pair statistics: the night's 9 events read were counted and summed on the driver (at "
        + "most preference.local_max_rows = 50000)");
    assertFalse(spark.day2().notes().stream().anyMatch(n -> n.contains("on the driver")), spark.day2().notes().toString());
    assertEquals(spark.day2().counts(), driver.day2().counts());
    assertEquals(1L, driver.day2().count("events.blank_checkpoint"));
    assertEquals(1L, driver.day2().count("events.future"));
    assertEquals(1L, driver.day2().count("events.no_user"));
    assertEquals(1L, driver.day2().count("events.empty_prompt"));
    assertEquals(1L, driver.day2().count("events.stop_words_only"));
    assertEquals(1L, driver.day2().count("loras.no_strength"));
    assertEquals(1L, driver.day2().count("loras.strength_out_of_range"));
    assertEquals(1L, driver.day2().count("events.read.generations"));
    // the same notes but the driver's own and the snapshot's file, which is in each warehouse
    List<String> sparkNotes = spark.day2().notes().stream().filter(n -> !n.contains(dir.toString())).toList();
    List<String> driverNotes = driver.day2().notes().stream()
        .filter(n -> !n.contains("on the driver") && !n.contains(dir.toString())).toList();
    assertEquals(spark.day2().notes().size() - 1, sparkNotes.size());
    assertEquals(sparkNotes, driverNotes);
    assertEqual(stats(spark.w()), stats(driver.w()), 1e-12);
    assertTrue(stats(driver.w()).containsKey("*|keyword_checkpoint|anime|\t"), stats(driver.w()).keySet().toString());
    assertEquals(rounded(spark.w(), io.genlake.table.GoldParameterStats.TABLE),
        rounded(driver.w(), io.genlake.table.GoldParameterStats.TABLE));
    List<String> recommendations = rounded(driver.w(), io.genlake.table.GoldCheckpointRecommendations.TABLE);
    assertFalse(recommendations.isEmpty());
    assertEquals(rounded(spark.w(), io.genlake.table.GoldCheckpointRecommendations.TABLE), recommendations);
  }

  private record Night(Warehouse w, StepResult day2) {}

  /** Day 1 (full) and day 2 (incremental, the edge cases) in a new warehouse with {@code extra} preference keys. */
  private static Night edgeCaseNights(Path dir, String name, String extra) {
    Warehouse w = new Warehouse(TestSpark.session(), dir.resolve(name).toString());
    GenlakeConfig config = ConfigLoader.loadYaml("preference:\n  fold_share: 2.0\n" + extra);
    SilverRows.appendEvents(w, List.of(
        at("a1", "u1", "anime girl", "A", "rejected", "2026-11-10T08:00:00Z"),
        at("a2", "u2", "photorealistic landscape", "B", "selected", "2026-11-12T08:00:00Z")));
    SilverRows.appendGenerations(w, List.of(SilverRows.generation("g1", "u1", "anime portrait", "A", "selected", 30,
        7.0, "2026-11-12T09:00:00Z")));
    PreferenceLearning.run(SilverRows.context(w, DAY1, dir, config));
    String ingested = "2026-11-16T20:00:00Z";
    SilverRows.appendEvents(w, List.of(
        SilverRows.eventWithLoras("b1", "u1", "anime boy", "blurry", "A", List.of(SilverRows.lora("detail", 0.8),
            SilverRows.lora("style", null), SilverRows.lora("glow", 2.5)), "rejected", null, "2026-11-16T08:00:00Z",
            ingested),
        SilverRows.event("b2", null, "photorealistic landscape", null, "B", List.of(), "selected", true,
            "2026-11-15T08:00:00Z", ingested),
        SilverRows.event("b3", "u2", "anime sky", null, "  ", List.of(), "selected", null, "2026-11-16T09:00:00Z",
            ingested),
        SilverRows.event("b4", "u2", "anime city", null, "\t", List.of(), "rejected", null, "2026-11-16T10:00:00Z",
            ingested),
        SilverRows.event("b5", "u2", "anime future", null, "A", List.of(), "selected", null, "2026-11-19T10:00:00Z",
            ingested),
        SilverRows.event("b6", "u3", "", null, "A", List.of("detail"), "selected", null, "2026-11-16T11:00:00Z",
            ingested),
        SilverRows.event("b7", "u3", "the and of", null, "B", List.of(), "rejected", false, "2026-11-16T12:00:00Z",
            ingested),
        SilverRows.event("b8", "u1", "anime portrait", null, "C", List.of(), "selected", null, "2026-11-17T08:00:00Z",
            ingested)));
    SilverRows.appendGenerations(w, List.of(SilverRows.generation("g2", "u4", "photorealistic portrait", "B",
        "rejected", 40, 5.5, ingested)));
    StepResult day2 = PreferenceLearning.run(SilverRows.context(w, DAY2, dir, config));
    return new Night(w, day2);
  }

  /**
   * A table's rows as sorted strings, every decimal number in them (nested ones too) rounded to 9 decimals: runs may
   * sum in another order.
   */
  private static List<String> rounded(Warehouse w, io.genlake.warehouse.TableId table) {
    java.util.regex.Pattern number = java.util.regex.Pattern.compile("-?\\d+\\.\\d+(E-?\\d+)?");
    List<String> out = new java.util.ArrayList<>();
    for (Row r : w.read(table).collectAsList()) {
      out.add(number.matcher(r.toString()).replaceAll(m -> String.format(java.util.Locale.ROOT, "%.9f",
          Double.parseDouble(m.group()))));
    }
    java.util.Collections.sort(out);
    return out;
  }

  @Test
  void aFoldShareBelowZeroIsRefused() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.loadYaml("preference:\n  fold_share: -0.1\n"));
    assertEquals("Invalid configuration value preference.fold_share = -0.1: expected a number from 0.0 to 100.0.",
        e.getMessage());
  }

  /** The rows of the base and of the increments. */
  private static void assertRows(Warehouse w, long base, long increments) {
    assertEquals(base, w.read(GoldPreferencePairStats.TABLE).count());
    assertEquals(increments, w.read(GoldPreferencePairIncrements.TABLE).count());
  }

  private static void assertNote(StepResult result, String note) {
    assertTrue(result.notes().contains(note), result.notes().toString());
  }

  private static void assertEqual(Map<String, Row> expected, Map<String, Row> actual, double tolerance) {
    assertEquals(expected.keySet(), actual.keySet());
    for (String key : expected.keySet()) {
      Row e = expected.get(key);
      Row a = actual.get(key);
      for (int i = 4; i <= 6; i++) {
        assertEquals(e.getLong(i), a.getLong(i), key);
      }
      assertEquals(e.getDouble(7), a.getDouble(7), tolerance, key);
      assertEquals(e.getDouble(8), a.getDouble(8), tolerance, key);
      assertEquals(e.getTimestamp(9), a.getTimestamp(9), key);
    }
  }
}

package io.genlake.preference;

import static io.genlake.preference.SilverRows.event;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.genlake.pipeline.StepResult;
import io.genlake.table.GoldCheckpointRecommendations;
import io.genlake.testing.TestSpark;
import io.genlake.warehouse.Warehouse;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gold.checkpoint_recommendations} kept per run date: partitioned by it, a re-run replaces its rows only. */
class DayRecommendationsTest {
  private static final LocalDate D1 = LocalDate.of(2026, 11, 19);
  private static final LocalDate D2 = LocalDate.of(2026, 11, 20);
  private static final String IN = "2026-11-20T12:00:00Z";

  @BeforeEach
  void forgetCatalog() {
    SilverRows.forgetCatalog();
  }

  @Test
  void eachRunDateReplacesItsOwnPartitionAndAnEarlierUnpartitionedTableIsMigrated(@TempDir Path dir) {
    Warehouse w = new Warehouse(TestSpark.session(), dir.resolve("wh").toString());
    SilverRows.appendEvents(w, List.of(
        // day 1: two users, two distinct prompts (u1's twice): 3 distinct (user, prompt, family)
        event("a1", "u1", "anime girl", null, "A", List.of(), "rejected", null, "2026-11-19T08:00:00Z", IN),
        event("a2", "u1", "anime girl", null, "B", List.of(), "selected", null, "2026-11-19T09:00:00Z", IN),
        event("a3", "u1", "castle at night", null, "A", List.of(), "selected", null, "2026-11-19T10:00:00Z", IN),
        event("a4", "u2", "castle at night", null, "B", List.of(), "rejected", null, "2026-11-19T11:00:00Z", IN),
        // day 2: two distinct (user, prompt, family)
        event("b1", "u2", "anime boy", null, "B", List.of(), "selected", null, "2026-11-20T08:00:00Z", IN),
        event("b2", "u3", "portrait", null, "A", List.of(), "selected", null, "2026-11-20T09:00:00Z", IN)));
    StepResult first = PreferenceLearning.run(SilverRows.context(w, D1, dir));
    assertEquals(3, rowsOut(first));
    PreferenceLearning.run(SilverRows.context(w, D2, dir));
    assertEquals(List.of(GoldCheckpointRecommendations.RUN_DATE), w.partitionColumns(GoldCheckpointRecommendations.TABLE));
    assertEquals(Map.of(D1, 3L, D2, 2L), rowsByRunDate(w));
    List<Row> day1 = rowsOf(w, D1);

    // re-running day 1 replaces its 3 rows (the same ones: same data) and leaves day 2's
    StepResult again = PreferenceLearning.run(SilverRows.context(w, D1, dir));
    assertEquals(3, rowsOut(again));
    assertEquals(Map.of(D1, 3L, D2, 2L), rowsByRunDate(w));
    assertEquals(day1, rowsOf(w, D1));

    // a table written unpartitioned (an earlier genlake) is rewritten partitioned, its other run date kept
    w.overwrite(GoldCheckpointRecommendations.TABLE, w.read(GoldCheckpointRecommendations.TABLE).localCheckpoint());
    assertEquals(List.of(), w.partitionColumns(GoldCheckpointRecommendations.TABLE));
    PreferenceLearning.run(SilverRows.context(w, D2, dir));
    assertEquals(List.of(GoldCheckpointRecommendations.RUN_DATE), w.partitionColumns(GoldCheckpointRecommendations.TABLE));
    assertEquals(Map.of(D1, 3L, D2, 2L), rowsByRunDate(w));
    assertEquals(day1, rowsOf(w, D1));
  }

  private static long rowsOut(StepResult r) {
    return r.tables().stream().filter(t -> t.table().equals(GoldCheckpointRecommendations.TABLE.qualifiedName()))
        .findFirst().orElseThrow().rowsOut();
  }

  private static Map<LocalDate, Long> rowsByRunDate(Warehouse w) {
    Map<LocalDate, Long> out = new TreeMap<>();
    for (Row r : w.read(GoldCheckpointRecommendations.TABLE).groupBy(GoldCheckpointRecommendations.RUN_DATE).count()
        .collectAsList()) {
      out.put(r.getDate(0).toLocalDate(), r.getLong(1));
    }
    return out;
  }

  /** A run date's rows as text, ordered by user and prompt. */
  private static List<Row> rowsOf(Warehouse w, LocalDate runDate) {
    return w.read(GoldCheckpointRecommendations.TABLE)
        .where(col(GoldCheckpointRecommendations.RUN_DATE).equalTo(Date.valueOf(runDate)))
        .select(GoldCheckpointRecommendations.USER_ID, GoldCheckpointRecommendations.PROMPT,
            GoldCheckpointRecommendations.RECOMMENDED, GoldCheckpointRecommendations.MODE)
        .orderBy(GoldCheckpointRecommendations.USER_ID, GoldCheckpointRecommendations.PROMPT).collectAsList();
  }
}

package io.genlake.preference;

import static io.genlake.preference.SilverRows.event;
import static io.genlake.preference.SilverRows.generation;
import static io.genlake.preference.SilverRows.rating;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.genlake.table.SilverPreferenceEvents;
import io.genlake.testing.TestSpark;
import io.genlake.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The incremental read of {@link PreferenceEvents}: the full read's rows that are new, precedence kept. */
class PreferenceEventsTest {
  private static final String OLD = "2026-11-10T08:00:00Z";
  private static final String NEW = "2026-11-18T08:00:00Z";
  private static final PreferenceEvents.Since SINCE = new PreferenceEvents.Since(
      Instant.parse("2026-11-15T00:00:00Z"), Instant.parse("2026-11-15T01:00:00Z"));

  @BeforeEach
  void forgetCatalog() {
    SilverRows.forgetCatalog();
  }

  /** A preference event about generation {@code gid}. */
  private static Row about(String id, String gid, String action, String createdAt, String ingestedAt) {
    Object[] v = new Object[SilverPreferenceEvents.SCHEMA.size()];
    Row e = event(id, "u1", "castle at night", null, "P", List.of(), action, null, createdAt, ingestedAt);
    for (int i = 0; i < v.length; i++) {
      v[i] = e.get(i);
    }
    v[SilverPreferenceEvents.SCHEMA.fieldIndex(SilverPreferenceEvents.GENERATION_ID)] = gid;
    return RowFactory.create(v);
  }

  @Test
  void incrementalReadIsTheFullReadFilteredToTheNewEvents(@TempDir Path dir) {
    Warehouse w = new Warehouse(TestSpark.session(), dir.resolve("wh").toString());
    SilverRows.appendGenerations(w, List.of(
        generation("g1", "u1", "castle", "C", "selected", 20, 7.0, OLD),
        generation("g2", "u1", "castle", "C", "rejected", 20, 7.0, NEW), // covered by the old event p2
        generation("g3", "u1", "castle", "C", "selected", 20, 7.0, NEW), // new, no event: counts
        generation("g4", "u2", "castle", "D", null, 30, 5.0, OLD), // rated by the new i4
        generation("g5", "u2", "castle", "D", "selected", 30, 5.0, OLD), // its selection wins over i5
        generation("g6", "u2", "castle", "D", null, 30, 5.0, NEW), // covered by the old event p6
        generation("g7", "u2", "castle", "D", "rejected", 30, 5.0, NEW))); // the new p7 wins
    SilverRows.appendEvents(w, List.of(
        about("p1", "g1", "selected", OLD, OLD),
        about("p2", "g2", "selected", OLD, OLD),
        about("p6", "g6", "rejected", OLD, OLD),
        about("p7", "g7", "selected", NEW, NEW),
        about("p8", null, "rejected", "2026-11-12T08:00:00Z", NEW))); // late arrival
    SilverRows.appendRatings(w, List.of(
        rating("i1", "g1", true, "ok", OLD),
        rating("i4", "g4", true, "ok", NEW),
        rating("i5", "g5", false, "ko", NEW),
        rating("i6", "g6", true, "ok", NEW),
        rating("i9", "gx", false, "ko", NEW))); // a generation silver does not hold

    Map<String, Row> incremental = byId(PreferenceEvents.read(w, true, Optional.of(SINCE)));
    Map<String, Row> filtered = byId(PreferenceEvents.read(w, true).where(
        SINCE.isNew(col(PreferenceEvents.CREATED_AT), col(PreferenceEvents.INGESTED_AT))));
    assertEquals(List.of("generation:g3", "image:i4", "image:i9", "p7", "p8"), List.copyOf(incremental.keySet()));
    assertEquals(filtered, incremental);
    assertEquals("D", incremental.get("image:i4").getAs(PreferenceEvents.CHECKPOINT)); // from its generation g4
    assertEquals("u2", incremental.get("image:i4").getAs(PreferenceEvents.USER_ID));
    assertEquals(9, PreferenceEvents.read(w, true).count()); // p1 p2 p6 p7 p8, g3 g5, i4 i9

    // imported statistics have no ingestion watermark: every ingested row is new, p8 (created before as_of) too
    PreferenceEvents.Since imported = new PreferenceEvents.Since(SINCE.asOf(), Instant.EPOCH);
    assertEquals(byId(PreferenceEvents.read(w, true)), byId(PreferenceEvents.read(w, true, Optional.of(imported))));
  }

  private static Map<String, Row> byId(Dataset<Row> events) {
    Map<String, Row> out = new TreeMap<>();
    for (Row r : events.collectAsList()) {
      out.put(r.getAs(PreferenceEvents.EVENT_ID), r);
    }
    return out;
  }
}

package io.genlake.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.genlake.pipeline.StepResult;
import io.genlake.table.QuarantineTables;
import io.genlake.table.SilverGenerations;
import io.genlake.testing.TestSpark;
import io.genlake.warehouse.Layer;
import io.genlake.warehouse.Warehouse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs that once stopped a whole stream (test resources {@code ingest/stream-stoppers/}): numbers past a
 * double's range and JSON nested past Jackson's limit are quarantined with their file, line and rule, and the
 * stream's good records are committed. Unreadable sources are all reported at once.
 */
class StreamStoppersTest {
  static void copyResource(String name, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    try (InputStream in = StreamStoppersTest.class.getResourceAsStream("/ingest/stream-stoppers/" + name)) {
      Files.copy(in, to);
    }
  }

  @Test
  void hugeNumbersAndDeepNestingAreQuarantinedAndTheStreamGoesOn(@TempDir Path dir) throws IOException {
    SparkSession spark = TestSpark.session();
    Path landing = dir.resolve("landing");
    copyResource("generations/huge-numbers.jsonl", landing.resolve("generations/huge-numbers.jsonl"));
    copyResource("generations/deep-nesting.jsonl", landing.resolve("generations/deep-nesting.jsonl"));
    Warehouse w = new Warehouse(spark, dir.resolve("wh").toString());

    StepResult r = Ingestion.run(IngestionTest.context(spark, w, landing, "run-1", false,
        io.genlake.config.ConfigLoader.loadYaml("")), EnumSet.of(Stream.GENERATIONS));

    assertEquals(8, r.count("read"));
    assertEquals(4, r.count("accepted"));
    assertEquals(4, r.count("quarantined"));
    assertEquals(List.of("g1", "g5", "g6", "g8"), w.read(SilverGenerations.TABLE).orderBy("generation_id")
        .collectAsList().stream().map(x -> (String) x.getAs(SilverGenerations.GENERATION_ID)).toList());
    assertEquals(List.of(
        "generations/deep-nesting.jsonl:2 nesting_too_deep line 2 is not valid JSON: it nests objects and lists more "
            + "than 1000 levels deep, the most a record may",
        "generations/huge-numbers.jsonl:2 number_out_of_range line 2 has cost_usd, a number beyond the range a "
            + "double holds (about ±1.8e308)",
        "generations/huge-numbers.jsonl:3 number_out_of_range line 3 has parameters.cfg_scale, a number beyond the "
            + "range a double holds (about ±1.8e308)",
        "generations/huge-numbers.jsonl:4 out_of_range line 4 has latency_ms 123456789012345678901234567890, "
            + "expected at least 0"),
        w.read(QuarantineTables.GENERATIONS).orderBy(QuarantineTables.SOURCE, QuarantineTables.SOURCE_LINE)
            .collectAsList().stream().map(x -> x.getAs(QuarantineTables.SOURCE) + ":"
                + x.getAs(QuarantineTables.SOURCE_LINE) + " " + x.getAs(QuarantineTables.RULE) + " "
                + x.getAs(QuarantineTables.REASON)).collect(Collectors.toList()));
  }

  @Test
  void everyUnreadableSourceIsReportedNotOnlyTheFirst(@TempDir Path dir) {
    SparkSession spark = TestSpark.session();
    Path landing = dir.resolve("landing");
    IngestionTest.writeLanding(landing);
    Landing.lines(landing, "generations/z.csv", "id,status,id", "g9,completed,g9");
    Landing.lines(landing, "feedback/empty.csv");
    Landing.lines(landing, "sqlite/broken.db", "this is not a database");
    Warehouse w = new Warehouse(spark, dir.resolve("wh").toString());

    var e = assertThrows(UnreadableSourceException.class,
        () -> Ingestion.run(IngestionTest.context(spark, w, landing, "r", false), EnumSet.allOf(Stream.class)));
    assertEquals("Cannot ingest: 3 landing sources cannot be read, so nothing was written. Fix or remove each of them:"
        + "\n  - generations/z.csv: its header row names column id twice. Fix or remove the file."
        + "\n  - feedback/empty.csv: its header row has an empty column name. Fix or remove the file."
        + "\n  - sqlite/broken.db: it is not a SQLite database (its first bytes are not the SQLite header). Files "
        + "under sqlite/ must be SQLite 3 databases; move other files away.", e.getMessage());
    for (Layer l : Layer.values()) {
      assertEquals(List.of(), w.listTables(l), l.dirName());
    }
  }
}

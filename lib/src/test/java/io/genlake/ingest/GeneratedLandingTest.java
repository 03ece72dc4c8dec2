package io.genlake.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.genlake.config.ConfigLoader;
import io.genlake.generate.GenerationSummary;
import io.genlake.generate.LandingGenerator;
import io.genlake.pipeline.StepResult;
import io.genlake.testing.TestSpark;
import io.genlake.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingests what the landing generator writes (every kind, every format, bad rows of every rule) and checks that
 * ingestion accounts for each row as the generator's own summary says: good rows accepted once per key, the
 * generator's duplicates counted as duplicates, each bad row quarantined under the matching rule.
 */
class GeneratedLandingTest {
  /** The generator's bad-row rules (docs/generate.md): the rule ids ingestion quarantines them under. */
  static final java.util.List<String> RULES = java.util.List.of("malformed_json", "wrong_type", "out_of_range",
      "unknown_enum", "missing_field", "string_too_long", "invalid_utf8", "malformed_csv");

  @Test
  void everyGeneratedRowIsAccountedForAsTheGeneratorSays(@TempDir Path dir) {
    SparkSession spark = TestSpark.session();
    Path landing = dir.resolve("landing");
    GenerationSummary summary = LandingGenerator.write(landing, 400, 11, 0.05);
    Warehouse w = new Warehouse(spark, dir.resolve("wh").toString());
    StepResult r = Ingestion.run(IngestionTest.context(spark, w, landing, "gen-1", false,
        ConfigLoader.defaults()), EnumSet.allOf(Stream.class));
    r.notes().forEach(System.out::println);

    Map<String, Long> expected = new TreeMap<>();
    Map<String, Long> actual = new TreeMap<>();
    for (String kind : summary.rows().keySet()) {
      String t = "silver." + kind;
      long good = summary.rows().get(kind);
      long bad = summary.badRowsByKind().getOrDefault(kind, 0L);
      long dups = summary.duplicates().getOrDefault(kind, 0L);
      expected.put(kind + " read", good + bad);
      expected.put(kind + " accepted", good - dups);
      expected.put(kind + " duplicates", dups);
      expected.put(kind + " quarantined", bad);
      actual.put(kind + " read", r.count(t + ".read"));
      actual.put(kind + " accepted", r.count(t + ".accepted"));
      actual.put(kind + " duplicates", r.count(t + ".duplicates"));
      actual.put(kind + " quarantined", r.count(t + ".quarantined"));
      for (String rule : RULES) {
        long n = summary.badRowsByKindAndRule().getOrDefault(kind + "/" + rule, 0L);
        long got = r.count(t + ".quarantined." + rule);
        if (n > 0 || got > 0) {
          expected.put(kind + " " + rule, n);
          actual.put(kind + " " + rule, got);
        }
      }
    }
    assertEquals(expected, actual);
  }
}

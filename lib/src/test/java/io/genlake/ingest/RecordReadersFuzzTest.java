package io.genlake.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.genlake.pipeline.StepResult;
import io.genlake.table.BronzeTables;
import io.genlake.table.QuarantineTables;
import io.genlake.testing.TestSpark;
import io.genlake.warehouse.Warehouse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property tests over the record readers with seeded random input (random bytes, random JSON, random CSV; the
 * same inputs every run): no input makes a reader throw, every record becomes exactly one staged row (valid or
 * quarantined with a rule and reason), and a whole ingestion of such a landing reconciles
 * {@code read = accepted + duplicates + quarantined} with every record read in bronze.
 */
class RecordReadersFuzzTest {
  private static final long[] SEEDS = {1, 2, 3, 20, 42};
  private static final Limits LIMITS = new Limits(4096, 200, java.time.Instant.parse("2028-01-01T00:00:00Z")
      .toEpochMilli());

  /** A JSON Lines file of random bytes and random JSON for {@code kind}; returns its count of non-blank lines. */
  static int writeJsonLines(Path file, Kind kind, FuzzRecords fuzz, int lines) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int records = 0;
    for (int i = 0; i < lines; i++) {
      byte[] b = i % 3 == 0 ? fuzz.randomBytes() : fuzz.randomJson(kind).getBytes(StandardCharsets.UTF_8);
      out.write(b);
      out.write('\n');
      records += blank(b) ? 0 : 1;
    }
    Landing.bytes(file.getParent(), file.getFileName().toString(), out.toByteArray());
    return records;
  }

  /** A CSV file: {@code kind}'s field names as the header, then random rows. */
  static void writeCsv(Path file, Kind kind, FuzzRecords fuzz, int rows) {
    List<String> header = new ArrayList<>(new LinkedHashSet<>(FuzzRecords.fieldNames(kind)));
    List<String> lines = new ArrayList<>(List.of(String.join(",", header)));
    for (int i = 0; i < rows; i++) {
      lines.add(fuzz.randomCsvRow(header.size()));
    }
    Landing.lines(file.getParent(), file.getFileName().toString(), lines.toArray(new String[0]));
  }

  /** The CSV records {@link CsvRecords} finds after the header, blank ones excluded. */
  static int csvRecords(Path file) throws IOException {
    int n = 0;
    try (CsvRecords csv = new CsvRecords(file)) {
      csv.next();
      while (csv.next()) {
        n += blank(java.util.Arrays.copyOf(csv.bytes(), csv.length())) ? 0 : 1;
      }
    }
    return n;
  }

  private static boolean blank(byte[] b) {
    for (byte x : b) {
      if (x != ' ' && x != '\t' && x != '\r') {
        return false;
      }
    }
    return true;
  }

  @Test
  void everyRandomRecordBecomesExactlyOneRowAndNothingThrows(@TempDir Path dir) throws IOException {
    java.util.Set<String> rules = new java.util.TreeSet<>();
    for (long seed : SEEDS) {
      FuzzRecords fuzz = new FuzzRecords(seed);
      for (Kind kind : Kind.values()) {
        Path jsonl = dir.resolve(seed + "-" + kind.label() + ".jsonl");
        int expected = writeJsonLines(jsonl, kind, fuzz, 300);
        Staging staging = new Staging(kind, LIMITS);
        int rows = 0;
        long line = 0;
        try (LineReader lines = new LineReader(jsonl, 0, java.nio.file.Files.size(jsonl))) {
          while (lines.next()) {
            line++;
            InternalRow r = staging.jsonLine("f.jsonl", line, lines.bytes(), lines.length());
            rows += r == null ? 0 : checked(r, "seed " + seed + " " + kind + " line " + line, rules);
          }
        }
        assertEquals(expected, rows, "seed " + seed + " " + kind + " JSON Lines");

        Path csvFile = dir.resolve(seed + "-" + kind.label() + ".csv");
        writeCsv(csvFile, kind, fuzz, 100);
        List<String> header = CsvHeader.read(csvFile, "f.csv");
        int csvRows = 0;
        try (CsvRecords csv = new CsvRecords(csvFile)) {
          csv.next();
          while (csv.next()) {
            InternalRow r = staging.csvRecord("f.csv", csv.line(), csv.bytes(), csv.length(), csv.unterminated(),
                header);
            csvRows += r == null ? 0 : checked(r, "seed " + seed + " " + kind + " CSV line " + csv.line(), rules);
          }
        }
        assertEquals(csvRecords(csvFile), csvRows, "seed " + seed + " " + kind + " CSV");
      }
    }
    // the inputs reach every rule a record's text can break
    assertEquals(List.of(), java.util.stream.Stream.of("malformed_json", "malformed_csv", "invalid_utf8",
        "number_out_of_range", "nesting_too_deep", "duplicate_key", "invalid_unicode", "wrong_type", "missing_field",
        "out_of_range").filter(x -> !rules.contains(x)).toList(), "rules no input reached");
    assertEquals(false, rules.contains("invalid_record"), "a record failed in a way no rule describes: " + rules);
  }

  /** 1 when {@code r} is valid (no rule) or quarantined with both a rule and a reason; fails otherwise. */
  private static int checked(InternalRow r, String what, java.util.Set<String> rules) {
    boolean hasRule = !r.isNullAt(5);
    boolean hasReason = !r.isNullAt(6);
    assertEquals(hasRule, hasReason, what);
    rules.add(hasRule ? r.getUTF8String(5).toString() : "");
    return 1;
  }

  @Test
  void aRandomLandingIngestsWithCountsThatReconcile(@TempDir Path dir) throws IOException {
    SparkSession spark = TestSpark.session();
    Path landing = dir.resolve("landing");
    FuzzRecords fuzz = new FuzzRecords(7);
    long expected = 0;
    for (Kind kind : Kind.values()) {
      Path folder = landing.resolve(kind.folder());
      expected += writeJsonLines(folder.resolve("fuzz.jsonl"), kind, fuzz, 60);
      writeCsv(folder.resolve("fuzz.csv"), kind, fuzz, 30);
      expected += csvRecords(folder.resolve("fuzz.csv"));
    }
    Warehouse w = new Warehouse(spark, dir.resolve("wh").toString());
    StepResult r = Ingestion.run(IngestionTest.context(spark, w, landing, "fuzz-1", false),
        EnumSet.allOf(Stream.class));

    assertEquals(expected, r.count("read"));
    assertEquals(r.count("read"), r.count("accepted") + r.count("duplicates") + r.count("quarantined"));
    for (Kind kind : Kind.values()) {
      String t = kind.silver().id().qualifiedName();
      assertEquals(r.count(t + ".read"), r.count(t + ".accepted") + r.count(t + ".duplicates")
          + r.count(t + ".quarantined"), t);
    }
    long bronze = 0;
    long quarantined = 0;
    for (Stream s : Stream.values()) {
      bronze += w.read(s.bronze()).count();
      quarantined += w.exists(s.quarantine()) ? w.read(s.quarantine()).count() : 0;
    }
    assertEquals(expected, bronze);
    assertEquals(r.count("quarantined"), quarantined);
    assertEquals(0, w.read(QuarantineTables.GENERATIONS).where(QuarantineTables.REASON + " = ''").count());
    assertEquals(2L * Kind.values().length, w.read(BronzeTables.SOURCE_FILES).count());
  }
}

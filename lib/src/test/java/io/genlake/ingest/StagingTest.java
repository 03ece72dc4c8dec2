package io.genlake.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.genlake.table.BronzeTables;
import io.genlake.table.SilverBlockFitRatings;
import io.genlake.table.SilverFeedbackAttempts;
import io.genlake.table.SilverGenerations;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The validation rules, record by record, without Spark: exact rule and message for each bad record. */
class StagingTest {
  static final Limits LIMITS = new Limits(300, 40);
  static final String BLOCK = "3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b";

  static Row json(Kind kind, String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    return named(kind, new Staging(kind, LIMITS).jsonLine("f.jsonl", 42, b, b.length));
  }

  /** The staged row with its schema, so tests read columns by name. */
  static Row named(Kind kind, org.apache.spark.sql.catalyst.InternalRow r) {
    return (Row) org.apache.spark.sql.catalyst.CatalystTypeConverters.createToScalaConverter(Staging.schema(kind))
        .apply(r);
  }

  static String ruleAndReason(Row r) {
    return r.getAs(Staging.RULE) + ": " + r.getAs(Staging.REASON);
  }

  static String fit(String fields) {
    return "{\"block_id\":\"" + BLOCK + "\",\"asset_id\":\"a1\",\"created_at\":\"2026-11-20T10:00:00Z\"," + fields + "}";
  }

  @Test
  void eachBrokenRuleHasItsIdAndAPreciseMessage() {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put(fit("\"fit_rating\":7"), "out_of_range: line 42 has fit_rating 7, expected 1 to 5");
    cases.put(fit("\"fit_rating\":0"), "out_of_range: line 42 has fit_rating 0, expected 1 to 5");
    cases.put(fit("\"fit_rating\":4.5"), "wrong_type: line 42 has fit_rating 4.5, expected an integer");
    cases.put(fit("\"fit_rating\":true"), "wrong_type: line 42 has fit_rating true, expected an integer");
    cases.put(fit("\"fit_rating\":3,\"role_in_sequence\":\"end\""),
        "unknown_enum: line 42 has role_in_sequence \"end\", expected one of initial, continuation, transition, unspecified");
    cases.put(fit("\"fit_rating\":3,\"heuristic_score\":1.5"),
        "out_of_range: line 42 has heuristic_score 1.5, expected 0 to 1");
    cases.put(fit("\"fit_rating\":3,\"notes\":\"" + "n".repeat(41) + "\""),
        "string_too_long: line 42 has notes of 41 characters, longer than ingest.max_string_length 40");
    cases.put("{\"block_id\":\"not-a-uuid\",\"asset_id\":\"a\",\"fit_rating\":3,\"created_at\":\"2026-11-20T10:00:00Z\"}",
        "wrong_type: line 42 has block_id \"not-a-uuid\", expected a UUID");
    cases.put("{\"block_id\":\"" + BLOCK + "\",\"asset_id\":\"a\",\"fit_rating\":3,\"created_at\":\"yesterday\"}",
        "wrong_type: line 42 has created_at \"yesterday\", expected an ISO-8601 timestamp such as 2026-11-20T10:15:00Z");
    cases.put("{\"asset_id\":\"a\",\"fit_rating\":3,\"created_at\":\"2026-11-20T10:00:00Z\"}",
        "missing_field: line 42 has no block_id, a required field");
    cases.put("{\"block_id\":",
        "malformed_json: line 42 is not valid JSON: Unexpected end-of-input within/between Object entries at column 13");
    cases.put("{\"a\":1} {\"b\":2}",
        "malformed_json: line 42 is not valid JSON: more than one JSON value on the line, the second one at column 9");
    cases.put("\"just a string\"", "malformed_json: line 42 is not a JSON object (found string)");
    String big = fit("\"fit_rating\":3,\"x\":\"" + "y".repeat(200) + "\"");
    cases.put(big, "record_too_large: line 42 has " + big.length() + " bytes, more than ingest.max_record_bytes 300");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      assertEquals(c.getValue(), ruleAndReason(json(Kind.BLOCK_FIT_RATING, c.getKey())), c.getKey());
    }
  }

  @Test
  void invalidUtf8IsRejectedWithTheOffendingByte() {
    byte[] b = fit("\"fit_rating\":3,\"notes\":\"caf\u00e9\"").getBytes(StandardCharsets.UTF_8);
    int e = indexOf(b, (byte) 0xC3);
    b[e] = (byte) 0xE9; // latin-1 é followed by a byte that cannot continue it
    Row r = named(Kind.BLOCK_FIT_RATING, new Staging(Kind.BLOCK_FIT_RATING, LIMITS).jsonLine("f.jsonl", 7, b, b.length));
    assertEquals("invalid_utf8: line 7 is not valid UTF-8: byte 0xe9 at byte " + (e + 1) + "; save the export as UTF-8",
        ruleAndReason(r));
  }

  @Test
  void validRecordKeepsRawTextChecksumAndTypedColumns() {
    String line = fit("\"id\":\"r1\",\"fit_rating\":3,\"user_id\":\"u9\"");
    Row r = json(Kind.BLOCK_FIT_RATING, line);
    assertNull(r.getAs(Staging.RULE));
    assertEquals(line, r.getAs(BronzeTables.RECORD));
    assertEquals(64, ((String) r.getAs(BronzeTables.CHECKSUM)).length());
    assertEquals(3, (int) r.getAs(SilverBlockFitRatings.FIT_RATING));
    assertEquals("unspecified", r.getAs(SilverBlockFitRatings.ROLE_IN_SEQUENCE));
    assertEquals("r1", r.getAs(SilverBlockFitRatings.RATING_ID));
    assertEquals(RatingMappers.ratingKey("r1", BLOCK, "a1", null, "u9", "unspecified",
            Timestamp.from(java.time.Instant.parse("2026-11-20T10:00:00Z"))),
        r.getAs(SilverBlockFitRatings.RATING_KEY));
    assertEquals(java.time.Instant.parse("2026-11-20T10:00:00Z"), ((Timestamp) r.getAs("event_time")).toInstant());
  }

  @Test
  void csvCellsAreTextParsedByTheFieldType() {
    List<String> header = List.of("id", "timestamp", "material", "category", "passed", "realism_score",
        "patterns_used", "feedback_applied", "val_truncated");
    Staging s = new Staging(Kind.FEEDBACK_ATTEMPT, LIMITS);
    byte[] ok = "a1,2026-11-20 10:00:00,Birch,wood,1,75,\"[\"\"grain\"\"]\",TRUE,".getBytes(StandardCharsets.UTF_8);
    Row r = named(Kind.FEEDBACK_ATTEMPT, s.csvRecord("f.csv", 2, ok, ok.length, false, header));
    assertNull(r.getAs(Staging.RULE), () -> ruleAndReason(r));
    assertEquals(true, r.getAs(SilverFeedbackAttempts.PASSED));
    assertEquals(75, (int) r.getAs(SilverFeedbackAttempts.REALISM_SCORE));
    assertEquals("grain", ((scala.collection.Seq<?>) r.getAs(SilverFeedbackAttempts.PATTERNS_USED)).mkString("|"));
    assertEquals(true, r.getAs(SilverFeedbackAttempts.FEEDBACK_APPLIED));
    assertNull(r.getAs(SilverFeedbackAttempts.VAL_TRUNCATED));
    byte[] bad = "a1,2026-11-20 10:00:00,Birch,wood,yes,75,[],0,".getBytes(StandardCharsets.UTF_8);
    assertEquals("wrong_type: line 3 has passed \"yes\", expected true, false, 1 or 0",
        ruleAndReason(named(Kind.FEEDBACK_ATTEMPT, s.csvRecord("f.csv", 3, bad, bad.length, false, header))));
    byte[] open = "a1,\"2026".getBytes(StandardCharsets.UTF_8);
    assertEquals("malformed_csv: line 4 is not a valid CSV record: a quoted cell is not closed properly",
        ruleAndReason(named(Kind.FEEDBACK_ATTEMPT, s.csvRecord("f.csv", 4, open, open.length, true, header))));
  }

  @Test
  void generationParametersAndAliasesAreLifted() {
    Row r = json(Kind.GENERATION, "{\"id\":\"g1\",\"created_at\":\"2026-11-20T10:00:00Z\",\"updated_at\":"
        + "\"2026-11-20T12:00:00+01:00\",\"status\":\"failed\",\"operation_type\":\"inpaint\",\"provider\":\"x\","
        + "\"error\":\"oom\",\"parameters\":{\"cfg_scale\":5,\"steps\":0}}");
    assertEquals("out_of_range: line 42 has parameters.steps 0, expected 1 to 10000", ruleAndReason(r));
    Row ok = json(Kind.GENERATION, "{\"id\":\"g1\",\"created_at\":\"2026-11-20T10:00:00Z\",\"updated_at\":"
        + "\"2026-11-20T12:00:00+01:00\",\"status\":\"failed\",\"operation_type\":\"inpaint\",\"provider\":\"x\","
        + "\"error\":\"oom\",\"parameters\":{\"cfg_scale\":5,\"steps\":20}}");
    assertEquals("oom", ok.getAs(SilverGenerations.ERROR_MESSAGE));
    assertEquals(5.0, (double) ok.getAs(SilverGenerations.CFG_SCALE));
    assertEquals("{\"cfg_scale\":5,\"steps\":20}", ok.getAs(SilverGenerations.PARAMETERS));
    assertEquals(java.time.Instant.parse("2026-11-20T11:00:00Z"), ((Timestamp) ok.getAs("event_time")).toInstant());
  }

  static int indexOf(byte[] b, byte x) {
    for (int i = 0; i < b.length; i++) {
      if (b[i] == x) {
        return i;
      }
    }
    throw new IllegalArgumentException(Arrays.toString(b));
  }
}

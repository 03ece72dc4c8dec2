package io.genlake.ingest;

import static io.genlake.ingest.StagingTest.named;
import static io.genlake.ingest.StagingTest.ruleAndReason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.genlake.table.SilverGenerations;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The record-level rules that once stopped a whole stream or let odd values through (issue 20): numbers past a
 * double's range, nesting past Jackson's limit, ids that are floats or booleans, whitespace-only required strings,
 * duplicate keys, escaped lone surrogates, implausible future times, too-large integers. Exact rule and message.
 */
class RecordRulesTest {
  static final Limits LIMITS = new Limits(1 << 20, 1000);

  static Row json(Kind kind, String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    return named(kind, new Staging(kind, LIMITS).jsonLine("f.jsonl", 42, b, b.length));
  }

  static String gen(String fields) {
    return "{\"generation_id\":\"g1\",\"created_at\":\"2026-11-20T10:00:00Z\",\"status\":\"completed\","
        + "\"operation_type\":\"text_to_image\",\"provider\":\"comfyui\"" + fields + "}";
  }

  @Test
  void eachRecordLevelProblemHasItsRuleAndMessage() {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put(gen(",\"cost_usd\":1e999"), "number_out_of_range: line 42 has cost_usd, a number beyond the range "
        + "a double holds (about ±1.8e308)");
    cases.put(gen(",\"parameters\":{\"cfg_scale\":1e999}"), "number_out_of_range: line 42 has parameters.cfg_scale, "
        + "a number beyond the range a double holds (about ±1.8e308)");
    cases.put(gen(",\"extra\":[1,-1e400]"), "number_out_of_range: line 42 has extra[1], a number beyond the range "
        + "a double holds (about ±1.8e308)");
    cases.put(gen(",\"cost_usd\":" + "9".repeat(1001)), "number_out_of_range: line 42 is not valid JSON: it holds a "
        + "number written with more than 1000 characters, beyond the range of any column (about ±1.8e308)");
    cases.put(gen(",\"x\":" + "[".repeat(1001) + "]".repeat(1001)), "nesting_too_deep: line 42 is not valid JSON: it "
        + "nests objects and lists more than 1000 levels deep, the most a record may");
    cases.put(gen(",\"latency_ms\":123456789012345678901234567890"), "out_of_range: line 42 has latency_ms "
        + "123456789012345678901234567890, expected at least 0");
    cases.put(gen(",\"latency_ms\":1e40"), "out_of_range: line 42 has latency_ms 1E+40, expected at least 0");
    cases.put(gen(",\"latency_ms\":12.5"), "wrong_type: line 42 has latency_ms 12.5, expected an integer");
    cases.put(gen(",\"user_id\":1.5"), "wrong_type: line 42 has user_id 1.5, expected a string or integer id");
    cases.put(gen(",\"user_id\":true"), "wrong_type: line 42 has user_id true, expected a string or integer id");
    cases.put(gen("").replace("\"g1\"", "2.0"), "wrong_type: line 42 has generation_id 2.0, expected a string or "
        + "integer id");
    cases.put(gen("").replace("\"comfyui\"", "\"   \""), "missing_field: line 42 has provider with only whitespace, "
        + "a required field");
    cases.put(gen(",\"provider\":\"other\""), "duplicate_key: line 42 is not valid JSON: key \"provider\" appears "
        + "twice in one object, so which value holds is ambiguous; keep one");
    cases.put(gen(",\"final_prompt\":\"a \\ud800 b\""), "invalid_unicode: line 42 has final_prompt, a string with an "
        + "escaped lone surrogate \\ud800 at character 3, which is no Unicode character; escape whole characters (a "
        + "high surrogate followed by a low one)");
    cases.put(gen(",\"variations\":{\"\\udc00\":\"x\"}"), "invalid_unicode: line 42 has a key in variations, with an "
        + "escaped lone surrogate \\udc00 at character 1, which is no Unicode character; escape whole characters (a "
        + "high surrogate followed by a low one)");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      assertEquals(c.getValue(), ruleAndReason(json(Kind.GENERATION, c.getKey())), c.getKey());
    }
    // a paired surrogate escape is a whole character; an integer id written as a number keeps its digits
    Row ok = json(Kind.GENERATION, gen(",\"final_prompt\":\"\\ud83d\\ude00\",\"user_id\":17").replace("\"g1\"", "7"));
    assertNull(ok.getAs(Staging.RULE), () -> ruleAndReason(ok));
    assertEquals("\uD83D\uDE00", ok.getAs(SilverGenerations.FINAL_PROMPT));
    assertEquals("7", ok.getAs(SilverGenerations.GENERATION_ID));
    assertEquals("17", ok.getAs(SilverGenerations.USER_ID));
  }

  @Test
  void timestampsFarInTheFutureAreOutOfRange() {
    Limits limits = Limits.of(io.genlake.config.ConfigLoader.loadYaml("").ingest(), LocalDate.of(2026, 11, 21),
        Instant.parse("2026-11-21T08:00:00Z"));
    assertEquals("2027-11-23T00:00:00Z", limits.latest());
    Staging s = new Staging(Kind.GENERATION, limits);
    byte[] far = gen("").replace("2026-11-20", "2999-01-01").getBytes(StandardCharsets.UTF_8);
    assertEquals("out_of_range: line 3 has created_at \"2999-01-01T10:00:00Z\", implausibly far in the future: "
        + "expected a time before 2027-11-23T00:00:00Z (ingest.max_future_days after the run date)",
        ruleAndReason(named(Kind.GENERATION, s.jsonLine("f.jsonl", 3, far, far.length))));
    byte[] near = gen("").replace("2026-11-20", "2027-11-22").getBytes(StandardCharsets.UTF_8);
    assertNull(named(Kind.GENERATION, s.jsonLine("f.jsonl", 4, near, near.length)).getAs(Staging.RULE));
  }

  @Test
  void csvNumbersAndJsonCellsFollowTheSameRules() {
    List<String> header = List.of("generation_id", "created_at", "status", "operation_type", "provider", "cost_usd",
        "parameters");
    Staging s = new Staging(Kind.GENERATION, StagingTest.LIMITS);
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("g1,2026-11-20T10:00:00Z,completed,text_to_image,comfyui,1e999,",
        "number_out_of_range: line 2 has cost_usd \"1e999\", a number beyond the range a double holds (about ±1.8e308)");
    cases.put("g1,2026-11-20T10:00:00Z,completed,text_to_image,comfyui,,\"{\"\"a\"\":1,\"\"a\"\":2}\"",
        "duplicate_key: line 2 has parameters that is not valid JSON text: key \"a\" appears twice in one object, so "
            + "which value holds is ambiguous; keep one");
    cases.put("g1,2026-11-20T10:00:00Z,completed,text_to_image,comfyui,,\"{\"\"cfg_scale\"\":1e999}\"",
        "number_out_of_range: line 2 has parameters.cfg_scale, a number beyond the range a double holds (about "
            + "±1.8e308)");
    cases.put("g1,2026-11-20T10:00:00Z,completed,text_to_image, ,,",
        "missing_field: line 2 has provider with only whitespace, a required field");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      byte[] b = c.getKey().getBytes(StandardCharsets.UTF_8);
      assertEquals(c.getValue(), ruleAndReason(named(Kind.GENERATION, s.csvRecord("f.csv", 2, b, b.length, false,
          header))), c.getKey());
    }
  }
}

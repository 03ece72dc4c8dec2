package io.genlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.genlake.testing.FitFixtures;
import io.genlake.testing.TestSpark;
import io.genlake.warehouse.Warehouse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FitCommandTest {
  @Test
  void scorePrintsTheHeuristicAndItsExplanationAsJson(@TempDir Path dir) throws Exception {
    String wh = dir.toString();
    FitFixtures.write(new Warehouse(TestSpark.session(), wh));
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = Genlake.run("fit", "score", "--warehouse", wh, "--block-id", "b1", "--asset-id", "a2");
    } finally {
      System.setOut(old);
    }
    assertEquals(0, code);
    JsonNode json = new ObjectMapper().readTree(buf.toString(StandardCharsets.UTF_8));
    assertEquals(0.6, json.get("heuristic_score").asDouble(), 1e-9);
    JsonNode details = json.get("details");
    assertEquals("[\"cam:from_behind!cam:front_view\"]", details.get("conflicts").toString());
    assertEquals("[\"rel:side_by_side\"]", details.get("required_matches").toString());
    assertEquals("[\"actor:couple\",\"setting:beach\"]", details.get("soft_matches").toString());
    assertEquals("[]", details.get("required_misses").toString());
    assertEquals("[\"caption\"]", details.get("asset_text_sources").toString());
    assertEquals(1, Genlake.run("fit", "score", "--warehouse", wh, "--block-id", "nope", "--asset-id", "a2"));
  }
}

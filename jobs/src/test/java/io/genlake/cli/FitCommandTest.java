package io.genlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.genlake.table.SilverActionBlocks;
import io.genlake.table.SilverAssets;
import io.genlake.testing.FitFixtures;
import io.genlake.testing.TestSpark;
import io.genlake.warehouse.Warehouse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
    // seed 000's example: the contradicted from_behind is a required miss as well as a conflict
    assertEquals("[\"cam:from_behind\"]", details.get("required_misses").toString());
    assertEquals("[\"caption\"]", details.get("asset_text_sources").toString());
    assertEquals(1, Genlake.run("fit", "score", "--warehouse", wh, "--block-id", "nope", "--asset-id", "a2"));
  }

  /** A soft-deleted asset or block is unknown to the nightly fit, so `fit score` refuses it the same way. */
  @Test
  void scoreTreatsSoftDeletedAssetsAndBlocksAsTheNightlyDoes(@TempDir Path dir) {
    String wh = dir.toString();
    Warehouse w = new Warehouse(TestSpark.session(), wh);
    FitFixtures.write(w);
    FitFixtures.append(w, SilverAssets.SPEC, List.of(Map.of("asset_id", "a7", "is_deleted", true,
        "captions", List.of("front view of a couple"))));
    FitFixtures.append(w, SilverActionBlocks.SPEC, List.of(Map.of("block_id", "b7", "is_deleted", true,
        "prompt", "couple from behind")));
    PrintStream oldErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int asset;
    int block;
    try {
      asset = Genlake.run("fit", "score", "--warehouse", wh, "--block-id", "b1", "--asset-id", "a7");
      block = Genlake.run("fit", "score", "--warehouse", wh, "--block-id", "b7", "--asset-id", "a1");
    } finally {
      System.setErr(oldErr);
    }
    assertEquals(1, asset);
    assertEquals(1, block);
    String text = err.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("Asset a7 is soft-deleted in silver.assets of " + wh + " (is_deleted = true): the nightly "
        + "fit treats it as unknown"), text);
    assertTrue(text.contains("Block b7 is soft-deleted in silver.action_blocks of " + wh), text);
  }
}

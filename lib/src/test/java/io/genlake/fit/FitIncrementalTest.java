package io.genlake.fit;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.delta.tables.DeltaTable;
import io.genlake.config.ConfigLoader;
import io.genlake.config.GenlakeConfig;
import io.genlake.pipeline.Progress;
import io.genlake.ops.PipelineRuns.Status;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StepReport;
import io.genlake.scheduler.RunOutcome;
import io.genlake.scheduler.Scheduler;
import io.genlake.table.GoldAssetTags;
import io.genlake.table.GoldBlockAssetCandidates;
import io.genlake.table.GoldBlockImageFits;
import io.genlake.table.GoldFitCalibration;
import io.genlake.table.SilverActionBlocks;
import io.genlake.table.SilverAssets;
import io.genlake.table.SilverBlockFitRatings;
import io.genlake.table.SilverGenerations;
import io.genlake.testing.FitFixtures;
import io.genlake.testing.TestSpark;
import io.genlake.warehouse.TableId;
import io.genlake.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An incremental fit after every kind of change gives exactly the gold tables of a full recompute. */
class FitIncrementalTest {
  private static final GenlakeConfig CONFIG = ConfigLoader.loadYaml(
      "fit: {top_k: 2, bootstrap_samples: 100, incremental_min_pairs: 0}");
  private static final List<TableId> GOLD = List.of(GoldAssetTags.TABLE, GoldBlockImageFits.TABLE,
      GoldBlockAssetCandidates.TABLE, GoldFitCalibration.TABLE);

  @Test
  void incrementalRunEqualsFullRecompute(@TempDir Path dir) {
    Warehouse w = new Warehouse(TestSpark.session(), dir.toString());
    FitFixtures.write(w);
    StepReport first = fit(context(w, dir, false));
    assertEquals(0, first.count("fit.incremental"), "no earlier fit: full");

    change(w);
    StepReport second = fit(context(w, dir, false));
    assertEquals(1, second.count("fit.incremental"));
    // a2 and a4 changed, a5 and a6 are new, a1 belongs to the changed generation g1
    assertEquals(5, second.count("assets.retagged"));
    Map<TableId, List<String>> incremental = snapshot(w);

    StepReport full = fit(context(w, dir, true));
    assertEquals(0, full.count("fit.incremental"));
    Map<TableId, List<String>> recomputed = snapshot(w);
    for (TableId t : GOLD) {
      assertEquals(recomputed.get(t), incremental.get(t), t.toString());
    }
    assertEquals(second.count("ratings.scored"), full.count("ratings.scored"));
    assertEquals(second.count("assets.no_text"), full.count("assets.no_text"));

    // nothing changed since: an incremental run rewrites neither tags nor candidates
    StepReport idle = fit(context(w, dir, false));
    assertEquals(0, idle.count("assets.retagged"));
    assertEquals(0, idle.count("candidates.pairs_scored"));
    assertEquals(recomputed, snapshot(w));

    // below fit.incremental_min_pairs (this fixture has far fewer than 1,000 blocks x assets) a change is recomputed
    // in full
    FitFixtures.append(w, SilverActionBlocks.SPEC, List.of(Map.of("block_id", "b10", "prompt", "a cat")));
    StepReport small = fit(context(w, dir, false,
        ConfigLoader.loadYaml("fit: {top_k: 2, bootstrap_samples: 100, incremental_min_pairs: 1000}")));
    assertEquals(0, small.count("fit.incremental"));
    assertEquals(incremental.get(GoldAssetTags.TABLE).size(), snapshot(w).get(GoldAssetTags.TABLE).size());
  }

  /** New, changed and soft-deleted assets, blocks, a generation's prompt, and new ratings. */
  private static void change(Warehouse w) {
    FitFixtures.append(w, SilverAssets.SPEC, List.of(
        Map.of("asset_id", "a5", "captions", List.of("a couple from behind, walking side by side on the beach")),
        Map.of("asset_id", "a0", "source_generation_id", "g2", "captions", List.of("close-up of a cat"))));
    FitFixtures.append(w, SilverGenerations.SPEC, List.of(
        Map.of("generation_id", "g2", "final_prompt", "a cat, close-up", "asset_ids", List.of("a0"))));
    update(w, SilverAssets.TABLE, col(SilverAssets.ASSET_ID).equalTo("a2"),
        Map.of(SilverAssets.CAPTIONS, array(lit("a couple walking from behind on the beach"))));
    update(w, SilverAssets.TABLE, col(SilverAssets.ASSET_ID).equalTo("a4"), Map.of(SilverAssets.IS_DELETED, lit(true)));
    update(w, SilverGenerations.TABLE, col(SilverGenerations.GENERATION_ID).equalTo("g1"),
        Map.of(SilverGenerations.FINAL_PROMPT, lit("sad moment, front view")));
    FitFixtures.append(w, SilverActionBlocks.SPEC, List.of(
        Map.of("block_id", "b4", "prompt", "a cat on the beach"),
        Map.of("block_id", "b9", "prompt", "couple walking")));
    update(w, SilverActionBlocks.TABLE, col(SilverActionBlocks.BLOCK_ID).equalTo("b3"),
        Map.of(SilverActionBlocks.TAGS, array(lit("cam:close_up"))));
    Map<String, Object> r7 = new java.util.HashMap<>(Map.of("rating_key", "r7", "block_id", "b4", "asset_id", "a5",
        "user_id", "u1", "fit_rating", 2, "role_in_sequence", "initial"));
    Map<String, Object> r8 = new java.util.HashMap<>(Map.of("rating_key", "r8", "block_id", "b1",
        "generation_id", "g2", "user_id", "u2", "fit_rating", 1, "role_in_sequence", "transition"));
    FitFixtures.append(w, SilverBlockFitRatings.SPEC, List.of(r7, r8));
  }

  private static void update(Warehouse w, TableId table, Column where, Map<String, Column> set) {
    DeltaTable.forPath(w.spark(), w.location(table)).update(where, set);
  }

  private static Map<TableId, List<String>> snapshot(Warehouse w) {
    Map<TableId, List<String>> out = new java.util.LinkedHashMap<>();
    for (TableId t : GOLD) {
      List<String> rows = new ArrayList<>();
      for (Row r : w.read(t).collectAsList()) {
        rows.add(r.toString());
      }
      rows.sort(null);
      out.put(t, rows);
    }
    return out;
  }

  /** The fit step as `genlake fit run` runs it: through the scheduler, from the versions its last run recorded. */
  private static StepReport fit(RunContext ctx) {
    RunOutcome outcome = Scheduler.runOne(ctx, new FitStep(), "");
    assertEquals(Status.SUCCEEDED, outcome.status());
    return outcome.report("fit");
  }

  private static RunContext context(Warehouse w, Path dir, boolean full) {
    return context(w, dir, full, CONFIG);
  }

  private static RunContext context(Warehouse w, Path dir, boolean full, GenlakeConfig config) {
    return new RunContext(w.spark(), w, config, "run", LocalDate.of(2026, 11, 20), dir, dir.resolve("reports"),
        dir.resolve("exports"), Progress.silent(), Optional.empty(), full);
  }
}

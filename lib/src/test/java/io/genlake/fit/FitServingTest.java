package io.genlake.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.genlake.config.ConfigLoader;
import io.genlake.config.GenlakeConfig;
import io.genlake.pipeline.Progress;
import io.genlake.pipeline.RunContext;
import io.genlake.serve.FitService;
import io.genlake.serve.InspectorData;
import io.genlake.serve.ServingFiles;
import io.genlake.serve.Snapshot;
import io.genlake.table.GoldBlockImageFits;
import io.genlake.testing.FitFixtures;
import io.genlake.testing.TestSpark;
import io.genlake.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fit inspector's snapshot against the gold table it comes from: for every scored rating of gold.block_image_fits,
 * the server's score of the pair (FitService over the snapshot, no Spark) equals the batch's heuristic_score exactly,
 * with the same explanation, so the page and gold cannot disagree. Soft-deleted assets are absent, as in gold.
 */
class FitServingTest {
  @Test
  void theServersScoreOfEveryRatedPairEqualsGold(@TempDir Path dir) throws Exception {
    Warehouse w = new Warehouse(TestSpark.session(), dir.resolve("wh").toString());
    FitFixtures.write(w);
    FitFixtures.append(w, io.genlake.table.SilverAssets.SPEC, List.of(java.util.Map.of("asset_id", "a8", "is_deleted",
        true, "captions", List.of("front view of a couple"))));
    GenlakeConfig config = ConfigLoader.loadYaml("fit: {bootstrap_samples: 200}");
    RunContext ctx = new RunContext(w.spark(), w, config, "run-1", LocalDate.of(2026, 11, 20), dir, dir.resolve("reports"),
        dir.resolve("exports"), Progress.silent(), Optional.empty());
    FitJob.run(ctx, io.genlake.pipeline.PinnedInputs.current(w, FitStep.INPUTS));
    FitServing.run(ctx);
    Path file = ServingFiles.local(w.root(), ServingFiles.FIT_INSPECTOR);
    InspectorData data = InspectorData.read(file);
    FitService service = new FitService(new Snapshot<>(file, InspectorData::read, 1000, "run it"), dir);
    assertEquals(List.of("a1", "a2", "a3", "a4"), List.copyOf(data.assets().keySet()), "a8 is soft-deleted");
    assertEquals(List.of("b1", "b2", "b3"), List.copyOf(data.blocks().keySet()));
    List<Row> gold = w.read(GoldBlockImageFits.TABLE).where("status = 'scored'").collectAsList();
    assertTrue(gold.size() >= 3);
    for (Row g : gold) {
      String block = g.getAs(GoldBlockImageFits.BLOCK_ID);
      String asset = g.getAs(GoldBlockImageFits.ASSET_ID);
      FitResult f = service.fit(service.block(block), service.asset(asset));
      assertEquals((double) g.getAs(GoldBlockImageFits.HEURISTIC_SCORE), f.score(), 0.0, block + "/" + asset);
      assertEquals(g.getList(g.fieldIndex(GoldBlockImageFits.REQUIRED_MISSES)), f.requiredMisses());
      assertEquals(g.getList(g.fieldIndex(GoldBlockImageFits.CONFLICTS)), f.conflicts());
      assertEquals(g.getList(g.fieldIndex(GoldBlockImageFits.ASSET_ONTOLOGY_IDS)), f.assetOntologyIds());
    }
    assertEquals(2, data.ratings("b1", "a2").size(), "r2 and r3");
    assertEquals(2, data.ratings("b1", "a1").size(), "r1, and r6 through generation g1");
  }
}

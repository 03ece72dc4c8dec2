package io.genlake.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.genlake.config.ConfigLoader;
import io.genlake.config.GenlakeConfig;
import io.genlake.pipeline.PinnedInputs;
import io.genlake.pipeline.Progress;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StepResult;
import io.genlake.table.GoldAssetTags;
import io.genlake.table.GoldBlockAssetCandidates;
import io.genlake.table.GoldBlockImageFits;
import io.genlake.table.GoldFitCalibration;
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

class FitJobTest {
  @Test
  void scoresRatingsSearchesCandidatesAndCalibrates(@TempDir Path dir) {
    Warehouse w = new Warehouse(TestSpark.session(), dir.toString());
    FitFixtures.write(w);
    GenlakeConfig config = ConfigLoader.loadYaml("fit: {top_k: 2, bootstrap_samples: 200}");
    StepResult result = FitJob.run(new RunContext(w.spark(), w, config, "run-1", LocalDate.of(2026, 11, 20),
        dir, dir.resolve("reports"), dir.resolve("exports"), Progress.silent(), Optional.empty()),
        PinnedInputs.current(w, FitStep.INPUTS));

    assertEquals(4, result.count("assets.tagged"));
    assertEquals(1, result.count("assets.no_text"));
    assertEquals(1, result.count("assets.no_ontology_ids"));
    assertEquals(3, result.count("blocks.tagged"));
    assertEquals(1, result.count("blocks.no_text"));
    assertEquals(1, result.count("blocks.unmapped_tags"));
    assertEquals(4, result.count("ratings.scored"));
    assertEquals(1, result.count("ratings.unknown_block"));
    assertEquals(1, result.count("ratings.unknown_asset"));
    assertEquals(12, result.count("candidates.pairs_scored"));

    // the negative prompt (dog, sad, low angle) never tags a1; its final prompt adds mood:tender
    Row a1 = w.read(GoldAssetTags.TABLE).where("asset_id = 'a1'").first();
    assertEquals(List.of("cam:from_behind", "rel:side_by_side", "actor:couple", "state:walking", "mood:tender",
        "setting:beach"), a1.getList(a1.fieldIndex(GoldAssetTags.ONTOLOGY_IDS)));
    assertEquals(List.of("caption", "generation_prompt"), a1.getList(a1.fieldIndex(GoldAssetTags.SOURCES)));

    List<Row> fits = w.read(GoldBlockImageFits.TABLE).orderBy("rating_key")
        .select("rating_key", "asset_id", "heuristic_score", "status", "conflicts").collectAsList();
    assertEquals(1.0, fits.get(0).getDouble(2));
    // 1 - 0.5 (from_behind contradicted by front view) + 0.05 (couple) + 0.05 (beach)
    assertEquals(0.6, fits.get(1).getDouble(2), 1e-9);
    assertEquals(List.of("cam:from_behind!cam:front_view"), fits.get(1).getList(4));
    assertEquals(GoldBlockImageFits.UNKNOWN_BLOCK, fits.get(3).getString(3));
    assertNull(fits.get(3).get(2));
    assertEquals(GoldBlockImageFits.UNKNOWN_ASSET, fits.get(4).getString(3));
    assertEquals("a1", fits.get(5).getString(1)); // rated generation g1 resolved to its asset
    assertEquals(1.0, fits.get(5).getDouble(2));

    List<Row> candidates = w.read(GoldBlockAssetCandidates.TABLE).orderBy("block_id", "rank")
        .select("block_id", "rank", "asset_id", "heuristic_score").collectAsList();
    assertEquals(6, candidates.size());
    assertEquals("b1 1 a1 1.0", line(candidates.get(0)));
    assertEquals("b1 2 a2 0.6", line(candidates.get(1)).substring(0, 11));
    assertEquals("b2 1 a1 1.0", line(candidates.get(2)));
    assertEquals("b2 2 a2 1.0", line(candidates.get(3)));
    assertEquals("b3 1 a1 0.7", line(candidates.get(4)).substring(0, 11));

    Row all = w.read(GoldFitCalibration.TABLE).where("grouping = 'all'").first();
    assertEquals(4L, all.getLong(all.fieldIndex(GoldFitCalibration.N)));
    assertEquals(1.2 / Math.sqrt(1.6), all.getDouble(all.fieldIndex(GoldFitCalibration.PEARSON)), 1e-9);
    assertEquals(4 / Math.sqrt(20), all.getDouble(all.fieldIndex(GoldFitCalibration.SPEARMAN)), 1e-9);
    List<Double> deciles = all.getList(all.fieldIndex(GoldFitCalibration.MEAN_RATING_BY_DECILE));
    assertEquals(1.5, deciles.get(6));
    assertEquals(4.5, deciles.get(9));
    assertNull(deciles.get(0));
    Row miss = all.<Row>getList(all.fieldIndex(GoldFitCalibration.TOP_MISSES_LOW_RATED)).get(0);
    assertEquals("cam:from_behind 2", miss.getString(0) + " " + miss.getLong(1));
    // one pair rated by two users (2 and 1): ordinal alpha of a single disagreeing unit is 0
    assertEquals(0.0, all.getDouble(all.fieldIndex(GoldFitCalibration.KRIPPENDORFF_ALPHA)), 1e-12);
    assertEquals(1L, all.getLong(all.fieldIndex(GoldFitCalibration.MULTI_RATED_PAIRS)));
    assertEquals(10, w.read(GoldFitCalibration.TABLE).count());
    Row continuation = w.read(GoldFitCalibration.TABLE).where("group_value = 'continuation'").first();
    assertNull(continuation.get(continuation.fieldIndex(GoldFitCalibration.SPEARMAN)));
  }

  @Test
  void brokenOntologyStopsTheStepNamingTheProblem(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.yaml");
    java.nio.file.Files.writeString(bad, """
        categories:
          camera: {prefix: cam, label: Camera, required: true, weight: 0.3, conflict_weight: 0.5}
        terms:
          - {id: cam:a, category: camera, label: A, keywords: [a]}
          - {id: cam:a, category: camera, label: B, keywords: [b]}
        """);
    Warehouse w = new Warehouse(TestSpark.session(), dir.resolve("wh").toString());
    GenlakeConfig config = ConfigLoader.loadYaml("fit: {ontology: '" + bad + "'}");
    io.genlake.ontology.OntologyException e = org.junit.jupiter.api.Assertions.assertThrows(
        io.genlake.ontology.OntologyException.class, () -> FitJob.run(new RunContext(w.spark(), w, config, "run-2",
            LocalDate.of(2026, 11, 20), dir, dir, dir, Progress.silent(), Optional.empty()),
            PinnedInputs.current(w, FitStep.INPUTS)));
    assertEquals("Invalid ontology " + bad + ": term cam:a is defined twice (terms #1 and #2); give each term a unique id.",
        e.getMessage());
    org.junit.jupiter.api.Assertions.assertFalse(w.exists(GoldAssetTags.TABLE));
  }

  private static String line(Row r) {
    return r.getString(0) + " " + r.getInt(1) + " " + r.getString(2) + " " + r.getDouble(3);
  }
}

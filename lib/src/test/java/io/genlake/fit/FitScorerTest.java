package io.genlake.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.genlake.ontology.Ontology;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FitScorerTest {
  private static final Ontology ONTOLOGY = Ontology.bundled();
  private static final FitScorer SCORER = new FitScorer(ONTOLOGY);

  /** Seed 000's note: "Camera is front-facing, block expects from_behind". */
  @Test
  void conflictingCameraCostsTheConflictWeightAndSoftOverlapAddsBack() {
    FitResult r = SCORER.score(List.of("cam:from_behind", "rel:side_by_side", "mood:tender", "speed:slow"),
        List.of("cam:front_view", "rel:side_by_side", "mood:tender", "actor:woman"));
    // 1 - 0.50 (from_behind contradicted by front_view) + 0.10 (mood:tender) = 0.60
    assertEquals(0.60, r.score(), 1e-12);
    assertEquals(0.50, r.requiredPenalty(), 1e-12);
    assertEquals(0.10, r.softBonus(), 1e-12);
    assertEquals(List.of("rel:side_by_side"), r.requiredMatches());
    // the contradicted required ID is a miss (seed 000's example) and, with what contradicts it, a conflict
    assertEquals(List.of("cam:from_behind"), r.requiredMisses());
    assertEquals(List.of("cam:from_behind!cam:front_view"), r.conflicts());
    assertEquals(List.of("mood:tender"), r.softMatches());
    assertEquals(List.of("cam:from_behind", "rel:side_by_side", "mood:tender", "speed:slow"), r.blockOntologyIds());
    assertEquals(List.of("cam:front_view", "rel:side_by_side", "actor:woman", "mood:tender"), r.assetOntologyIds());
  }

  @Test
  void missingRequiredIdsCostTheirWeightAndImpliedParentsMatch() {
    // block wants a close-up and an embrace; asset is an extreme close-up (implies close-up), no relation known
    FitResult r = SCORER.score(List.of("cam:closeup", "rel:embracing", "mood:sad", "intensity:intense"),
        List.of("cam:extreme_closeup", "mood:melancholic", "intensity:dramatic"));
    // 1 - 0.20 (rel:embracing missing) + 0.10 (mood:sad via melancholic) + 0.05 (intense via dramatic) = 0.95
    assertEquals(0.95, r.score(), 1e-12);
    assertEquals(List.of("cam:closeup"), r.requiredMatches());
    assertEquals(List.of("rel:embracing"), r.requiredMisses());
    assertEquals(List.of("mood:sad", "intensity:intense"), r.softMatches());
  }

  @Test
  void scoreIsClampedToTheUnitInterval() {
    FitResult low = SCORER.score(List.of("cam:from_behind", "cam:low_angle", "rel:facing_each_other", "rel:behind"),
        List.of("cam:front_view", "cam:high_angle", "rel:back_to_back", "rel:in_front_of"));
    // 1 - 0.5 - 0.5 - 0.3 - 0.3 = -0.6 -> 0
    assertEquals(0.0, low.score());
    assertEquals(1.6, low.requiredPenalty(), 1e-12);
    FitResult high = SCORER.score(List.of("mood:happy", "actor:woman"), List.of("mood:happy", "actor:woman"));
    assertEquals(1.0, high.score());
    assertEquals(0.15, high.softBonus(), 1e-12);
  }

  @Test
  void fastScoreAgreesWithTheExplanationOnRandomTagSets() {
    Random random = new Random(7);
    for (int n = 0; n < 2000; n++) {
      List<String> block = randomIds(random);
      List<String> asset = randomIds(random);
      CompiledBlock compiled = SCORER.compile(ONTOLOGY.encode(block));
      long[] expanded = ONTOLOGY.expand(ONTOLOGY.encode(asset));
      assertEquals(SCORER.score(block, asset).score(), compiled.score(expanded), 0.0, block + " vs " + asset);
    }
  }

  private static List<String> randomIds(Random random) {
    List<String> ids = new ArrayList<>();
    int n = random.nextInt(8);
    for (int i = 0; i < n; i++) {
      ids.add(ONTOLOGY.term(random.nextInt(ONTOLOGY.size())).id());
    }
    return ids;
  }
}

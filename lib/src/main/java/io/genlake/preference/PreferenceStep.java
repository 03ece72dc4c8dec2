package io.genlake.preference;

import io.genlake.pipeline.PinnedInputs;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StateKey;
import io.genlake.pipeline.DeclaredStep;
import io.genlake.pipeline.StepReport;
import io.genlake.table.GoldCheckpointRecommendations;
import io.genlake.table.GoldParameterStats;
import io.genlake.table.GoldPreferenceEvaluation;
import io.genlake.table.GoldPreferencePairIncrements;
import io.genlake.table.GoldPreferencePairStats;
import io.genlake.table.GoldPreferenceState;
import io.genlake.table.SilverGenerations;
import io.genlake.table.SilverImageRatings;
import io.genlake.table.SilverPreferenceEvents;
import io.genlake.warehouse.TableId;
import java.util.List;

/**
 * The {@code preference} step ({@link PreferenceLearning#run(RunContext)}): reads the preference events, generations
 * and image ratings; writes the pair and parameter statistics, the day's recommendations, the evaluation, its run log
 * and the serving snapshot. Depends on the preference section and the run date (decayed sums, the day's
 * recommendations). It reads its inputs at their latest versions, which are the pinned ones: no step writing them
 * runs at the same time, and the warehouse lock keeps other writers out; its pair statistics add only events after
 * the watermark it keeps in gold.preference_state.
 */
public final class PreferenceStep extends DeclaredStep {
  /** The step. */
  public PreferenceStep() {
    super("preference", List.of(SilverPreferenceEvents.TABLE, SilverGenerations.TABLE, SilverImageRatings.TABLE),
        List.of(GoldPreferencePairStats.TABLE, GoldPreferencePairIncrements.TABLE, GoldParameterStats.TABLE,
            GoldCheckpointRecommendations.TABLE, GoldPreferenceEvaluation.TABLE, GoldPreferenceState.TABLE),
        List.of(StateKey.config("preference"), StateKey.runDate()));
  }

  @Override
  public StepReport run(RunContext ctx, PinnedInputs inputs) {
    return PreferenceLearning.run(ctx).report();
  }
}

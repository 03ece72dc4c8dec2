package io.genlake.failure;

import io.genlake.pipeline.PinnedInputs;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StateKey;
import io.genlake.pipeline.DeclaredStep;
import io.genlake.pipeline.StepReport;
import io.genlake.table.GoldAlerts;
import io.genlake.table.GoldCategoryStats;
import io.genlake.table.GoldFailureCombinations;
import io.genlake.table.GoldFailureCounts;
import io.genlake.table.GoldFailureMining;
import io.genlake.table.GoldFailureOutcomes;
import io.genlake.table.GoldFeedbackSuggestions;
import io.genlake.table.GoldParameterCorrelations;
import io.genlake.table.GoldParameterOptimization;
import io.genlake.table.GoldPredictionConfusion;
import io.genlake.table.GoldSessionStats;
import io.genlake.table.GoldDailyTrends;
import io.genlake.table.GoldFailurePatterns;
import io.genlake.table.GoldFeedbackEffectiveness;
import io.genlake.table.GoldFeedbackExamples;
import io.genlake.table.GoldFeedbackPatterns;
import io.genlake.table.GoldIssueFrequency;
import io.genlake.table.GoldTruncationImpact;
import io.genlake.table.SilverFeedbackAttempts;
import io.genlake.table.SilverGenerations;
import io.genlake.table.SilverImageRatings;
import io.genlake.table.SilverSessions;
import io.genlake.warehouse.TableId;
import java.util.List;

/**
 * The {@code failure} step ({@link FailureAnalytics#run(io.genlake.warehouse.Warehouse,
 * io.genlake.config.FailureConfig)}): recomputes the eight failure and feedback gold tables from silver (test and
 * deleted sessions per failure.include_test_sessions). Depends on the failure section. It reads its inputs at their
 * latest versions, which are the pinned ones: no step writing them runs at the same time, and the warehouse lock keeps
 * other writers out.
 */
public final class FailureStep extends DeclaredStep {
  /** What the failure step reads. */
  public static final List<TableId> INPUTS = List.of(SilverGenerations.TABLE, SilverImageRatings.TABLE,
      SilverSessions.TABLE, SilverFeedbackAttempts.TABLE);
  /** What it writes. */
  public static final List<TableId> OUTPUTS = List.of(GoldCategoryStats.TABLE, GoldIssueFrequency.TABLE,
      GoldFeedbackEffectiveness.TABLE, GoldFeedbackPatterns.TABLE, GoldFeedbackExamples.TABLE,
      GoldTruncationImpact.TABLE, GoldDailyTrends.TABLE, GoldFailurePatterns.TABLE, GoldFailureMining.TABLE,
      GoldAlerts.TABLE, GoldSessionStats.TABLE, GoldFeedbackSuggestions.TABLE, GoldParameterOptimization.TABLE,
      GoldParameterCorrelations.TABLE, GoldPredictionConfusion.TABLE, GoldFailureOutcomes.TABLE,
      GoldFailureCounts.TABLE, GoldFailureCombinations.TABLE);

  /** The step. */
  public FailureStep() {
    super("failure", INPUTS, OUTPUTS, List.of(StateKey.config("failure")));
  }

  @Override
  public StepReport run(RunContext ctx, PinnedInputs inputs) {
    return FailureAnalytics.run(ctx.warehouse(), ctx.config().failure(), ctx.full(), ctx.runId(), ctx.progress())
        .report();
  }
}

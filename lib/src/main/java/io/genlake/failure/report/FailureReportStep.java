package io.genlake.failure.report;

import io.genlake.pipeline.PinnedInputs;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.DeclaredStep;
import io.genlake.pipeline.StepReport;
import io.genlake.pipeline.StateKey;
import io.genlake.table.GoldAlerts;
import io.genlake.table.GoldCategoryStats;
import io.genlake.table.GoldFailureMining;
import io.genlake.table.GoldFeedbackSuggestions;
import io.genlake.table.GoldParameterCorrelations;
import io.genlake.table.GoldParameterOptimization;
import io.genlake.table.GoldPredictionConfusion;
import io.genlake.table.GoldDailyTrends;
import io.genlake.table.GoldFailurePatterns;
import io.genlake.table.GoldFeedbackEffectiveness;
import io.genlake.table.GoldFeedbackExamples;
import io.genlake.table.GoldFeedbackPatterns;
import io.genlake.table.GoldIssueFrequency;
import io.genlake.warehouse.TableId;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The {@code report_failures} step ({@link FailureReport#write}): the failure report under
 * {@code <reports>/failures/} from the failure gold tables, and seed 004's summary on standard output. Not up to date
 * while {@code index.html} is missing.
 */
public final class FailureReportStep extends DeclaredStep {
  /** The step. */
  public FailureReportStep() {
    super("report_failures", List.of(GoldCategoryStats.TABLE, GoldIssueFrequency.TABLE,
        GoldFeedbackEffectiveness.TABLE, GoldFeedbackPatterns.TABLE, GoldFeedbackExamples.TABLE,
        GoldDailyTrends.TABLE, GoldFailurePatterns.TABLE, GoldAlerts.TABLE, GoldFailureMining.TABLE,
        GoldFeedbackSuggestions.TABLE, GoldParameterOptimization.TABLE, GoldParameterCorrelations.TABLE,
        GoldPredictionConfusion.TABLE), List.of(), List.of(StateKey.config("failure")));
  }

  @Override
  public Optional<Path> outputFile(RunContext ctx) {
    return Optional.of(ctx.reports().resolve(FailureReport.DIRECTORY).resolve("index.html"));
  }

  @Override
  public StepReport run(RunContext ctx, PinnedInputs inputs) {
    return FailureReport.write(ctx.warehouse(), ctx.config().failure(), ctx.reports(), System.out).report();
  }
}

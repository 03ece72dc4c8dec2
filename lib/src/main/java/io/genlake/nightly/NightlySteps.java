package io.genlake.nightly;

import io.genlake.enrich.EnrichStep;
import io.genlake.enrich.GenerationServingStep;
import io.genlake.export.ExportStep;
import io.genlake.failure.FailureStep;
import io.genlake.failure.report.FailureReportStep;
import io.genlake.fit.FitServingStep;
import io.genlake.fit.FitStep;
import io.genlake.fit.inspector.FitReportStep;
import io.genlake.ingest.IngestStep;
import io.genlake.pipeline.Pipeline;
import io.genlake.pipeline.Step;
import io.genlake.preference.PreferenceStep;
import java.util.List;

/**
 * The nightly pipeline's steps, one line each. Their order follows from their tables ({@link Pipeline}): ingest, then
 * enrich (it rewrites columns of silver.generations), then fit, preference and failure at the same time, then export
 * and the two reports and the serving snapshots of {@code genlake serve}; list order only breaks ties among steps ready at once.
 */
public final class NightlySteps {
  private NightlySteps() {}

  /** The steps, in list order. */
  public static List<Step> steps() {
    return List.of(
        IngestStep.all(),
        new EnrichStep(),
        new FitStep(),
        new PreferenceStep(),
        new FailureStep(),
        new ExportStep(),
        FitReportStep.overview(),
        new FailureReportStep(),
        new FitServingStep(),
        new GenerationServingStep());
  }

  /** The nightly pipeline. */
  public static Pipeline pipeline() {
    return Pipeline.of(steps());
  }
}

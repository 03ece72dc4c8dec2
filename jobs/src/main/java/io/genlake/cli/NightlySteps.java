package io.genlake.cli;

import io.genlake.enrich.EnrichJob;
import io.genlake.export.MlExports;
import io.genlake.fit.FitJob;
import io.genlake.fit.inspector.FitInspector;
import io.genlake.ingest.Ingestion;
import io.genlake.ingest.Stream;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StepResult;
import io.genlake.preference.PreferenceLearning;
import io.genlake.table.SilverBlockFitRatings;
import io.genlake.table.SilverGenerations;
import io.genlake.table.SilverPromptVersions;
import io.genlake.warehouse.TableId;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Function;

/**
 * The nightly pipeline, in order: ingest, enrich, fit, preference, failure, export, report. A step runs only
 * when every step it depends on succeeded (or was partial, or was up to date); otherwise it is recorded as
 * skipped. A step that declares its input tables is skipped as up to date when none of them changed (Delta
 * version) and the configuration is the same since its last successful run, unless the run is {@code --full}.
 */
final class NightlySteps {
  /** One step: its name, the steps it needs, the tables it reads (for up-to-date checks), and what it does. */
  record Step(String name, List<String> dependsOn, List<TableId> inputs, Function<RunContext, StepResult> run) {
    /** A step that always runs (no declared inputs). */
    Step(String name, List<String> dependsOn, Function<RunContext, StepResult> run) {
      this(name, dependsOn, List.of(), run);
    }
  }

  static final List<Step> STEPS = List.of(
      new Step("ingest", List.of(), ctx -> Ingestion.run(ctx, EnumSet.allOf(Stream.class))),
      new Step("enrich", List.of("ingest"),
          List.of(SilverGenerations.TABLE, SilverPromptVersions.TABLE, SilverBlockFitRatings.TABLE), EnrichJob::run),
      new Step("fit", List.of("ingest"), FitJob::run),
      // no declared input tables on purpose: the decayed sums and the day's recommendations move with the run date
      new Step("preference", List.of("ingest"), PreferenceLearning::run),
      new Step("failure", List.of("ingest"), FailureJob.INPUTS, FailureJob::run),
      new Step("export", List.of("enrich", "fit", "preference"), MlExports.inputs(), MlExports::run),
      new Step("report_fit", List.of("fit"), FitInspector::run),
      new Step("report_failures", List.of("failure"), FailureJob.REPORT_INPUTS, FailureJob::report));

  private NightlySteps() {}
}

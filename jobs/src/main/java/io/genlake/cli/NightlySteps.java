package io.genlake.cli;

import io.genlake.enrich.EnrichJob;
import io.genlake.enrich.GenerationServing;
import io.genlake.export.MlExports;
import io.genlake.fit.FitJob;
import io.genlake.fit.FitServing;
import io.genlake.fit.inspector.FitInspector;
import io.genlake.ingest.Ingestion;
import io.genlake.ingest.Stream;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StepResult;
import io.genlake.preference.PreferenceLearning;
import io.genlake.table.GoldAssetTags;
import io.genlake.table.GoldBlockAssetCandidates;
import io.genlake.table.GoldBlockImageFits;
import io.genlake.table.GoldFitCalibration;
import io.genlake.table.SilverActionBlocks;
import io.genlake.table.SilverAssets;
import io.genlake.table.SilverBlockFitRatings;
import io.genlake.table.SilverGenerations;
import io.genlake.table.SilverImageRatings;
import io.genlake.table.SilverPreferenceEvents;
import io.genlake.table.SilverPromptVersions;
import io.genlake.warehouse.TableId;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The nightly pipeline, in order: ingest, enrich, fit, preference, failure, export, report. A step runs only
 * when every step it depends on succeeded (or was partial, or was up to date); otherwise it is recorded as
 * skipped. A step that declares its input tables is skipped as up to date when none of them changed (Delta
 * version), the configuration and the step's other state (run date, ontology file) are the same as at its last
 * successful run, and its output file (if it writes one outside the warehouse) exists; never on {@code --full}.
 * Steps whose dependencies and predecessors have finished run at the same time ({@link Nightly#CONCURRENT_STEPS}):
 * fit, preference and failure together, then export and the reports.
 */
final class NightlySteps {
  /**
   * One step.
   *
   * @param name the step's name in ops.pipeline_runs and ops.step_state
   * @param dependsOn steps that must have succeeded (or be up to date) first
   * @param inputs the tables it reads; empty = it always runs (ingest reads the landing, not tables)
   * @param state what else its result depends on, described for people ("run date 2026-11-20"); empty = nothing
   * @param output a file it writes outside the warehouse, which must exist for the step to be up to date
   * @param run what it does
   * @param after steps it starts after (an order only; see {@link #after(String...)})
   */
  record Step(String name, List<String> dependsOn, List<TableId> inputs, Function<RunContext, String> state,
      Function<RunContext, Optional<Path>> output, Function<RunContext, StepResult> run, List<String> after) {
    /** A step that always runs (no declared inputs). */
    Step(String name, List<String> dependsOn, Function<RunContext, StepResult> run) {
      this(name, dependsOn, List.of(), run);
    }

    /** A step that is up to date when {@code inputs} and the configuration did not change. */
    Step(String name, List<String> dependsOn, List<TableId> inputs, Function<RunContext, StepResult> run) {
      this(name, dependsOn, inputs, ctx -> "", ctx -> Optional.empty(), run, List.of());
    }

    /** This step, whose result also depends on {@code what} (part of its up-to-date check). */
    Step dependingOn(Function<RunContext, String> what) {
      Function<RunContext, String> before = state;
      return new Step(name, dependsOn, inputs, ctx -> join(before.apply(ctx), what.apply(ctx)), output, run, after);
    }

    /** This step, which writes {@code file}: it is not up to date while that file is missing. */
    Step writing(Function<RunContext, Path> file) {
      return new Step(name, dependsOn, inputs, state, ctx -> Optional.of(file.apply(ctx)), run, after);
    }

    /**
     * This step, which starts only once {@code steps} have finished (whatever their outcome): an order, not a
     * dependency — it still runs when they fail. For steps that read what those steps write.
     */
    Step after(String... steps) {
      return new Step(name, dependsOn, inputs, state, output, run, List.of(steps));
    }

    private static String join(String a, String b) {
      return a.isEmpty() ? b : b.isEmpty() ? a : a + ", " + b;
    }
  }

  /** What the fit step reads. */
  static final List<TableId> FIT_INPUTS = List.of(SilverAssets.TABLE, SilverGenerations.TABLE, SilverActionBlocks.TABLE,
      SilverBlockFitRatings.TABLE);
  /** What the fit inspector page shows (and the ontology, and the landing's images). */
  static final List<TableId> REPORT_FIT_INPUTS = List.of(GoldAssetTags.TABLE, GoldBlockAssetCandidates.TABLE,
      GoldBlockImageFits.TABLE, GoldFitCalibration.TABLE, SilverActionBlocks.TABLE);
  /** What the preference step reads (it also carries its own gold.preference_pair_stats forward). */
  static final List<TableId> PREFERENCE_INPUTS = List.of(SilverPreferenceEvents.TABLE, SilverGenerations.TABLE,
      SilverImageRatings.TABLE);

  static final List<Step> STEPS = List.of(
      new Step("ingest", List.of(), ctx -> Ingestion.run(ctx, EnumSet.allOf(Stream.class))),
      new Step("enrich", List.of("ingest"),
          List.of(SilverGenerations.TABLE, SilverPromptVersions.TABLE, SilverBlockFitRatings.TABLE), EnrichJob::run),
      // fit, preference and failure run at the same time, after enrich has finished writing silver.generations
      new Step("fit", List.of("ingest"), FIT_INPUTS, FitJob::run).dependingOn(StepInputs::ontology).after("enrich"),
      // the decayed sums and the day's recommendations move with the run date
      new Step("preference", List.of("ingest"), PREFERENCE_INPUTS, PreferenceLearning::run)
          .dependingOn(StepInputs::runDate).after("enrich"),
      new Step("failure", List.of("ingest"), FailureJob.INPUTS, FailureJob::run).after("enrich"),
      // one export directory per run date
      new Step("export", List.of("enrich", "fit", "preference"), MlExports.inputs(), MlExports::run)
          .dependingOn(StepInputs::runDate)
          .writing(ctx -> ctx.exports().resolve(ctx.runDate().toString()).resolve(MlExports.MANIFEST)),
      new Step("report_fit", List.of("fit"), REPORT_FIT_INPUTS, FitInspector::run)
          .dependingOn(StepInputs::ontology).dependingOn(StepInputs::landing)
          .writing(ctx -> ctx.reports().resolve("fit").resolve("index.html")),
      new Step("report_failures", List.of("failure"), FailureJob.REPORT_INPUTS, FailureJob::report)
          .writing(ctx -> ctx.reports().resolve("failures").resolve("index.html")),
      new Step("serve_fit", List.of("fit"), FitServing.INPUTS, FitServing::run).dependingOn(StepInputs::ontology),
      new Step("serve_generations", List.of("enrich"), GenerationServing.INPUTS, GenerationServing::run));

  private NightlySteps() {}
}

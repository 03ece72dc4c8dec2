package io.genlake.cli;

import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StepResult;
import io.genlake.preference.PreferenceLearning;
import java.util.List;
import java.util.function.Function;

/**
 * The nightly pipeline, in order: ingest, enrich, fit, preference, failure, export, report. A step runs only
 * when every step it depends on succeeded (or was partial); otherwise it is recorded as skipped.
 */
final class NightlySteps {
  /** One step: its name, the steps it needs, and what it does. */
  record Step(String name, List<String> dependsOn, Function<RunContext, StepResult> run) {}

  static final List<Step> STEPS = List.of(
      new Step("preference", List.of("ingest"), PreferenceLearning::run));

  private NightlySteps() {}
}

package io.genlake.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.genlake.config.ConfigLoader;
import io.genlake.config.GenlakeConfig;
import io.genlake.pipeline.Progress;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StateKey;
import io.genlake.pipeline.StateValues;
import io.genlake.pipeline.Step;
import io.genlake.testing.TestSpark;
import io.genlake.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The nightly steps' declared state: which steps a configuration edit or another run date re-runs. */
class NightlyStepsTest {
  private static RunContext context(GenlakeConfig config, LocalDate date) {
    Warehouse w = new Warehouse(TestSpark.session(), Path.of("target", "unused-warehouse").toString());
    return new RunContext(w.spark(), w, config, "r", date, Path.of("landing"), Path.of("reports"),
        Path.of("exports"), Progress.silent(), Optional.empty());
  }

  /** The steps whose recorded state differs between the two contexts, each with what changed. */
  private static List<String> changed(RunContext before, RunContext after) {
    return NightlySteps.steps().stream()
        .map(s -> s.name() + ": " + StateValues.of(s.state(), after).changesSince(
            StateValues.of(s.state(), before).encode()))
        .filter(line -> !line.endsWith(": []"))
        .toList();
  }

  @Test
  void editingFitReportBlocksChangesOnlyTheFitReportsState() {
    LocalDate day = LocalDate.of(2026, 11, 21);
    assertEquals(List.of("report_fit: [config.fit.report_blocks changed]"), changed(
        context(ConfigLoader.defaults(), day), context(ConfigLoader.loadYaml("fit: {report_blocks: 7}"), day)));
  }

  @Test
  void editingFitTopKChangesOnlyTheFitStepsState() {
    LocalDate day = LocalDate.of(2026, 11, 21);
    assertEquals(List.of("fit: [config.fit changed]"), changed(
        context(ConfigLoader.defaults(), day), context(ConfigLoader.loadYaml("fit: {top_k: 5}"), day)));
  }

  @Test
  void anotherRunDateChangesThePreferenceAndExportState() {
    GenlakeConfig config = ConfigLoader.defaults();
    assertEquals(List.of("preference: [run_date changed (2026-11-21 -> 2026-11-22)]",
            "export: [run_date changed (2026-11-21 -> 2026-11-22)]"),
        changed(context(config, LocalDate.of(2026, 11, 21)), context(config, LocalDate.of(2026, 11, 22))));
  }

  @Test
  void stateIsRecordedAsSortedKeyValuePairs() {
    Step fit = NightlySteps.steps().get(2);
    assertEquals("fit", fit.name());
    String recorded = StateValues.of(fit.state(), context(ConfigLoader.defaults(), LocalDate.of(2026, 11, 21)))
        .encode();
    assertEquals(List.of("code_version", "config.fit", "ontology"), StateValues.parse(recorded).orElseThrow()
        .keySet().stream().toList());
    assertEquals("2", StateValues.parse(recorded).orElseThrow().get("code_version"));
    assertEquals(Optional.empty(), StateValues.parse("3f9a0c1d2e4b5a6c7d8e9f00"), "a hash recorded by older code");
    assertEquals(List.of("its state was recorded by an older genlake"),
        StateValues.of(fit.state(), context(ConfigLoader.defaults(), LocalDate.of(2026, 11, 21)))
            .changesSince("3f9a0c1d2e4b5a6c7d8e9f00/ab12"));
  }

  @Test
  void anUnknownConfigurationKeyIsRefusedWhenTheStepIsBuilt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StateKey.configKey("fit.report_block"));
    assertEquals("Unknown configuration key of fit 'report_block': expected one of [top_k, ontology, "
        + "bootstrap_samples, bootstrap_seed, report_blocks, incremental_min_pairs].", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> StateKey.config("fits"));
    assertEquals("Unknown configuration section 'fits': expected one of [paths, spark, ingest, fit, preference, "
        + "failure, enrich, export, serve].", e.getMessage());
  }
}

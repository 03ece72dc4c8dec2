package io.genlake.preference;

import io.genlake.pipeline.DeclaredStep;
import io.genlake.pipeline.PinnedInputs;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StepReport;
import io.genlake.table.GoldPreferencePairIncrements;
import io.genlake.table.GoldPreferencePairStats;
import io.genlake.table.GoldPreferenceState;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code prefs import} command as a step ({@link PreferenceLearning#importFrom}): merges exported pair statistics
 * into the current ones, written as a new base gold.preference_pair_stats (gold.preference_pair_increments
 * emptied). It reads a file, not tables, so it always runs.
 */
public final class PreferenceImportStep extends DeclaredStep {
  private final Path file;

  /** Imports {@code file} (a {@code prefs export} file). */
  public PreferenceImportStep(Path file) {
    super("prefs-import", List.of(), List.of(GoldPreferencePairStats.TABLE, GoldPreferencePairIncrements.TABLE,
        GoldPreferenceState.TABLE), List.of());
    this.file = file;
  }

  @Override
  public StepReport run(RunContext ctx, PinnedInputs inputs) {
    return PreferenceLearning.importFrom(ctx, file).report();
  }
}

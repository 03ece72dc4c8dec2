package io.genlake.preference;

import io.genlake.pipeline.PinnedInputs;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.Step;
import io.genlake.pipeline.StepReport;
import io.genlake.table.GoldPreferencePairStats;
import io.genlake.table.GoldPreferenceState;
import io.genlake.warehouse.TableId;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code prefs-import} command as a step ({@link PreferenceLearning#importFrom}): merges exported pair
 * statistics into gold.preference_pair_stats. It reads a file, not tables, so it always runs.
 *
 * @param file the exported statistics
 */
public record PreferenceImportStep(Path file) implements Step {
  @Override
  public String name() {
    return "prefs-import";
  }

  @Override
  public List<TableId> inputs() {
    return List.of();
  }

  @Override
  public List<TableId> outputs() {
    return List.of(GoldPreferencePairStats.TABLE, GoldPreferenceState.TABLE);
  }

  @Override
  public StepReport run(RunContext ctx, PinnedInputs inputs) {
    return PreferenceLearning.importFrom(ctx, file).report();
  }
}

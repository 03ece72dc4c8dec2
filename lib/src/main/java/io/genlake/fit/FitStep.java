package io.genlake.fit;

import io.genlake.pipeline.PinnedInputs;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StateKey;
import io.genlake.pipeline.DeclaredStep;
import io.genlake.pipeline.StepReport;
import io.genlake.table.GoldAssetTags;
import io.genlake.table.GoldBlockAssetCandidates;
import io.genlake.table.GoldBlockImageFits;
import io.genlake.table.GoldFitCalibration;
import io.genlake.table.SilverActionBlocks;
import io.genlake.table.SilverAssets;
import io.genlake.table.SilverBlockFitRatings;
import io.genlake.table.SilverGenerations;
import io.genlake.warehouse.TableId;
import java.util.List;

/**
 * The {@code fit} step ({@link FitJob}): reads the silver assets, generations, blocks and fit ratings, writes the
 * four gold fit tables. Depends on the fit section (except the report's block count and the incremental threshold,
 * which do not change its tables), the ontology file and its code version; incremental from its last run when those
 * are unchanged.
 */
public final class FitStep extends DeclaredStep {
  /** What the fit step reads. */
  public static final List<TableId> INPUTS = List.of(SilverAssets.TABLE, SilverGenerations.TABLE,
      SilverActionBlocks.TABLE, SilverBlockFitRatings.TABLE);
  /** What it writes. */
  public static final List<TableId> OUTPUTS = List.of(GoldAssetTags.TABLE, GoldBlockImageFits.TABLE,
      GoldBlockAssetCandidates.TABLE, GoldFitCalibration.TABLE);
  /** Bumped whenever scoring or tagging changes meaning, so gold tables from older code are recomputed in full. */
  static final int CODE_VERSION = 2;

  /** The step. */
  public FitStep() {
    super("fit", INPUTS, OUTPUTS, List.of(StateKey.config("fit", "report_blocks", "incremental_min_pairs"),
        OntologyState.INSTANCE, StateKey.codeVersion(CODE_VERSION)));
  }

  @Override
  public StepReport run(RunContext ctx, PinnedInputs inputs) {
    return FitJob.run(ctx, inputs).report();
  }
}

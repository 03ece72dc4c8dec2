package io.genlake.fit.inspector;

import io.genlake.fit.OntologyState;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code report_fit} step ({@link FitInspector}): the fit inspector page from the gold fit tables and
 * silver.action_blocks. Depends on fit.report_blocks, the ontology and the landing (it embeds the landing's images);
 * not up to date while its page is missing. With a block id it writes that block's page, and the block id is part
 * of its state, so the next nightly writes the overview again.
 */
public final class FitReportStep extends DeclaredStep {
  private final Optional<String> blockId;

  /** The page of {@code blockId}, or the overview of fit.report_blocks blocks. */
  public FitReportStep(Optional<String> blockId) {
    super("report_fit", List.of(GoldAssetTags.TABLE, GoldBlockAssetCandidates.TABLE, GoldBlockImageFits.TABLE,
        GoldFitCalibration.TABLE, SilverActionBlocks.TABLE), List.of(), state(blockId));
    this.blockId = blockId;
  }

  /** The overview page (the nightly's step). */
  public static FitReportStep overview() {
    return new FitReportStep(Optional.empty());
  }

  private static List<StateKey> state(Optional<String> blockId) {
    List<StateKey> keys = new ArrayList<>(List.of(StateKey.configKey("fit.report_blocks"), OntologyState.INSTANCE,
        StateKey.landing()));
    blockId.ifPresent(b -> keys.add(StateKey.value("block_id", b)));
    return keys;
  }

  @Override
  public Optional<Path> outputFile(RunContext ctx) {
    return Optional.of(ctx.reports().resolve("fit").resolve(FitInspector.fileName(blockId)));
  }

  @Override
  public StepReport run(RunContext ctx, PinnedInputs inputs) {
    return FitInspector.run(ctx, blockId).report();
  }
}

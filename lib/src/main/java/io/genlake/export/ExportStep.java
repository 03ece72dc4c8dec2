package io.genlake.export;

import io.genlake.pipeline.PinnedInputs;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StateKey;
import io.genlake.pipeline.DeclaredStep;
import io.genlake.pipeline.StepReport;
import io.genlake.warehouse.TableId;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The {@code export} step ({@link MlExports}): the ML feature export under {@code <exports>/<run date>/}, read at the
 * pinned versions of the tables it exports. Depends on the export section and the run date (one directory per date);
 * not up to date while that date's {@code manifest.json} is missing.
 */
public final class ExportStep extends DeclaredStep {
  /** The step. */
  public ExportStep() {
    super("export", MlExports.inputs(), List.of(), List.of(StateKey.config("export"), StateKey.runDate()));
  }

  @Override
  public Optional<Path> outputFile(RunContext ctx) {
    return Optional.of(ctx.exports().resolve(ctx.runDate().toString()).resolve(MlExports.MANIFEST));
  }

  @Override
  public StepReport run(RunContext ctx, PinnedInputs inputs) {
    return MlExports.run(ctx, inputs).report();
  }
}

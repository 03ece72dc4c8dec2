package io.genlake.export;

import io.genlake.pipeline.PinnedInputs;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StateKey;
import io.genlake.pipeline.Step;
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
public final class ExportStep implements Step {
  @Override
  public String name() {
    return "export";
  }

  @Override
  public List<TableId> inputs() {
    return MlExports.inputs();
  }

  @Override
  public List<TableId> outputs() {
    return List.of();
  }

  @Override
  public List<StateKey> state() {
    return List.of(StateKey.config("export"), StateKey.runDate());
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

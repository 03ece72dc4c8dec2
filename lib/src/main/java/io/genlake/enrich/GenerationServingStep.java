package io.genlake.enrich;

import io.genlake.pipeline.DeclaredStep;
import io.genlake.pipeline.PinnedInputs;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StateKey;
import io.genlake.pipeline.StepReport;
import io.genlake.serve.ServingFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The {@code serve_generations} step ({@link GenerationServing}): after enrich, writes the generations serving
 * snapshot {@code <warehouse>/serving/generations.json.gz} read by {@code genlake serve}. Depends on
 * {@code serve.generations} (how many of the newest generations it holds); up to date while that, its tables and
 * the snapshot file are unchanged.
 */
public final class GenerationServingStep extends DeclaredStep {
  /** The step. */
  public GenerationServingStep() {
    super("serve_generations", GenerationServing.INPUTS, List.of(), List.of(StateKey.configKey("serve.generations"),
        StateKey.codeVersion(ServingFiles.VERSION)));
  }

  @Override
  public Optional<Path> outputFile(RunContext ctx) {
    return Optional.of(ServingFiles.local(ctx.warehouse().root(), ServingFiles.GENERATIONS));
  }

  @Override
  public StepReport run(RunContext ctx, PinnedInputs inputs) {
    return GenerationServing.run(ctx).report();
  }
}

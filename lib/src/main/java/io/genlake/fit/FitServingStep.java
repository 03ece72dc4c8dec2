package io.genlake.fit;

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
 * The {@code serve_fit} step ({@link FitServing}): after the fit step, writes the fit inspector's serving snapshot
 * {@code <warehouse>/serving/fit-inspector.json.gz} from the gold fit tables. Depends on the ontology (blocks are
 * tagged with it; the fit settings reach it through the gold tables); up to date while the ontology, its tables and
 * the snapshot file are unchanged.
 */
public final class FitServingStep extends DeclaredStep {
  /** The step. */
  public FitServingStep() {
    super("serve_fit", FitServing.INPUTS, List.of(), List.of(OntologyState.INSTANCE,
        StateKey.codeVersion(ServingFiles.VERSION)));
  }

  @Override
  public Optional<Path> outputFile(RunContext ctx) {
    return Optional.of(ServingFiles.local(ctx.warehouse().root(), ServingFiles.FIT_INSPECTOR));
  }

  @Override
  public StepReport run(RunContext ctx, PinnedInputs inputs) {
    return FitServing.run(ctx).report();
  }
}

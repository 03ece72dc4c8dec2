package io.genlake.ops;

import io.genlake.pipeline.DeclaredStep;
import io.genlake.pipeline.PinnedInputs;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StepReport;
import io.genlake.pipeline.StepResult;
import java.util.List;

/**
 * The {@code maintain} command as a step ({@link Maintenance}): OPTIMIZE unless skipped, then VACUUM when asked, with
 * the retention guard. It declares no tables: it runs alone, whenever asked.
 */
public final class MaintainStep extends DeclaredStep {
  private final boolean optimize;
  private final boolean vacuum;
  private final int retainHours;

  /**
   * @param optimize whether to OPTIMIZE every table
   * @param vacuum whether to VACUUM afterwards
   * @param retainHours the history VACUUM keeps (raised to cover versions steps still need)
   */
  public MaintainStep(boolean optimize, boolean vacuum, int retainHours) {
    super("maintain", List.of(), List.of(), List.of());
    this.optimize = optimize;
    this.vacuum = vacuum;
    this.retainHours = retainHours;
  }

  @Override
  public StepReport run(RunContext ctx, PinnedInputs inputs) {
    StepResult r = new StepResult();
    if (optimize) {
      r.add(Maintenance.optimize(ctx.warehouse(), ctx.progress()));
    }
    if (vacuum) {
      r.add(Maintenance.vacuum(ctx.warehouse(), retainHours, ctx.progress()));
    }
    return r.report();
  }
}

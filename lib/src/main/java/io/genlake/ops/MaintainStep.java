package io.genlake.ops;

import io.genlake.pipeline.PinnedInputs;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.Step;
import io.genlake.pipeline.StepReport;
import io.genlake.pipeline.StepResult;
import io.genlake.warehouse.TableId;
import java.util.List;

/**
 * The {@code maintain} command as a step ({@link Maintenance}): OPTIMIZE unless skipped, then VACUUM when asked, with
 * the retention guard. It declares no tables: it runs alone, whenever asked.
 *
 * @param optimize whether to OPTIMIZE every table
 * @param vacuum whether to VACUUM afterwards
 * @param retainHours the history VACUUM keeps (raised to cover versions steps still need)
 */
public record MaintainStep(boolean optimize, boolean vacuum, int retainHours) implements Step {
  @Override
  public String name() {
    return "maintain";
  }

  @Override
  public List<TableId> inputs() {
    return List.of();
  }

  @Override
  public List<TableId> outputs() {
    return List.of();
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

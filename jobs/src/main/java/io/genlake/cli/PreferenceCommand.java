package io.genlake.cli;

import io.genlake.pipeline.RunContext;
import io.genlake.preference.PreferenceStep;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code genlake preference [--date D] [--full]}: the nightly preference step alone ({@code --full}: recompute). */
@Command(name = "preference", mixinStandardHelpOptions = true,
    description = "Build preference statistics, parameter statistics, the serving snapshot, the day's "
        + "recommendations and the offline evaluation (the nightly preference step).")
final class PreferenceCommand implements Callable<Integer> {
  @Mixin WarehouseOptions warehouse;
  @Mixin RunOptions run;

  @Override
  public Integer call() {
    RunContext ctx = Session.openRunCreating("preference", warehouse, run);
    return Genlake.runStep(ctx, new PreferenceStep(), ctx.full() ? "--full" : "");
  }
}

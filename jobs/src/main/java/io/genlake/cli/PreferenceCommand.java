package io.genlake.cli;

import io.genlake.pipeline.RunContext;
import io.genlake.preference.KeywordNormalizer;
import io.genlake.preference.PreferenceLearning;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code genlake preference [--full]}: the nightly preference step alone. */
@Command(name = "preference", mixinStandardHelpOptions = true,
    description = "Build preference statistics, parameter statistics, the serving snapshot, the day's "
        + "recommendations and the offline evaluation (the nightly preference step).")
final class PreferenceCommand implements Callable<Integer> {
  @Mixin WarehouseOptions warehouse;
  @Mixin RunOptions run;

  @Option(names = "--full", description = "Recompute from every event instead of updating the running sums.")
  boolean full;

  @Override
  public Integer call() {
    RunContext ctx = Session.openRun("preference", warehouse, run);
    return JobRunner.run(ctx, "preference", full ? "--full" : "",
        c -> PreferenceLearning.run(c, KeywordNormalizer.identity(), full)).exitCode();
  }
}

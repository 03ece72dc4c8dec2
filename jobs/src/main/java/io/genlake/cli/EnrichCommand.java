package io.genlake.cli;

import io.genlake.enrich.EnrichStep;
import io.genlake.pipeline.RunContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code genlake enrich [--full]}: the enrich step alone (canonical hash, prompt resolution, content rating, gold). */
@Command(name = "enrich", mixinStandardHelpOptions = true,
    description = {"Enrich silver.generations (canonical hash, prompt resolution, content rating) and its gold tables.",
        "Recomputes gold.reproducibility, gold.provider_health, gold.prompt_version_performance and "
            + "gold.content_rating_violations.",
        "Only new or stale rows are enriched unless --full is given."})
final class EnrichCommand implements Callable<Integer> {
  @Mixin WarehouseOptions warehouse;
  @Mixin RunOptions run;

  @Override
  public Integer call() {
    RunContext ctx = Session.openRunCreating("enrich", warehouse, run);
    return Genlake.runStep(ctx, new EnrichStep(), run.full ? "--full" : "");
  }
}

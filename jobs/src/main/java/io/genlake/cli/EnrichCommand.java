package io.genlake.cli;

import io.genlake.enrich.EnrichStep;
import io.genlake.enrich.EnrichJob;
import io.genlake.enrich.HashFixtures;
import io.genlake.pipeline.RunContext;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code genlake enrich [--full]}: the enrich step alone (canonical hash, prompt resolution, content rating, gold). */
@Command(name = "enrich", mixinStandardHelpOptions = true,
    description = {"Enrich silver.generations (canonical hash, prompt resolution, content rating) and recompute",
        "gold.reproducibility, gold.provider_health, gold.prompt_version_performance and gold.content_rating_violations.",
        "Only new or stale rows are enriched unless --full is given.",
        "`enrich check-hashes` checks the canonical-hash regression fixtures."},
    subcommands = EnrichCommand.CheckHashes.class)
final class EnrichCommand implements Callable<Integer> {
  @Mixin WarehouseOptions warehouse;
  @Mixin RunOptions run;

  @Override
  public Integer call() {
    RunContext ctx = Session.openRunCreating("enrich", warehouse, run);
    return Genlake.runStep(ctx, new EnrichStep(), run.full ? "--full" : "");
  }

  /**
   * {@code genlake enrich check-hashes [--fixtures DIR]}: seed 001 phase 9's regression harness. Computes every
   * fixture's canonical form and hash with the enrichment's code and compares them with the fixture's expectations;
   * exit 1 when any differs (printing both). No Spark.
   */
  @Command(name = "check-hashes", mixinStandardHelpOptions = true,
      description = "Check the canonical-hash regression fixtures (generation configs with their expected canonical "
          + "form and hash); exit 1 on any difference.")
  static final class CheckHashes implements Callable<Integer> {
    @Option(names = "--fixtures", paramLabel = "DIR", defaultValue = HashFixtures.DEFAULT_DIR,
        description = "Folder of *.json fixtures. Default: ${DEFAULT-VALUE}.")
    Path fixtures;

    @Override
    public Integer call() {
      List<HashFixtures.Outcome> outcomes = HashFixtures.check(fixtures);
      PrintStream out = System.out;
      long failed = 0;
      for (HashFixtures.Outcome o : outcomes) {
        out.println((o.ok() ? "ok    " : "FAILED") + "  " + o.file().getFileName() + "  " + o.name());
        if (!o.ok()) {
          failed++;
          out.println("  expected hash " + o.expectedHash() + "\n  actual hash   " + o.actualHash());
          out.println("  expected form " + o.expectedForm() + "\n  actual form   " + o.actualForm());
          if (o.expectedStatus() != null) {
            out.println("  expected prompt_resolution_status " + o.expectedStatus() + ", actual " + o.actualStatus());
          }
        }
      }
      out.println(outcomes.size() + " fixtures: " + (outcomes.size() - failed) + " as expected, " + failed + " different");
      out.flush();
      return failed == 0 ? 0 : 1;
    }
  }
}

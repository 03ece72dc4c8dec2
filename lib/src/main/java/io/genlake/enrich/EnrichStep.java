package io.genlake.enrich;

import io.genlake.pipeline.PinnedInputs;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StateKey;
import io.genlake.pipeline.DeclaredStep;
import io.genlake.pipeline.StepReport;
import io.genlake.table.GoldCanonicalHashChanges;
import io.genlake.table.GoldContentRatingViolations;
import io.genlake.table.GoldPromptVersionPerformance;
import io.genlake.table.GoldProviderHealth;
import io.genlake.table.GoldReproducibility;
import io.genlake.table.SilverBlockFitRatings;
import io.genlake.table.SilverGenerations;
import io.genlake.table.SilverPromptVersions;
import io.genlake.warehouse.TableId;
import java.util.List;

/**
 * The {@code enrich} step ({@link EnrichJob}): reads silver.generations, silver.prompt_versions and
 * silver.block_fit_ratings; writes the enrichment columns of silver.generations, four gold tables and gold.canonical_hash_changes. Depends on the
 * enrich section. Its own commit to silver.generations is recorded as processed, so only later commits (ingestion)
 * make it run again.
 */
public final class EnrichStep extends DeclaredStep {
  /** The step. */
  public EnrichStep() {
    super("enrich", List.of(SilverGenerations.TABLE, SilverPromptVersions.TABLE, SilverBlockFitRatings.TABLE),
        List.of(SilverGenerations.TABLE, GoldReproducibility.TABLE, GoldProviderHealth.TABLE,
            GoldPromptVersionPerformance.TABLE, GoldContentRatingViolations.TABLE, GoldCanonicalHashChanges.TABLE),
        List.of(StateKey.config("enrich")));
  }

  @Override
  public StepReport run(RunContext ctx, PinnedInputs inputs) {
    return EnrichJob.run(ctx, inputs).report();
  }
}

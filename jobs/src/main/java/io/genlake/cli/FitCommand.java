package io.genlake.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.genlake.fit.FitJob;
import io.genlake.fit.FitResult;
import io.genlake.fit.FitStep;
import io.genlake.fit.PairScoring;
import io.genlake.warehouse.Warehouse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code genlake fit run|score}: the fit step alone, or one block against one asset (seed 000's /score). */
@Command(name = "fit", mixinStandardHelpOptions = true,
    description = "Block-image fit scoring: run the fit step, or score one block against one asset.",
    subcommands = {FitCommand.Run.class, FitCommand.Score.class})
final class FitCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Name a fit command: run or score.");
  }

  /** {@code genlake fit run}: the nightly fit step on its own, recorded in ops.pipeline_runs. */
  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Tag assets and blocks, score ratings, search top-K candidates, calibrate (gold.asset_tags, "
          + "gold.block_image_fits, gold.block_asset_candidates, gold.fit_calibration).")
  static final class Run implements Callable<Integer> {
    @Mixin WarehouseOptions warehouse;
    @Mixin RunOptions run;

    @Override
    public Integer call() {
      return Genlake.runStep(Session.openRunCreating("fit", warehouse, run), new FitStep(), "fit run");
    }
  }

  /** {@code genlake fit score --block-id B --asset-id A}: the score and its explanation as JSON on stdout. */
  @Command(name = "score", mixinStandardHelpOptions = true,
      description = "Score one block against one asset from the silver tables; prints JSON {heuristic_score, details}.")
  static final class Score implements Callable<Integer> {
    @Mixin WarehouseOptions warehouse;

    @Option(names = "--block-id", required = true, paramLabel = "ID", description = "silver.action_blocks block_id")
    String blockId;

    @Option(names = "--asset-id", required = true, paramLabel = "ID", description = "silver.assets asset_id")
    String assetId;

    @Override
    public Integer call() throws JsonProcessingException {
      warehouse.quiet = true;
      Warehouse w = Session.openWarehouse("fit score", warehouse);
      PairScoring.PairScore s = PairScoring.score(w, FitJob.ontology(warehouse.config().fit()), blockId, assetId);
      System.out.println(JsonOutput.indented(json(s)));
      System.out.flush();
      return 0;
    }

    static Map<String, Object> json(PairScoring.PairScore s) {
      FitResult f = s.fit();
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("required_matches", f.requiredMatches());
      details.put("required_misses", f.requiredMisses());
      details.put("conflicts", f.conflicts());
      details.put("soft_matches", f.softMatches());
      details.put("block_ontology_ids", f.blockOntologyIds());
      details.put("asset_ontology_ids", f.assetOntologyIds());
      details.put("required_penalty", f.requiredPenalty());
      details.put("soft_bonus", f.softBonus());
      details.put("block_unmapped_tags", s.blockTags().unmapped());
      details.put("asset_negated_ids", s.assetTags().negated());
      details.put("asset_text_sources", s.assetSources());
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("block_id", s.blockId());
      out.put("asset_id", s.assetId());
      out.put("block_prompt", s.prompt().orElse(null));
      out.put("heuristic_score", f.score());
      out.put("details", details);
      return out;
    }
  }
}

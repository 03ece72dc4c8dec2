package io.genlake.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.genlake.config.GenlakeConfig;
import io.genlake.fit.FitJob;
import io.genlake.fit.FitResult;
import io.genlake.fit.FitStep;
import io.genlake.fit.PairScoring;
import io.genlake.serve.ServeApp;
import io.genlake.serve.ServeException;
import io.genlake.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code genlake fit run|score|rate}: the fit step alone, one block against one asset (seed 000's /score), or a
 * rating recorded for the next nightly (seed 000's /rate).
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
    description = "Block-image fit scoring: run the fit step, or score one block against one asset.",
    subcommands = {FitCommand.Run.class, FitCommand.Score.class, FitCommand.Rate.class})
final class FitCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Name a fit command: run, score or rate.");
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
      Map<String, Object> details = f.explanation();
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

  /**
   * {@code genlake fit rate --block-id B --asset-id A --rating N --user U}: scores the pair from the serving snapshot
   * (as {@code genlake serve} shows it) and appends the rating with that score and both tag snapshots to the landing,
   * for the next nightly. Prints the record as JSON. No Spark.
   */
  @Command(name = "rate", mixinStandardHelpOptions = true,
      description = "Record a 1-5 rating of how well a block fits an asset (with the heuristic score and tag snapshots "
          + "from the serving snapshot) in <landing>/ratings/block_fit/serve/; the next nightly ingests it.")
  static final class Rate implements Callable<Integer> {
    @Mixin WarehouseOptions warehouse;

    @Option(names = "--landing", paramLabel = "DIR", description = "Landing directory (default: paths.landing).")
    Optional<Path> landing = Optional.empty();

    @Option(names = "--block-id", required = true, paramLabel = "ID", description = "The block rated.")
    String blockId;

    @Option(names = "--asset-id", required = true, paramLabel = "ID", description = "The asset rated.")
    String assetId;

    @Option(names = "--rating", required = true, paramLabel = "1-5", description = "How well the block fits, 1 to 5.")
    int rating;

    @Option(names = "--role", defaultValue = "unspecified", paramLabel = "ROLE",
        description = "initial, continuation, transition or unspecified. Default: ${DEFAULT-VALUE}.")
    String role;

    @Option(names = "--user", required = true, paramLabel = "ID", description = "Who rates.")
    String user;

    @Option(names = "--notes", paramLabel = "TEXT", description = "Free-form notes.")
    String notes;

    @Override
    public Integer call() throws JsonProcessingException {
      ObjectMapper json = new ObjectMapper();
      ObjectNode request = json.createObjectNode()
          .put("block_id", blockId).put("asset_id", assetId).put("fit_rating", rating).put("role_in_sequence", role)
          .put("user_id", user);
      if (notes != null) {
        request.put("notes", notes);
      }
      GenlakeConfig config = warehouse.config();
      Path dir = landing.orElse(Path.of(config.paths().landing())).toAbsolutePath().normalize();
      try {
        Map<String, Object> record = new ServeApp(warehouse.warehouseRoot(), dir, config.serve())
            .ratings().rate(request);
        System.out.println(json.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(record));
        System.out.flush();
        return 0;
      } catch (ServeException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
  }
}

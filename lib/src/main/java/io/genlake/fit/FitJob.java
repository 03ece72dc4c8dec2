package io.genlake.fit;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.genlake.config.FitConfig;
import io.genlake.ontology.Ontology;
import io.genlake.ontology.Tagger;
import io.genlake.pipeline.Concurrently;
import io.genlake.pipeline.PinnedInputs;
import io.genlake.pipeline.Progress;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StepResult;
import io.genlake.table.GoldAssetTags;
import io.genlake.table.GoldBlockAssetCandidates;
import io.genlake.table.GoldBlockImageFits;
import io.genlake.table.GoldFitCalibration;
import io.genlake.table.SilverActionBlocks;
import io.genlake.table.SilverAssets;
import io.genlake.table.SilverBlockFitRatings;
import io.genlake.table.SilverGenerations;
import io.genlake.warehouse.TableId;
import io.genlake.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.storage.StorageLevel;

/**
 * The nightly fit step: loads the ontology (a broken file stops the step with a message naming the
 * problem), tags assets and blocks, scores every rating ({@code gold.block_image_fits}), searches the top K
 * assets of every block ({@code gold.block_asset_candidates}) and measures agreement with people
 * ({@code gold.fit_calibration}). Bad input (texts-less blocks or assets, tags mapping to nothing, ratings
 * of unknown blocks or assets) is counted in the result and noted, never dropped silently.
 */
public final class FitJob {
  private FitJob() {}

  /** The ontology the configuration names (fit.ontology), else the bundled one. */
  public static Ontology ontology(FitConfig config) {
    return Ontology.loadOrBundled(config.ontology());
  }

  /**
   * Runs the step on {@code inputs}: incrementally from their baseline ({@link PinnedInputs#since()}, the versions
   * the gold tables reflect) when there is one and the warehouse is large enough, else in full. Cost (full): one
   * pass per silver input, one candidate search (see {@link FitCandidates}); incremental: see {@link FitIncrement}.
   */
  public static StepResult run(RunContext ctx, PinnedInputs inputs) {
    FitConfig config = ctx.config().fit();
    Ontology ontology = ontology(config);
    Warehouse w = ctx.warehouse();
    StepResult result = new StepResult();
    result.note("ontology " + ontology.source() + ": " + ontology.size() + " IDs");
    String whyFull = inputs.whyFull();
    boolean incremental = !ctx.full() && inputs.since().isPresent();
    if (incremental && config.incrementalMinPairs() > 0) {
      Optional<String> small = fullWhenSmall(inputs, config.incrementalMinPairs());
      incremental = small.isEmpty();
      whyFull = small.orElse(whyFull);
    }
    if (!ctx.full()) {
      ctx.progress().step("fit", incremental ? "incremental: changes since " + inputs.since().get()
          : "full recompute: " + whyFull);
    }
    FitIncrement inc = incremental ? new FitIncrement(FitChanges.read(inputs), inputs.readOrEmpty(SilverAssets.SPEC))
        : null;
    result.count("fit.incremental", inc == null ? 0 : 1);
    Tagger tagger = new Tagger(ontology);
    FitScorer scorer = new FitScorer(ontology);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(ctx.spark().sparkContext());
    Broadcast<Tagger> bTagger = jsc.broadcast(tagger);
    Broadcast<FitScorer> bScorer = jsc.broadcast(scorer);
    Dataset<Row> oldCandidates = inc == null ? null : w.read(GoldBlockAssetCandidates.TABLE);
    try {
      // asset tags
      ctx.progress().step("fit", inc == null ? "tagging assets" : "tagging changed assets");
      Dataset<Row> silverAssets = inputs.readOrEmpty(SilverAssets.SPEC);
      Dataset<Row> generations = inputs.readOrEmpty(SilverGenerations.SPEC);
      Dataset<Row> assetTags = (inc == null ? AssetTagging.tag(silverAssets, generations, bTagger)
          : inc.assetTags(w.read(GoldAssetTags.TABLE), silverAssets, generations, bTagger))
          .persist(StorageLevel.MEMORY_AND_DISK());
      Row a = assetTags.agg(
          org.apache.spark.sql.functions.count("*"),
          sum(when(col(GoldAssetTags.HAS_TEXT).equalTo(false), 1).otherwise(0)),
          sum(when(col(GoldAssetTags.HAS_TEXT).and(size(col(GoldAssetTags.ONTOLOGY_IDS)).equalTo(0)), 1).otherwise(0)))
          .first();
      long assets = a.getLong(0);
      long retagged = inc == null ? assets : inc.assets.count();
      result.count("assets.tagged", assets).count("assets.retagged", retagged);
      bad(result, "assets.no_text", a.isNullAt(1) ? 0 : a.getLong(1),
          "assets have no caption and no generation prompt: they get no ontology IDs");
      bad(result, "assets.no_ontology_ids", a.isNullAt(2) ? 0 : a.getLong(2),
          "assets have text that maps to no ontology ID: add keywords to the ontology");
      if (inc == null || retagged > 0) {
        write(w, GoldAssetTags.TABLE, assetTags, assets, result);
      }

      // block tags
      ctx.progress().step("fit", "tagging blocks");
      List<BlockTagging.TaggedBlock> blocks = BlockTagging.tag(inputs.readOrEmpty(SilverActionBlocks.SPEC), tagger);
      result.count("blocks.tagged", blocks.size());
      bad(result, "blocks.no_text", blocks.stream().filter(b -> !b.hasText()).count(),
          "blocks have neither prompt nor tags: every asset fits them equally");
      bad(result, "blocks.no_ontology_ids", blocks.stream().filter(b -> b.hasText() && b.tags().ids().isEmpty()).count(),
          "blocks have text that maps to no ontology ID");
      bad(result, "blocks.unmapped_tags", blocks.stream().mapToLong(b -> b.tags().unmapped().size()).sum(),
          "block tags map to no ontology ID (kept in block_unmapped_tags)");

      // the rated pairs (then the calibration) and the candidate search only share the tags: they run at the same
      // time, so one's driver-side work and commits overlap the other's tasks
      List<Concurrently.Call<StepResult>> parts = List.of(
          () -> scoreRatedPairs(ctx, inputs, config, ontology, inc, blocks, assetTags, bScorer),
          () -> {
            StepResult r = new StepResult();
            FitSearch.Outcome searched = FitSearch.run(ctx, scorer, blocks, assetTags, assets, config.topK(), inc, oldCandidates);
            r.count("candidates.pairs_scored", searched.pairsScored());
            if (searched.candidates().isPresent()) {
              long candidateRows = w.overwriteCounted(GoldBlockAssetCandidates.TABLE, searched.candidates().get());
              r.table(GoldBlockAssetCandidates.TABLE, searched.pairsScored(), candidateRows,
                  w.version(GoldBlockAssetCandidates.TABLE));
            }
            return r;
          });
      Concurrently.calls(parts.size(), parts).forEach(result::add);
      assetTags.unpersist();
    } finally {
      if (inc != null) {
        inc.release();
      }
    }
    return result;
  }

  /**
   * Why to recompute in full although a baseline exists: blocks x assets under {@code minPairs}, where the incremental
   * plan (change-feed reads, joins with the change sets, merges with the kept rows) costs more than the full search it
   * saves. Cost: a count(*) of each of the two silver tables.
   */
  private static Optional<String> fullWhenSmall(PinnedInputs inputs, long minPairs) {
    long blocks = inputs.readOrEmpty(SilverActionBlocks.SPEC).count();
    long assets = inputs.readOrEmpty(SilverAssets.SPEC).count();
    long pairs = blocks * assets;
    if (pairs >= minPairs) {
      return Optional.empty();
    }
    return Optional.of(Progress.count(blocks) + " blocks x " + Progress.count(assets) + " assets = "
        + Progress.count(pairs) + " pairs, under fit.incremental_min_pairs (" + Progress.count(minPairs)
        + "): a full recompute is cheaper at this size");
  }

  /** gold.block_image_fits (all ratings, or the touched ones merged with the kept fits), then gold.fit_calibration. */
  private static StepResult scoreRatedPairs(RunContext ctx, PinnedInputs inputs, FitConfig config, Ontology ontology,
      FitIncrement inc, List<BlockTagging.TaggedBlock> blocks, Dataset<Row> assetTags, Broadcast<FitScorer> bScorer) {
    Warehouse w = ctx.warehouse();
    StepResult result = new StepResult();
    // rated pairs
    ctx.progress().step("fit", "scoring rated pairs");
    Dataset<Row> ratings = inputs.readOrEmpty(SilverBlockFitRatings.SPEC);
    Dataset<Row> blockFrame = BlockTagging.frame(ctx.spark(), blocks);
    Dataset<Row> fits;
    if (inc == null) {
      fits = RatedFits.score(ratings, blockFrame, assetTags, bScorer);
    } else {
      Dataset<Row> again = inc.ratingsToRescore(ratings).persist(StorageLevel.MEMORY_AND_DISK());
      result.count("ratings.rescored", again.count());
      fits = FitIncrement.fits(w.read(GoldBlockImageFits.TABLE), again,
          RatedFits.score(again, blockFrame, assetTags, bScorer));
    }
    fits = fits.persist(StorageLevel.MEMORY_AND_DISK());
    List<Row> byStatus = fits.groupBy(GoldBlockImageFits.STATUS).count().collectAsList();
    long ratingCount = 0;
    for (String status : GoldBlockImageFits.STATUSES) {
      long n = byStatus.stream().filter(r -> r.getString(0).equals(status)).mapToLong(r -> r.getLong(1)).sum();
      ratingCount += n;
      if (status.equals(GoldBlockImageFits.SCORED)) {
        result.count("ratings.scored", n);
      } else {
        bad(result, "ratings." + status, n, "ratings point at " + status.replace('_', ' ')
            + "s: kept in gold.block_image_fits with that status and no score");
      }
    }
    write(w, GoldBlockImageFits.TABLE, fits, ratingCount, result);

    // calibration
    ctx.progress().step("fit", "calibrating against ratings");
    List<Calibration.Rated> rated = rated(fits);
    List<Row> groups = new ArrayList<>();
    for (Calibration.Group g : new Calibration(config.bootstrapSamples(), config.bootstrapSeed()).compute(rated, ontology)) {
      groups.add(row(g));
    }
    Dataset<Row> calibration = ctx.spark().createDataFrame(groups, GoldFitCalibration.SCHEMA);
    write(w, GoldFitCalibration.TABLE, calibration, rated.size(), result);
    fits.unpersist();
    return result;
  }

  /**
   * The scored ratings, latest per user and role (a re-rating does not count twice), in a stable order, for
   * calibration (collected: one row per rating).
   */
  private static List<Calibration.Rated> rated(Dataset<Row> fits) {
    List<Calibration.Rated> rated = new ArrayList<>();
    Dataset<Row> scored = fits.where(col(GoldBlockImageFits.STATUS).equalTo(GoldBlockImageFits.SCORED));
    for (Row r : SilverBlockFitRatings.latestPerUserAndRole(scored)
        .select(GoldBlockImageFits.BLOCK_ID, GoldBlockImageFits.ASSET_ID, GoldBlockImageFits.ROLE_IN_SEQUENCE,
            GoldBlockImageFits.USER_ID, GoldBlockImageFits.FIT_RATING, GoldBlockImageFits.HEURISTIC_SCORE,
            GoldBlockImageFits.BLOCK_ONTOLOGY_IDS, GoldBlockImageFits.REQUIRED_MISSES)
        .orderBy(GoldBlockImageFits.BLOCK_ID, GoldBlockImageFits.ASSET_ID, GoldBlockImageFits.USER_ID)
        .collectAsList()) {
      List<String> misses = r.getList(7); // contradicted required IDs are misses too
      rated.add(new Calibration.Rated(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getInt(4),
          r.getDouble(5), r.getList(6), misses));
    }
    return rated;
  }

  private static Row row(Calibration.Group g) {
    List<Row> misses = new ArrayList<>();
    g.topMisses().forEach(m -> misses.add(RowFactory.create(m.ontologyId(), m.pairs())));
    return RowFactory.create(g.grouping(), g.value(), g.n(), orNull(g.spearman()), orNull(g.spearmanCi().low()),
        orNull(g.spearmanCi().high()), orNull(g.pearson()), orNull(g.pearsonCi().low()), orNull(g.pearsonCi().high()),
        Arrays.asList(g.meanByDecile()), Arrays.stream(g.pairsByDecile()).boxed().toList(), misses,
        orNull(g.alpha()), g.multiRatedPairs());
  }

  private static Double orNull(double v) {
    return Double.isNaN(v) ? null : v;
  }

  private static void bad(StepResult result, String name, long n, String what) {
    result.count(name, n);
    if (n > 0) {
      result.note(n + " " + what + " (" + name + ")");
    }
  }

  private static void write(Warehouse w, TableId table, Dataset<Row> data, long rowsIn, StepResult result) {
    result.table(table, rowsIn, w.overwriteCounted(table, data), w.version(table));
  }
}

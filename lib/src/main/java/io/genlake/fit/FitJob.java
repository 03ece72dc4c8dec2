package io.genlake.fit;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.genlake.config.FitConfig;
import io.genlake.ontology.Ontology;
import io.genlake.ontology.Tagger;
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

  /** Runs the step. Cost: one pass per silver input, one candidate search (see {@link FitCandidates}). */
  public static StepResult run(RunContext ctx) {
    FitConfig config = ctx.config().fit();
    Ontology ontology = ontology(config);
    Warehouse w = ctx.warehouse();
    StepResult result = new StepResult();
    result.note("ontology " + ontology.source() + ": " + ontology.size() + " IDs");
    Tagger tagger = new Tagger(ontology);
    FitScorer scorer = new FitScorer(ontology);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(ctx.spark().sparkContext());
    Broadcast<Tagger> bTagger = jsc.broadcast(tagger);
    Broadcast<FitScorer> bScorer = jsc.broadcast(scorer);

    // asset tags
    ctx.progress().step("fit", "tagging assets");
    Dataset<Row> assetTags = AssetTagging.tag(w.readOrEmpty(SilverAssets.SPEC), w.readOrEmpty(SilverGenerations.SPEC),
        bTagger).persist(StorageLevel.MEMORY_AND_DISK());
    Row a = assetTags.agg(
        org.apache.spark.sql.functions.count("*"),
        sum(when(col(GoldAssetTags.HAS_TEXT).equalTo(false), 1).otherwise(0)),
        sum(when(col(GoldAssetTags.HAS_TEXT).and(size(col(GoldAssetTags.ONTOLOGY_IDS)).equalTo(0)), 1).otherwise(0)))
        .first();
    long assets = a.getLong(0);
    result.count("assets.tagged", assets);
    bad(result, "assets.no_text", a.isNullAt(1) ? 0 : a.getLong(1),
        "assets have no caption and no generation prompt: they get no ontology IDs");
    bad(result, "assets.no_ontology_ids", a.isNullAt(2) ? 0 : a.getLong(2),
        "assets have text that maps to no ontology ID: add keywords to the ontology");
    write(w, GoldAssetTags.TABLE, assetTags, assets, result);

    // block tags
    ctx.progress().step("fit", "tagging blocks");
    List<BlockTagging.TaggedBlock> blocks = BlockTagging.tag(w.readOrEmpty(SilverActionBlocks.SPEC), tagger);
    result.count("blocks.tagged", blocks.size());
    bad(result, "blocks.no_text", blocks.stream().filter(b -> !b.hasText()).count(),
        "blocks have neither prompt nor tags: every asset fits them equally");
    bad(result, "blocks.no_ontology_ids", blocks.stream().filter(b -> b.hasText() && b.tags().ids().isEmpty()).count(),
        "blocks have text that maps to no ontology ID");
    bad(result, "blocks.unmapped_tags", blocks.stream().mapToLong(b -> b.tags().unmapped().size()).sum(),
        "block tags map to no ontology ID (kept in block_unmapped_tags)");

    // rated pairs
    ctx.progress().step("fit", "scoring rated pairs");
    Dataset<Row> fits = RatedFits.score(w.readOrEmpty(SilverBlockFitRatings.SPEC),
        BlockTagging.frame(ctx.spark(), blocks), assetTags, bScorer).persist(StorageLevel.MEMORY_AND_DISK());
    List<Row> byStatus = fits.groupBy(GoldBlockImageFits.STATUS).count().collectAsList();
    long ratings = 0;
    for (String status : GoldBlockImageFits.STATUSES) {
      long n = byStatus.stream().filter(r -> r.getString(0).equals(status)).mapToLong(r -> r.getLong(1)).sum();
      ratings += n;
      if (status.equals(GoldBlockImageFits.SCORED)) {
        result.count("ratings.scored", n);
      } else {
        bad(result, "ratings." + status, n, "ratings point at " + status.replace('_', ' ')
            + "s: kept in gold.block_image_fits with that status and no score");
      }
    }
    write(w, GoldBlockImageFits.TABLE, fits, ratings, result);

    // candidates
    ctx.progress().step("fit", "searching top " + config.topK() + " assets for " + blocks.size() + " blocks");
    List<FitCandidates.Block> search = new ArrayList<>();
    blocks.forEach(b -> search.add(new FitCandidates.Block(b.blockId(), b.tags().ids())));
    Dataset<Row> candidates = FitCandidates.topK(scorer, search, assetTags.select(
        col(GoldAssetTags.ASSET_ID).as(FitCandidates.ASSET_ID), col(GoldAssetTags.ONTOLOGY_IDS).as(FitCandidates.ONTOLOGY_IDS)),
        config.topK());
    result.count("candidates.pairs_scored", (long) blocks.size() * assets);
    w.overwrite(GoldBlockAssetCandidates.TABLE, candidates);
    long candidateRows = w.read(GoldBlockAssetCandidates.TABLE).count();
    result.table(GoldBlockAssetCandidates.TABLE, (long) blocks.size() * assets, candidateRows,
        w.version(GoldBlockAssetCandidates.TABLE));

    // calibration
    ctx.progress().step("fit", "calibrating against ratings");
    List<Calibration.Rated> rated = new ArrayList<>();
    for (Row r : fits.where(col(GoldBlockImageFits.STATUS).equalTo(GoldBlockImageFits.SCORED))
        .select(GoldBlockImageFits.BLOCK_ID, GoldBlockImageFits.ASSET_ID, GoldBlockImageFits.ROLE_IN_SEQUENCE,
            GoldBlockImageFits.USER_ID, GoldBlockImageFits.FIT_RATING, GoldBlockImageFits.HEURISTIC_SCORE,
            GoldBlockImageFits.BLOCK_TAGS_SNAPSHOT, GoldBlockImageFits.REQUIRED_MISSES, GoldBlockImageFits.CONFLICTS)
        .orderBy(GoldBlockImageFits.BLOCK_ID, GoldBlockImageFits.ASSET_ID, GoldBlockImageFits.USER_ID)
        .collectAsList()) {
      List<String> misses = new ArrayList<>(r.<String>getList(7));
      r.<String>getList(8).forEach(c -> misses.add(c.substring(0, c.indexOf('!'))));
      rated.add(new Calibration.Rated(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getInt(4),
          r.getDouble(5), r.getList(6), misses));
    }
    List<Row> groups = new ArrayList<>();
    for (Calibration.Group g : new Calibration(config.bootstrapSamples(), config.bootstrapSeed()).compute(rated, ontology)) {
      groups.add(row(g));
    }
    Dataset<Row> calibration = ctx.spark().createDataFrame(groups, GoldFitCalibration.SCHEMA);
    write(w, GoldFitCalibration.TABLE, calibration, rated.size(), result);
    fits.unpersist();
    assetTags.unpersist();
    return result;
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
    w.overwrite(table, data);
    result.table(table, rowsIn, w.read(table).count(), w.version(table));
  }
}

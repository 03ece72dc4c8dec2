package io.genlake.fit;

import static org.apache.spark.sql.functions.col;

import io.genlake.pipeline.RunContext;
import io.genlake.table.GoldAssetTags;
import io.genlake.table.GoldBlockAssetCandidates;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The candidate part of the fit step: a full search of every block over every asset, or, incrementally, a
 * full search only for the blocks that need one and a merge of the others' kept top K with their scores against
 * the re-tagged assets (see {@link FitIncrement}).
 */
final class FitSearch {
  /** The new gold.block_asset_candidates (empty when nothing changed) and the pairs scored to get it. */
  record Outcome(Optional<Dataset<Row>> candidates, long pairsScored) {}

  private FitSearch() {}

  static Outcome run(RunContext ctx, FitScorer scorer, List<BlockTagging.TaggedBlock> blocks, Dataset<Row> assetTags,
      long assets, int k, FitIncrement inc, Dataset<Row> oldCandidates) {
    Dataset<Row> all = assetTags.select(col(GoldAssetTags.ASSET_ID).as(FitCandidates.ASSET_ID),
        col(GoldAssetTags.ONTOLOGY_IDS).as(FitCandidates.ONTOLOGY_IDS));
    if (inc == null) {
      ctx.progress().step("fit", "searching top " + k + " assets for " + blocks.size() + " blocks");
      return new Outcome(Optional.of(FitCandidates.topK(scorer, search(blocks), all, k)), (long) blocks.size() * assets);
    }
    Set<String> again = inc.blocksToSearchAgain(oldCandidates);
    Set<String> had = FitIncrement.blocksWithCandidates(oldCandidates);
    List<BlockTagging.TaggedBlock> full = new ArrayList<>();
    List<BlockTagging.TaggedBlock> merge = new ArrayList<>();
    Set<String> current = new HashSet<>();
    for (BlockTagging.TaggedBlock b : blocks) {
      current.add(b.blockId());
      (again.contains(b.blockId()) || !had.contains(b.blockId()) ? full : merge).add(b);
    }
    Dataset<Row> changed = all.join(inc.assets, all.col(FitCandidates.ASSET_ID).equalTo(inc.assets.col(GoldAssetTags.ASSET_ID)),
        "left_semi");
    long retagged = changed.count();
    boolean blockDeleted = !current.containsAll(had);
    if (full.isEmpty() && retagged == 0 && !blockDeleted) {
      ctx.progress().step("fit", "candidates unchanged: no block and no asset changed");
      return new Outcome(Optional.empty(), 0);
    }
    ctx.progress().step("fit", "searching top " + k + " assets: " + full.size() + " changed blocks over all "
        + assets + " assets, " + merge.size() + " blocks over " + retagged + " changed assets");
    Dataset<Row> out = full.isEmpty() ? null : FitCandidates.topK(scorer, search(full), all, k);
    if (!merge.isEmpty()) {
      List<String> ids = merge.stream().map(BlockTagging.TaggedBlock::blockId).toList();
      Dataset<Row> fresh = FitCandidates.topK(scorer, search(merge), changed, k);
      Dataset<Row> merged = FitIncrement.mergeTopK(oldCandidates, ids, fresh, k);
      out = out == null ? merged : out.unionByName(merged);
    }
    if (out == null) {
      out = ctx.spark().createDataFrame(List.of(), GoldBlockAssetCandidates.SCHEMA);
    }
    return new Outcome(Optional.of(out), (long) full.size() * assets + (long) merge.size() * retagged);
  }

  private static List<FitCandidates.Block> search(List<BlockTagging.TaggedBlock> blocks) {
    List<FitCandidates.Block> out = new ArrayList<>();
    blocks.forEach(b -> out.add(new FitCandidates.Block(b.blockId(), b.tags().ids())));
    return out;
  }
}

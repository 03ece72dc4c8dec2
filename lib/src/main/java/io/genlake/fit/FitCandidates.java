package io.genlake.fit;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import io.genlake.ontology.Ontology;
import io.genlake.table.GoldBlockAssetCandidates;
import io.genlake.table.Fields;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The all-pairs candidate search behind {@code gold.block_asset_candidates}: for every block, the top K
 * assets by heuristic score, without materializing the block × asset cross join. Blocks (the smaller
 * side: thousands against hundreds of thousands of assets) are compiled once and broadcast; each asset
 * partition is decoded into one flat {@code long[]} of implied-parent-expanded bitsets sorted by asset_id,
 * then every block scans it in a tight Java loop keeping a bounded heap of its K best. Only K rows per
 * block and partition leave the loop; one shuffle of those (blocks × partitions × K rows) ranks them
 * globally, and the explanation is computed for the kept pairs only.
 */
public final class FitCandidates {
  /** Input columns: an asset id and its ontology IDs. */
  public static final String ASSET_ID = "asset_id";
  public static final String ONTOLOGY_IDS = "ontology_ids";

  private static final String BLOCK_INDEX = "block_index";
  private static final String SCORE = "score";
  private static final StructType LOCAL = Fields.schema(
      Fields.required(BLOCK_INDEX, DataTypes.IntegerType),
      Fields.required(ASSET_ID, DataTypes.StringType),
      Fields.required(SCORE, DataTypes.DoubleType),
      Fields.required(ONTOLOGY_IDS, Fields.STRINGS));

  /** A block to search for: its id and its ontology IDs. */
  public record Block(String blockId, List<String> ontologyIds) {}

  private FitCandidates() {}

  /**
   * The top {@code k} assets of every block in {@code blocks} among {@code assets} (columns
   * {@link #ASSET_ID}, {@link #ONTOLOGY_IDS}), as rows of {@link GoldBlockAssetCandidates#SCHEMA}.
   * Ties are broken by asset_id ascending. Cost: blocks × assets score evaluations, one shuffle of
   * blocks × partitions × k rows.
   */
  public static Dataset<Row> topK(FitScorer scorer, List<Block> blocks, Dataset<Row> assets, int k) {
    Ontology ontology = scorer.ontology();
    CompiledBlock[] compiled = new CompiledBlock[blocks.size()];
    String[] ids = new String[blocks.size()];
    for (int i = 0; i < compiled.length; i++) {
      compiled[i] = scorer.compile(ontology.encode(blocks.get(i).ontologyIds()));
      ids[i] = blocks.get(i).blockId();
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(assets.sparkSession().sparkContext());
    Broadcast<CompiledBlock[]> bBlocks = jsc.broadcast(compiled);
    Broadcast<String[]> bIds = jsc.broadcast(ids);
    Broadcast<FitScorer> bScorer = jsc.broadcast(scorer);

    MapPartitionsFunction<Row, Row> local = rows -> scorePartition(rows, bBlocks.value(),
        bScorer.value().ontology(), k);
    Dataset<Row> perPartition = assets.select(col(ASSET_ID), col(ONTOLOGY_IDS))
        .sortWithinPartitions(ASSET_ID)
        .mapPartitions(local, Encoders.row(LOCAL));
    Dataset<Row> ranked = perPartition
        .withColumn(GoldBlockAssetCandidates.RANK, row_number().over(
            Window.partitionBy(BLOCK_INDEX).orderBy(col(SCORE).desc(), col(ASSET_ID).asc())))
        .where(col(GoldBlockAssetCandidates.RANK).leq(k));
    MapPartitionsFunction<Row, Row> explain = rows -> explainPartition(rows, bBlocks.value(), bIds.value(),
        bScorer.value());
    return ranked.mapPartitions(explain, Encoders.row(GoldBlockAssetCandidates.SCHEMA));
  }

  /** Scores one partition's assets against every block; emits each block's local top k. */
  static Iterator<Row> scorePartition(Iterator<Row> rows, CompiledBlock[] blocks, Ontology ontology, int k) {
    int words = ontology.words();
    List<String> assetIds = new ArrayList<>();
    List<List<String>> assetTags = new ArrayList<>();
    long[] bits = new long[1024 * words];
    while (rows.hasNext()) {
      Row r = rows.next();
      List<String> tags = r.getList(1);
      long[] expanded = ontology.expand(ontology.encode(tags));
      int n = assetIds.size();
      if ((n + 1) * words > bits.length) {
        bits = java.util.Arrays.copyOf(bits, bits.length * 2);
      }
      System.arraycopy(expanded, 0, bits, n * words, words);
      assetIds.add(r.getString(0));
      assetTags.add(tags);
    }
    int n = assetIds.size();
    List<Row> out = new ArrayList<>();
    if (n == 0) {
      return out.iterator();
    }
    TopHeap heap = new TopHeap(k);
    for (int b = 0; b < blocks.length; b++) {
      heap.clear();
      blocks[b].scan(bits, n, heap);
      for (int j = 0; j < heap.size(); j++) {
        int a = heap.index(j);
        out.add(RowFactory.create(b, assetIds.get(a), heap.score(j), Seqs.of(assetTags.get(a))));
      }
    }
    return out.iterator();
  }

  private static Iterator<Row> explainPartition(Iterator<Row> rows, CompiledBlock[] blocks, String[] ids,
      FitScorer scorer) {
    Ontology ontology = scorer.ontology();
    List<Row> out = new ArrayList<>();
    while (rows.hasNext()) {
      Row r = rows.next();
      int b = r.getInt(0);
      List<String> tags = r.getList(3);
      FitResult f = scorer.explain(blocks[b], ontology.expand(ontology.encode(tags)));
      out.add(RowFactory.create(ids[b], r.getInt(4), r.getString(1), r.getDouble(2),
          Seqs.of(f.requiredMatches()), Seqs.of(f.requiredMisses()), Seqs.of(f.conflicts()), Seqs.of(f.softMatches()),
          Seqs.of(f.assetOntologyIds())));
    }
    return out.iterator();
  }
}

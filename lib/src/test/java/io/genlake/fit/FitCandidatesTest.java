package io.genlake.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.genlake.ontology.Ontology;
import io.genlake.testing.TestSpark;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class FitCandidatesTest {
  @Test
  void bitsetSearchReturnsExactlyTheTopKOfTheSqlCrossJoin() {
    SparkSession spark = TestSpark.session();
    Ontology ontology = Ontology.bundled();
    List<FitCandidates.Block> blocks = FitBenchmark.blocks(ontology, 40, 3);
    Dataset<Row> assets = FitBenchmark.assets(spark, ontology, 600, 3, 5).cache();
    List<String> fast = lines(FitCandidates.topK(new FitScorer(ontology), blocks, assets, 5)
        .select("block_id", "rank", "asset_id", "heuristic_score"));
    List<String> naive = lines(FitBenchmark.naiveTopK(spark, ontology, blocks, assets, 5));
    assertEquals(200, fast.size());
    assertEquals(naive, fast);
  }

  @Test
  void heapKeepsTheBestAndPrefersEarlierIndexesOnTies() {
    TopHeap heap = new TopHeap(3);
    double[] scores = {0.5, 0.9, 0.5, 0.7, 0.9, 0.1, 0.7};
    for (int i = 0; i < scores.length; i++) {
      if (scores[i] > heap.threshold()) {
        heap.offer(scores[i], i);
      }
    }
    java.util.TreeSet<Integer> kept = new java.util.TreeSet<>();
    for (int j = 0; j < heap.size(); j++) {
      kept.add(heap.index(j));
    }
    assertEquals(java.util.Set.of(1, 3, 4), kept);
  }

  private static List<String> lines(Dataset<Row> d) {
    return d.orderBy("block_id", "rank").collectAsList().stream()
        .map(r -> r.getString(0) + " " + r.getInt(1) + " " + r.getString(2) + " " + r.getDouble(3)).toList();
  }
}

package io.genlake.fit;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.row_number;

import io.genlake.ontology.Category;
import io.genlake.ontology.Ontology;
import io.genlake.ontology.Term;
import io.genlake.table.Fields;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Inputs and the reference implementation for {@code genlake bench fit}: synthetic blocks and assets with
 * random ontology tags, and the straightforward Spark SQL version of the candidate search (cross join,
 * score with array functions, rank with a window) that {@link FitCandidates} is measured against. Both
 * compute the same scores with the same floating-point operations in the same order.
 */
public final class FitBenchmark {
  /** Column of the expanded asset IDs the SQL version compares against. */
  public static final String EXPANDED_IDS = "expanded_ids";
  private static final StructType ASSETS = Fields.schema(
      Fields.required(FitCandidates.ASSET_ID, DataTypes.StringType),
      Fields.required(FitCandidates.ONTOLOGY_IDS, Fields.STRINGS),
      Fields.required(EXPANDED_IDS, Fields.STRINGS));
  private static final StructType REQUIRED = Fields.schema(
      Fields.required("id", DataTypes.StringType), Fields.required("w", DataTypes.DoubleType),
      Fields.required("cw", DataTypes.DoubleType), Fields.required("conflicts", Fields.STRINGS));
  private static final StructType SOFT = Fields.schema(
      Fields.required("w", DataTypes.DoubleType), Fields.required("ids", Fields.STRINGS));
  private static final StructType BLOCKS = Fields.schema(
      Fields.required("block_id", DataTypes.StringType),
      Fields.required("req", DataTypes.createArrayType(REQUIRED, false)),
      Fields.required("soft", DataTypes.createArrayType(SOFT, false)));
  /** The heuristic as one SQL expression over the block's req/soft arrays and the asset's expanded IDs. */
  private static final String SCORE_SQL = "greatest(0D, least(1D, aggregate(soft, aggregate(req, 1D, "
      + "(acc, r) -> acc - IF(array_contains(" + EXPANDED_IDS + ", r.id), 0D, "
      + "IF(arrays_overlap(" + EXPANDED_IDS + ", r.conflicts), r.cw, r.w))), "
      + "(acc, s) -> acc + s.w * size(array_intersect(" + EXPANDED_IDS + ", s.ids)))))";

  private FitBenchmark() {}

  /** {@code n} blocks with 1 to 6 random IDs each (seeded). */
  public static List<FitCandidates.Block> blocks(Ontology ontology, int n, long seed) {
    Random random = new Random(seed);
    List<FitCandidates.Block> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new FitCandidates.Block(String.format("b%07d", i), randomIds(ontology, random, 1 + random.nextInt(6))));
    }
    return out;
  }

  /** {@code n} assets with 1 to 8 random IDs each, generated on the executors in {@code partitions} slices. */
  public static Dataset<Row> assets(SparkSession spark, Ontology ontology, long n, int partitions, long seed) {
    MapPartitionsFunction<Long, Row> gen = ids -> generate(ids, ontology, seed);
    return spark.range(0, n, 1, partitions).as(Encoders.LONG()).mapPartitions(gen, Encoders.row(ASSETS));
  }

  private static Iterator<Row> generate(Iterator<Long> ids, Ontology ontology, long seed) {
    List<Row> out = new ArrayList<>();
    while (ids.hasNext()) {
      long id = ids.next();
      Random random = new Random(seed * 1_000_003L + id);
      List<String> tags = randomIds(ontology, random, 1 + random.nextInt(8));
      out.add(RowFactory.create(String.format("a%09d", id), Seqs.of(tags), Seqs.of(ontology.expand(tags))));
    }
    return out.iterator();
  }

  private static List<String> randomIds(Ontology ontology, Random random, int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = ontology.term(random.nextInt(ontology.size())).id();
      if (!ids.contains(id)) {
        ids.add(id);
      }
    }
    return ids;
  }

  /**
   * The straightforward version: blocks as rows of required/soft arrays, cross joined with the assets,
   * scored by {@link #SCORE_SQL}, ranked by a window over block_id. Cost: blocks × assets rows through the
   * join and a sort of them per block.
   */
  public static Dataset<Row> naiveTopK(SparkSession spark, Ontology ontology, List<FitCandidates.Block> blocks,
      Dataset<Row> assets, int k) {
    List<Row> rows = new ArrayList<>();
    for (FitCandidates.Block b : blocks) {
      List<Row> req = new ArrayList<>();
      List<Row> soft = new ArrayList<>();
      List<String> ids = ontology.decode(ontology.encode(b.ontologyIds()));
      for (String id : ids) {
        Term t = ontology.find(id).orElseThrow();
        Category c = ontology.categoryOf(t);
        if (c.required()) {
          req.add(RowFactory.create(id, c.weight(), c.conflictWeight(), ontology.decode(ontology.conflictBits(t.index()))));
        }
      }
      for (Category c : ontology.categories()) {
        List<String> inCategory = ids.stream().filter(id -> id.startsWith(c.prefix() + ":")).toList();
        if (!c.required() && !inCategory.isEmpty()) {
          soft.add(RowFactory.create(c.weight(), inCategory));
        }
      }
      rows.add(RowFactory.create(b.blockId(), req, soft));
    }
    Dataset<Row> blockFrame = spark.createDataFrame(rows, BLOCKS);
    return blockFrame.crossJoin(assets.select(FitCandidates.ASSET_ID, EXPANDED_IDS))
        .withColumn("score", expr(SCORE_SQL))
        .withColumn("rank", row_number().over(Window.partitionBy("block_id")
            .orderBy(col("score").desc(), col(FitCandidates.ASSET_ID).asc())))
        .where(col("rank").leq(k))
        .select("block_id", "rank", FitCandidates.ASSET_ID, "score");
  }
}

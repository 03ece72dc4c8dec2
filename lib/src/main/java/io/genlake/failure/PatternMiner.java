package io.genlake.failure;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * Mines failure patterns from outcome rows ({@link Outcomes#SCHEMA}): item supports and model baselines in
 * two small aggregations; items below min_occurrences are pruned (apriori, level 1: no combination containing
 * them can reach the support); then every outcome's combinations of up to k frequent items are counted per
 * partition in a primitive hash table ({@link ComboCounter}) and merged in ONE reduceByKey shuffle of at most
 * (distinct combinations × partitions) small records. Statistics and selection run on the driver over the
 * combinations that reach the support ({@link PatternSelection}). Never a cross join.
 */
final class PatternMiner {
  /** Mining parameters (failure section of the configuration, or the command line). */
  record Params(int minOccurrences, double failureThreshold, int maxItems, double alpha) {}

  /** What a mining run found and what it looked at. */
  record Result(List<MinedPattern> patterns, long outcomes, long frequentItems, long tested, long candidates,
      Map<String, PatternSelection.Baseline> baselines) {}

  private PatternMiner() {}

  static Result mine(Dataset<Row> outcomes, Params params) {
    Dataset<Row> slim = outcomes.select(col(Outcomes.MODEL), col(Outcomes.FAILED), col(Outcomes.FAILURE_CATEGORY),
        col(Outcomes.ITEMS));

    // baselines and failure categories: one small aggregation on (model, category)
    Map<String, long[]> base = new TreeMap<>();
    TreeSet<String> categorySet = new TreeSet<>();
    for (Row r : slim.groupBy(col(Outcomes.MODEL), col(Outcomes.FAILED), col(Outcomes.FAILURE_CATEGORY))
        .agg(count(lit(1))).collectAsList()) {
      long[] b = base.computeIfAbsent(r.getString(0), m -> new long[2]);
      b[0] += r.getLong(3);
      if (r.getBoolean(1)) {
        b[1] += r.getLong(3);
        categorySet.add(r.isNullAt(2) ? Outcomes.UNSPECIFIED : r.getString(2));
      }
    }
    Map<String, PatternSelection.Baseline> baselines = new TreeMap<>();
    long total = 0;
    for (Map.Entry<String, long[]> e : base.entrySet()) {
      baselines.put(e.getKey(), new PatternSelection.Baseline(e.getValue()[0], e.getValue()[1]));
      total += e.getValue()[0];
    }
    List<String> categories = List.copyOf(categorySet);

    // frequent items per model: one small aggregation on (model, item); ids in (model, item) order from 1
    List<Row> frequent = slim.select(col(Outcomes.MODEL), explode(col(Outcomes.ITEMS)).as("item"))
        .groupBy("model", "item").count()
        .filter(col("count").geq(params.minOccurrences()))
        .orderBy("model", "item")
        .collectAsList();
    HashMap<String, HashMap<String, Integer>> dictionary = new HashMap<>();
    List<String> itemOf = new ArrayList<>();
    List<String> modelOf = new ArrayList<>();
    itemOf.add(null);
    modelOf.add(null);
    for (Row r : frequent) {
      dictionary.computeIfAbsent(r.getString(0), m -> new HashMap<>()).put(r.getString(1), itemOf.size());
      itemOf.add(r.getString(1));
      modelOf.add(r.getString(0));
    }
    if (frequent.isEmpty()) {
      return new Result(List.of(), total, 0, 0, 0, baselines);
    }
    ItemCodec codec = new ItemCodec(frequent.size(), params.maxItems());
    HashMap<String, Integer> categoryIndex = new HashMap<>();
    for (int i = 0; i < categories.size(); i++) {
      categoryIndex.put(categories.get(i), i);
    }
    int categoryCount = categories.size();
    int minOccurrences = params.minOccurrences();

    // count combinations per partition, then one shuffle
    JavaPairRDD<Long, long[]> counts = slim.javaRDD().mapPartitionsToPair(rows -> {
      ComboCounter counter = new ComboCounter(categoryCount);
      int[] ids = new int[64];
      while (rows.hasNext()) {
        Row row = rows.next();
        Map<String, Integer> dict = dictionary.get(row.getString(0));
        if (dict == null) {
          continue;
        }
        int category = -1;
        if (row.getBoolean(1)) {
          category = categoryIndex.get(row.isNullAt(2) ? Outcomes.UNSPECIFIED : row.getString(2));
        }
        List<String> items = row.getList(3);
        int n = 0;
        for (String item : items) {
          Integer id = dict.get(item);
          if (id != null) {
            if (n == ids.length) {
              ids = Arrays.copyOf(ids, n * 2);
            }
            ids[n++] = id;
          }
        }
        Arrays.sort(ids, 0, n);
        int cat = category;
        codec.forEachCombination(ids, n, key -> counter.add(key, cat));
      }
      return counter.entries().iterator();
    }).reduceByKey(ComboCounter::sum).filter(t -> t._2()[0] >= minOccurrences);

    List<PatternSelection.Counted> counted = new ArrayList<>();
    for (Tuple2<Long, long[]> t : counts.collect()) {
      int[] ids = codec.unpack(t._1());
      List<String> items = new ArrayList<>(ids.length);
      for (int id : ids) {
        items.add(itemOf.get(id));
      }
      long[] v = t._2();
      counted.add(new PatternSelection.Counted(modelOf.get(ids[0]), items, v[0], v[1], Arrays.copyOfRange(v, 2, v.length)));
    }
    PatternSelection.Selection selection = PatternSelection.select(counted, baselines, categories,
        params.minOccurrences(), params.failureThreshold(), params.alpha());
    return new Result(selection.patterns(), total, frequent.size(), selection.tested(), selection.candidates(),
        baselines);
  }
}

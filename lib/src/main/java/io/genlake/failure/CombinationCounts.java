package io.genlake.failure;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.sum;

import io.genlake.table.GoldFailureCombinations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Counts, per model, every combination of 1 to k pattern items of weighted outcome rows (weight +1 for an outcome,
 * −1 for the old row of a changed one), as {@link GoldFailureCombinations} rows, plus each model's totals (size 0).
 * Item dictionary and totals in two small aggregations; combinations are enumerated per partition into a
 * primitive hash table ({@link ComboCounter}, keys packed by {@link ItemCodec}) and merged in ONE reduceByKey
 * shuffle of at most (distinct combinations × partitions) small records. Never a cross join. Combinations whose
 * counts all sum to 0 are dropped.
 */
final class CombinationCounts {
  /** The weight column of the input (int). */
  static final String WEIGHT = "_weight";

  private CombinationCounts() {}

  /**
   * The counts of {@code weighted} ({@link Outcomes} columns model, failed, failure_category, items and
   * {@link #WEIGHT}). Items whose support in the input is below {@code minItemSupport} are left out first (apriori,
   * level 1: no combination containing them can reach it); 1 keeps every item.
   */
  static Dataset<Row> count(SparkSession spark, Dataset<Row> weighted, int maxItems, long minItemSupport) {
    Dataset<Row> slim = weighted.select(col(Outcomes.MODEL), col(Outcomes.FAILED), col(Outcomes.FAILURE_CATEGORY),
        col(Outcomes.ITEMS), col(WEIGHT));

    // totals per model and the failure categories: one small aggregation on (model, failed, category)
    Map<String, long[]> totals = new TreeMap<>();
    Map<String, Map<String, Long>> totalCategories = new TreeMap<>();
    TreeSet<String> categorySet = new TreeSet<>();
    for (Row r : slim.groupBy(col(Outcomes.MODEL), col(Outcomes.FAILED), col(Outcomes.FAILURE_CATEGORY))
        .agg(sum(col(WEIGHT))).collectAsList()) {
      long w = r.getLong(3);
      long[] t = totals.computeIfAbsent(r.getString(0), m -> new long[2]);
      t[0] += w;
      if (r.getBoolean(1)) {
        t[1] += w;
        String category = r.isNullAt(2) ? Outcomes.UNSPECIFIED : r.getString(2);
        categorySet.add(category);
        totalCategories.computeIfAbsent(r.getString(0), m -> new TreeMap<>()).merge(category, w, Long::sum);
      }
    }
    List<Row> totalRows = new ArrayList<>();
    totals.forEach((model, t) -> {
      Map<String, Long> cats = nonZero(totalCategories.getOrDefault(model, Map.of()));
      if (t[0] != 0 || t[1] != 0 || !cats.isEmpty()) {
        totalRows.add(RowFactory.create(model, "", 0, t[0], t[1], cats));
      }
    });
    Dataset<Row> totalFrame = spark.createDataFrame(totalRows, GoldFailureCombinations.SCHEMA);
    List<String> categories = List.copyOf(categorySet);

    // item dictionary per model: ids in (model, item) order from 1
    Dataset<Row> pairs = slim.select(col(Outcomes.MODEL), explode(col(Outcomes.ITEMS)).as("item"), col(WEIGHT))
        .groupBy("model", "item").agg(sum(col(WEIGHT)).as("support"));
    if (minItemSupport > 1) {
      pairs = pairs.filter(col("support").geq(minItemSupport));
    }
    List<Row> items = pairs.orderBy("model", "item").collectAsList();
    if (items.isEmpty()) {
      return totalFrame;
    }
    HashMap<String, HashMap<String, Integer>> dictionary = new HashMap<>();
    String[] itemOf = new String[items.size() + 1];
    String[] modelOf = new String[items.size() + 1];
    for (int i = 0; i < items.size(); i++) {
      Row r = items.get(i);
      dictionary.computeIfAbsent(r.getString(0), m -> new HashMap<>()).put(r.getString(1), i + 1);
      itemOf[i + 1] = r.getString(1);
      modelOf[i + 1] = r.getString(0);
    }
    ItemCodec codec = new ItemCodec(items.size(), maxItems);
    HashMap<String, Integer> categoryIndex = new HashMap<>();
    for (int i = 0; i < categories.size(); i++) {
      categoryIndex.put(categories.get(i), i);
    }
    int categoryCount = categories.size();
    String[] categoryNames = categories.toArray(new String[0]);

    JavaRDD<Row> rows = slim.javaRDD().mapPartitionsToPair(it -> {
      ComboCounter counter = new ComboCounter(categoryCount);
      int[] ids = new int[64];
      while (it.hasNext()) {
        Row row = it.next();
        Map<String, Integer> dict = dictionary.get(row.getString(0));
        if (dict == null) {
          continue;
        }
        int category = -1;
        if (row.getBoolean(1)) {
          category = categoryIndex.get(row.isNullAt(2) ? Outcomes.UNSPECIFIED : row.getString(2));
        }
        int weight = row.getInt(4);
        List<String> list = row.getList(3);
        int n = 0;
        for (String item : list) {
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
        codec.forEachCombination(ids, n, key -> counter.add(key, cat, weight));
      }
      return counter.entries().iterator();
    }).reduceByKey(ComboCounter::sum).filter(t -> !allZero(t._2())).map(t -> {
      int[] ids = codec.unpack(t._1());
      String[] names = new String[ids.length];
      for (int i = 0; i < ids.length; i++) {
        names[i] = itemOf[ids[i]];
      }
      Arrays.sort(names);
      long[] v = t._2();
      Map<String, Long> cats = new LinkedHashMap<>();
      for (int i = 0; i < categoryNames.length; i++) {
        if (v[2 + i] != 0) {
          cats.put(categoryNames[i], v[2 + i]);
        }
      }
      // rows of an RDD are encoded by Spark's row encoder, which takes Scala maps only
      return RowFactory.create(modelOf[ids[0]], String.join(PatternSelection.KEY_SEPARATOR, names), ids.length, v[0],
          v[1], scala.collection.JavaConverters.mapAsScalaMap(cats));
    });
    return totalFrame.unionByName(spark.createDataFrame(rows, GoldFailureCombinations.SCHEMA));
  }

  private static boolean allZero(long[] v) {
    for (long x : v) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, Long> nonZero(Map<String, Long> m) {
    Map<String, Long> out = new LinkedHashMap<>();
    m.forEach((k, v) -> {
      if (v != 0) {
        out.put(k, v);
      }
    });
    return out;
  }
}

package io.genlake.failure;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sqrt;

import io.genlake.table.GoldFailureCombinations;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Failure patterns from combination counts ({@link GoldFailureCombinations} rows: the failure step's additive state,
 * or counts made on demand by {@link CombinationCounts}). The combinations that reach min_occurrences are collected
 * and tested on the driver ({@link PatternSelection}: exact binomial p-values against the model's baseline, BH
 * q-values, redundancy pruning); the {@value #NEAR_MISSES} combinations per model that came closest without
 * being candidates (highest Wilson lower bound of the failure rate) are kept as near misses with the thresholds
 * they missed, so an empty result still says what was looked at.
 */
final class PatternMiner {
  /** Near misses kept per model. */
  static final int NEAR_MISSES = 5;

  /** Mining parameters (failure section of the configuration, or the command line). */
  record Params(int minOccurrences, double failureThreshold, int maxItems, double alpha) {}

  /**
   * What a mining run found and what it looked at.
   *
   * @param patterns reported and redundant patterns, most failing first within each model
   * @param nearMisses the closest combinations that are not patterns, per model best first
   * @param counted combinations counted (any support)
   * @param tested combinations with support at least min_occurrences
   * @param perModel per model: {combinations counted, tested, significant, reported, redundant}
   */
  record Result(List<MinedPattern> patterns, List<MinedPattern> nearMisses, long outcomes, long frequentItems,
      long counted, long tested, long candidates, Map<String, PatternSelection.Baseline> baselines,
      Map<String, long[]> perModel) {}

  private PatternMiner() {}

  /**
   * Mines {@code outcomes} ({@link Outcomes} columns) on demand: counts their combinations (items below
   * min_occurrences pruned first), then selects. One aggregation for the dictionary, one for the totals, one
   * shuffle for the combinations, two small reads of the cached counts.
   */
  static Result mine(Dataset<Row> outcomes, Params params) {
    Dataset<Row> counts = CombinationCounts.count(outcomes.sparkSession(),
        outcomes.withColumn(CombinationCounts.WEIGHT, lit(1)), params.maxItems(), params.minOccurrences()).cache();
    try {
      return select(counts, params);
    } finally {
      counts.unpersist();
    }
  }

  /** Selects patterns and near misses from combination counts. */
  static Result select(Dataset<Row> counts, Params params) {
    Map<String, PatternSelection.Baseline> baselines = new TreeMap<>();
    TreeSet<String> categorySet = new TreeSet<>();
    long total = 0;
    for (Row r : counts.filter(col(GoldFailureCombinations.SIZE).equalTo(0)).collectAsList()) {
      baselines.put(r.getString(0), new PatternSelection.Baseline(r.getLong(3), r.getLong(4)));
      total += r.getLong(3);
      categorySet.addAll(r.<String, Long>getJavaMap(5).keySet());
    }
    List<String> categories = List.copyOf(categorySet);
    Dataset<Row> combos = counts.filter(col(GoldFailureCombinations.SIZE).geq(1));
    Map<String, long[]> perModel = new TreeMap<>();
    long counted = 0;
    for (Row r : combos.groupBy(col(GoldFailureCombinations.MODEL)).count().collectAsList()) {
      perModel.computeIfAbsent(r.getString(0), m -> new long[5])[0] = r.getLong(1);
      counted += r.getLong(1);
    }
    List<PatternSelection.Counted> tested = new ArrayList<>();
    long frequentItems = 0;
    for (Row r : combos.filter(col(GoldFailureCombinations.OUTCOMES).geq(params.minOccurrences())).collectAsList()) {
      tested.add(counted(r, categories));
      frequentItems += r.getInt(2) == 1 ? 1 : 0;
      perModel.computeIfAbsent(r.getString(0), m -> new long[5])[1]++;
    }
    PatternSelection.Selection selection = PatternSelection.select(tested, baselines, categories,
        params.minOccurrences(), params.failureThreshold(), params.alpha());
    Set<String> candidates = new HashSet<>();
    Map<String, Integer> candidatesPerModel = new TreeMap<>();
    for (MinedPattern p : selection.patterns()) {
      candidates.add(PatternSelection.lookupKey(p.model(), p.key()));
      candidatesPerModel.merge(p.model(), 1, Integer::sum);
      long[] m = perModel.computeIfAbsent(p.model(), x -> new long[5]);
      m[2]++;
      m[p.status() == MinedPattern.Status.REPORTED ? 3 : 4]++;
    }
    int reach = NEAR_MISSES + candidatesPerModel.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    List<MinedPattern> nearMisses = new ArrayList<>();
    Map<String, Integer> kept = new TreeMap<>();
    for (Row r : combos.filter(col(GoldFailureCombinations.FAILURES).gt(0).and(col(GoldFailureCombinations.OUTCOMES).gt(0)))
        .withColumn("_rank", row_number().over(Window.partitionBy(col(GoldFailureCombinations.MODEL))
            .orderBy(wilsonLow().desc(), col(GoldFailureCombinations.OUTCOMES).desc(),
                col(GoldFailureCombinations.PATTERN_KEY))))
        .filter(col("_rank").leq(reach)).orderBy(col(GoldFailureCombinations.MODEL), col("_rank")).collectAsList()) {
      String model = r.getString(0);
      if (candidates.contains(PatternSelection.lookupKey(model, r.getString(1)))
          || kept.getOrDefault(model, 0) >= NEAR_MISSES) {
        continue;
      }
      kept.merge(model, 1, Integer::sum);
      nearMisses.add(PatternSelection.nearMiss(counted(r, categories), baselines, categories, selection,
          params.minOccurrences(), params.failureThreshold(), params.alpha()));
    }
    return new Result(selection.patterns(), List.copyOf(nearMisses), total, frequentItems, counted,
        selection.tested(), selection.candidates(), baselines, perModel);
  }

  private static PatternSelection.Counted counted(Row r, List<String> categories) {
    Map<String, Long> byCategory = r.getJavaMap(5);
    long[] perCategory = new long[categories.size()];
    for (int i = 0; i < perCategory.length; i++) {
      perCategory[i] = byCategory.getOrDefault(categories.get(i), 0L);
    }
    return new PatternSelection.Counted(r.getString(0),
        List.of(r.getString(1).split(PatternSelection.KEY_SEPARATOR)), r.getLong(3), r.getLong(4), perCategory);
  }

  /** The Wilson 95% lower bound of failures / outcomes, as a Spark expression (the same formula as {@link Stats}). */
  private static Column wilsonLow() {
    Column n = col(GoldFailureCombinations.OUTCOMES).cast("double");
    Column p = col(GoldFailureCombinations.FAILURES).divide(n);
    double z2 = Stats.Z95 * Stats.Z95;
    Column half = lit(Stats.Z95).multiply(sqrt(p.multiply(lit(1).minus(p)).divide(n).plus(lit(z2 / 4).divide(n.multiply(n)))));
    return p.plus(lit(z2 / 2).divide(n)).minus(half).divide(lit(1).plus(lit(z2).divide(n)));
  }
}

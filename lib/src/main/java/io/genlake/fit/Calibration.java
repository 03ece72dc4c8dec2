package io.genlake.fit;

import io.genlake.ontology.Category;
import io.genlake.ontology.Ontology;
import io.genlake.table.GoldFitCalibration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Fit calibration (pure Java): how the heuristic agrees with 1–5 ratings overall, per role_in_sequence and
 * per ontology category; see {@link GoldFitCalibration} for the measures. Cost: O(groups × bootstrap × n), both
 * intervals of a group from one set of resamples ({@link CorrelationBootstrap}).
 */
final class Calibration {
  /** One scored rating; {@code requiredMisses} holds required block IDs absent or contradicted. */
  record Rated(String blockId, String assetId, String role, String userId, int rating, double score,
      List<String> blockIds, List<String> requiredMisses) {}

  /** One most frequent miss. */
  record Miss(String ontologyId, long pairs) {}

  /** One row of gold.fit_calibration; NaN stands for null. */
  record Group(String grouping, String value, long n, double spearman, Stats.Interval spearmanCi,
      double pearson, Stats.Interval pearsonCi, Double[] meanByDecile, long[] pairsByDecile, List<Miss> topMisses,
      double alpha, long multiRatedPairs) {}

  static final int MIN_PAIRS = 3;
  static final int TOP_MISSES = 5;

  private final int samples;
  private final long seed;

  Calibration(int samples, long seed) {
    this.samples = samples;
    this.seed = seed;
  }

  /**
   * All groups: overall, each role present, each ontology category some rated block uses. The groups' bootstraps
   * are independent (each from the same seed), so they run in parallel; the list keeps this order.
   */
  List<Group> compute(List<Rated> rated, Ontology ontology) {
    record Task(String grouping, String value, List<Rated> rs) {}
    List<Task> tasks = new ArrayList<>();
    tasks.add(new Task(GoldFitCalibration.ALL, GoldFitCalibration.ALL, rated));
    TreeMap<String, List<Rated>> byRole = new TreeMap<>();
    rated.forEach(r -> byRole.computeIfAbsent(r.role(), k -> new ArrayList<>()).add(r));
    byRole.forEach((role, rs) -> tasks.add(new Task(GoldFitCalibration.BY_ROLE, role, rs)));
    for (Category c : ontology.categories()) {
      String prefix = c.prefix() + ":";
      Predicate<Rated> uses = r -> r.blockIds().stream().anyMatch(id -> id.startsWith(prefix));
      List<Rated> rs = rated.stream().filter(uses).toList();
      if (!rs.isEmpty()) {
        tasks.add(new Task(GoldFitCalibration.BY_CATEGORY, c.name(), rs));
      }
    }
    return tasks.parallelStream().map(t -> group(t.grouping(), t.value(), t.rs())).toList();
  }

  Group group(String grouping, String value, List<Rated> rs) {
    double[] x = new double[rs.size()];
    double[] y = new double[rs.size()];
    Double[] mean = new Double[10];
    long[] count = new long[10];
    double[] sum = new double[10];
    Map<String, Long> misses = new HashMap<>();
    for (int i = 0; i < rs.size(); i++) {
      Rated r = rs.get(i);
      x[i] = r.score();
      y[i] = r.rating();
      int decile = decile(r.score());
      count[decile]++;
      sum[decile] += r.rating();
      if (r.rating() <= 2) {
        r.requiredMisses().forEach(m -> misses.merge(m, 1L, Long::sum));
      }
    }
    for (int d = 0; d < 10; d++) {
      mean[d] = count[d] == 0 ? null : sum[d] / count[d];
    }
    boolean enough = rs.size() >= MIN_PAIRS;
    double spearman = enough ? Stats.spearman(x, y) : Double.NaN;
    double pearson = enough ? Stats.pearson(x, y) : Double.NaN;
    Stats.Interval none = new Stats.Interval(Double.NaN, Double.NaN);
    CorrelationBootstrap.Intervals ci = enough && !(Double.isNaN(spearman) && Double.isNaN(pearson))
        ? new CorrelationBootstrap(x, y).intervals(samples, seed) : new CorrelationBootstrap.Intervals(none, none);
    Stats.Interval sCi = Double.isNaN(spearman) ? none : ci.spearman();
    Stats.Interval pCi = Double.isNaN(pearson) ? none : ci.pearson();
    List<Miss> top = misses.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(TOP_MISSES).map(e -> new Miss(e.getKey(), e.getValue())).toList();
    Map<String, List<Double>> units = new LinkedHashMap<>();
    for (Rated r : rs) {
      units.computeIfAbsent(r.blockId() + "\u0000" + r.assetId() + "\u0000" + r.role(), k -> new ArrayList<>())
          .add((double) r.rating());
    }
    List<double[]> multi = units.values().stream().filter(u -> u.size() >= 2)
        .map(u -> u.stream().mapToDouble(Double::doubleValue).toArray()).toList();
    double alpha = Stats.krippendorffAlpha(multi, Stats.Metric.ORDINAL);
    return new Group(grouping, value, rs.size(), spearman, sCi, pearson, pCi, mean, count, top, alpha, multi.size());
  }

  /** 0 for scores in [0, 0.1), ..., 9 for [0.9, 1.0]. */
  static int decile(double score) {
    return Math.max(0, Math.min(9, (int) Math.floor(score * 10 + 1e-9)));
  }
}

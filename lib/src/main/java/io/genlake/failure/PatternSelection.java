package io.genlake.failure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * From counted item combinations to the reported failure patterns, plain Java:
 * <ol>
 *   <li>every combination with support ≥ min_occurrences is tested: exact one-sided binomial p-value of its
 *       failures against its model's baseline rate;
 *   <li>Benjamini–Hochberg q-values over all tested combinations (all models, all sizes);
 *   <li>candidates: failure_rate ≥ failure_threshold and q ≤ alpha;
 *   <li>redundancy: a candidate P that contains smaller candidates S is tested against each of them
 *       (p = P(X ≥ failures_P | n_P, rate_S)); its largest such p-value, i.e. the subset that explains it
 *       best, is BH-adjusted over all candidates that have candidate subsets. P is redundant, explained by
 *       that S, unless the adjusted value is ≤ alpha: a superset is kept only when its failure rate is
 *       significantly above every smaller significant pattern inside it.
 * </ol>
 * Cost: O(tested · log tested) for the sorts, O(candidates · 2^k) subset look-ups.
 */
final class PatternSelection {
  /** One counted combination: its model, items (any order), sample count, failures and failures per category. */
  record Counted(String model, List<String> items, long n, long failures, long[] categoryFailures) {}

  /** A model's overall outcome and failure count. */
  record Baseline(long outcomes, long failures) {
    double rate() {
      return outcomes == 0 ? 0.0 : (double) failures / outcomes;
    }
  }

  /** The selection and how many combinations it tested; {@code tested} maps lookup keys to {p, q}. */
  record Selection(List<MinedPattern> patterns, long tested, long candidates, Map<String, double[]> testedValues) {}

  /** Joins the sorted items of a pattern key. */
  static final String KEY_SEPARATOR = " & ";

  private PatternSelection() {}

  static Selection select(List<Counted> counted, Map<String, Baseline> baselines, List<String> categories,
      int minOccurrences, double failureThreshold, double alpha) {
    List<Counted> tested = counted.stream().filter(c -> c.n() >= minOccurrences).toList();
    double[] p = new double[tested.size()];
    for (int i = 0; i < p.length; i++) {
      Counted c = tested.get(i);
      p[i] = Stats.binomialUpperTail(c.failures(), c.n(), baselines.get(c.model()).rate());
    }
    double[] q = Stats.benjaminiHochberg(p);

    Map<String, Integer> candidateIndex = new HashMap<>();
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < p.length; i++) {
      Counted c = tested.get(i);
      if ((double) c.failures() / c.n() >= failureThreshold && q[i] <= alpha) {
        candidateIndex.put(lookupKey(c.model(), sorted(c.items())), i);
        candidates.add(i);
      }
    }

    // redundancy: the best-explaining smaller candidate of each candidate, then BH over those tests
    List<Integer> withSubsets = new ArrayList<>();
    List<Double> subsetP = new ArrayList<>();
    Map<Integer, String> explainer = new HashMap<>();
    for (int i : candidates) {
      Counted c = tested.get(i);
      List<String> items = sorted(c.items());
      double worst = -1;
      String by = null;
      for (List<String> subset : properSubsets(items)) {
        Integer j = candidateIndex.get(lookupKey(c.model(), subset));
        if (j != null) {
          Counted s = tested.get(j);
          double ps = Stats.binomialUpperTail(c.failures(), c.n(), (double) s.failures() / s.n());
          if (ps > worst) {
            worst = ps;
            by = String.join(KEY_SEPARATOR, subset);
          }
        }
      }
      if (by != null) {
        withSubsets.add(i);
        subsetP.add(worst);
        explainer.put(i, by);
      }
    }
    double[] subsetQ = Stats.benjaminiHochberg(subsetP.stream().mapToDouble(Double::doubleValue).toArray());
    Map<Integer, Double> redundancyQ = new HashMap<>();
    for (int n = 0; n < withSubsets.size(); n++) {
      redundancyQ.put(withSubsets.get(n), subsetQ[n]);
    }

    List<MinedPattern> out = new ArrayList<>();
    for (int i : candidates) {
      Counted c = tested.get(i);
      boolean redundant = redundancyQ.containsKey(i) && redundancyQ.get(i) > alpha;
      out.add(toPattern(c, baselines.get(c.model()).rate(), p[i], q[i], categories,
          redundant ? MinedPattern.Status.REDUNDANT : MinedPattern.Status.REPORTED,
          redundant ? Optional.of(explainer.get(i)) : Optional.empty(), List.of()));
    }
    Map<String, double[]> testedValues = new HashMap<>();
    for (int i = 0; i < p.length; i++) {
      testedValues.put(lookupKey(tested.get(i).model(), sorted(tested.get(i).items())), new double[] {p[i], q[i]});
    }
    out.sort(Comparator.comparing(MinedPattern::model)
        .thenComparing(MinedPattern::status)
        .thenComparing(Comparator.comparingDouble(MinedPattern::failureRate).reversed())
        .thenComparing(MinedPattern::key));
    return new Selection(List.copyOf(out), tested.size(), candidates.size(), testedValues);
  }

  /**
   * A combination that is not a candidate, as a near miss: its statistics against the model's baseline (q from the
   * run's BH when it was tested, NaN when below min_occurrences) and the thresholds it missed.
   */
  static MinedPattern nearMiss(Counted c, Map<String, Baseline> baselines, List<String> categories,
      Selection selection, int minOccurrences, double failureThreshold, double alpha) {
    double baseline = baselines.containsKey(c.model()) ? baselines.get(c.model()).rate() : 0.0;
    double[] pq = selection.testedValues().get(lookupKey(c.model(), sorted(c.items())));
    double p = pq != null ? pq[0] : Stats.binomialUpperTail(c.failures(), c.n(), baseline);
    double q = pq != null ? pq[1] : Double.NaN;
    List<String> missed = new ArrayList<>();
    if (c.n() < minOccurrences) {
      missed.add(MinedPattern.MIN_OCCURRENCES);
    }
    if ((double) c.failures() / c.n() < failureThreshold) {
      missed.add(MinedPattern.FAILURE_THRESHOLD);
    }
    if (pq != null && q > alpha) {
      missed.add(MinedPattern.ALPHA);
    }
    return toPattern(c, baseline, p, q, categories, MinedPattern.Status.NEAR_MISS, Optional.empty(), missed);
  }

  /** The lookup key of a pattern: model and sorted items. */
  static String lookupKey(String model, String patternKey) {
    return lookupKey(model, sorted(List.of(patternKey.split(KEY_SEPARATOR))));
  }

  private static MinedPattern toPattern(Counted c, double baseline, double p, double q, List<String> categories,
      MinedPattern.Status status, Optional<String> explainedBy, List<String> missed) {
    List<String> items = sorted(c.items());
    Map<String, String> pattern = new TreeMap<>();
    for (String item : items) {
      int eq = item.indexOf('=');
      // several items of one dimension (an attempt's patterns used) join their values with a comma
      pattern.merge(eq < 0 ? item : item.substring(0, eq), eq < 0 ? "" : item.substring(eq + 1), (a, b) -> a + "," + b);
    }
    double rate = (double) c.failures() / c.n();
    Stats.Interval ci = Stats.wilson(c.failures(), c.n(), Stats.Z95);
    return new MinedPattern(c.model(), java.util.Collections.unmodifiableMap(new LinkedHashMap<>(pattern)),
        String.join(KEY_SEPARATOR, items), items.size(), c.n(), c.failures(), rate, baseline,
        baseline == 0 ? Double.POSITIVE_INFINITY : rate / baseline, ci.low(), ci.high(), p, q,
        commonCategory(c.categoryFailures(), categories), status, explainedBy, missed);
  }

  /** The category with most failures; ties go to the alphabetically first. Empty when nothing failed. */
  static Optional<String> commonCategory(long[] counts, List<String> categories) {
    int best = -1;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0 && (best < 0 || counts[i] > counts[best]
          || counts[i] == counts[best] && categories.get(i).compareTo(categories.get(best)) < 0)) {
        best = i;
      }
    }
    return best < 0 ? Optional.empty() : Optional.of(categories.get(best));
  }

  /** Every non-empty proper subset of {@code items}, each in the input order. */
  static List<List<String>> properSubsets(List<String> items) {
    List<List<String>> out = new ArrayList<>();
    int n = items.size();
    for (int mask = 1; mask < (1 << n) - 1; mask++) {
      List<String> subset = new ArrayList<>();
      for (int b = 0; b < n; b++) {
        if ((mask & (1 << b)) != 0) {
          subset.add(items.get(b));
        }
      }
      out.add(subset);
    }
    return out;
  }

  private static List<String> sorted(List<String> items) {
    String[] a = items.toArray(new String[0]);
    Arrays.sort(a);
    return List.of(a);
  }

  private static String lookupKey(String model, List<String> items) {
    return model + "\u0000" + String.join("\u0000", items);
  }
}

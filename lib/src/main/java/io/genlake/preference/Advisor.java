package io.genlake.preference;

import io.genlake.table.GoldParameterStats;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Advice beyond the checkpoint (seed 003 "future enhancements" 1 and 3), from the shared pool's statistics in the
 * prompt's contexts: its keywords and the recommended checkpoint.
 *
 * <ul>
 *   <li><b>LoRAs</b>: each LoRA seen in a context scores the average over the contexts of the seed score of
 *       (context, LoRA) (the prior for a context it was never used in); recommended when its score is above the
 *       prior and its evidence (decayed uses over the contexts) reaches {@code min_evidence}, best first. Its
 *       strength: the mean strength of the selected generations that used it, pooled over the contexts (weighted by
 *       observations), with their standard deviation; the rejected generations' mean shows the direction.
 *   <li><b>Numeric parameters</b> (steps, cfg_scale): the selected generations' mean and standard deviation, pooled
 *       over the contexts, when they hold at least {@code min_evidence} observations.
 *   <li><b>Sampler</b>: the sampler with the best seed score of its selected / used counts, pooled over the contexts.
 * </ul>
 * An observation is one generation in one context, so a generation counts once per keyword it has, and once for its
 * checkpoint. Pure Java; O(contexts x LoRAs) lookups.
 */
public final class Advisor implements Serializable {
  private static final long serialVersionUID = 1L;
  /** The numeric parameters advised. */
  public static final List<String> ADVISED = List.of(io.genlake.table.SilverGenerations.STEPS,
      io.genlake.table.SilverGenerations.CFG_SCALE);

  /** Where LoRA and parameter statistics come from (the serving snapshot, or a test). */
  public interface Stats {
    /** LoRAs used with prompts holding the keyword (shared pool). */
    List<LoraStats> lorasForKeyword(String keyword);

    /** LoRAs used with the checkpoint (shared pool). */
    List<LoraStats> lorasForCheckpoint(String checkpoint);

    /** Parameter statistics of a keyword ({@code keywordContext}) or a checkpoint. */
    List<ParameterStat> parameters(boolean keywordContext, String context);
  }

  /** A recommended LoRA: its score and evidence, and the strength advice (NaN when no selected use gave one). */
  public record LoraAdvice(String lora, double score, double evidence, long selected, long total, double strength,
      double strengthSd, long strengthEvidence, double rejectedStrength) {}

  /**
   * A parameter suggestion: a numeric one's value is its selected mean (rounded: steps to an integer, others to
   * 0.5), a sampler's its name with the seed score in {@code mean}; {@code evidence} = observations behind it.
   */
  public record ParameterAdvice(String parameter, String value, double mean, double sd, long evidence,
      double rejectedMean) {}

  /** Both kinds of advice for one prompt and checkpoint. */
  public record Advice(List<LoraAdvice> loras, List<ParameterAdvice> parameters) {}

  private final Scores scores;
  private final int maxLoras;

  public Advisor(Scores scores, int maxLoras) {
    this.scores = scores;
    this.maxLoras = maxLoras;
  }

  /** The advice for {@code keywords} with {@code checkpoint}. */
  public Advice advise(Stats stats, List<String> keywords, String checkpoint) {
    return new Advice(loras(stats, keywords, checkpoint), parameters(stats, keywords, checkpoint));
  }

  private List<LoraAdvice> loras(Stats stats, List<String> keywords, String checkpoint) {
    if (maxLoras == 0) {
      return List.of();
    }
    List<Map<String, LoraStats>> contexts = new ArrayList<>();
    for (String k : keywords) {
      contexts.add(byName(stats.lorasForKeyword(k)));
    }
    contexts.add(byName(stats.lorasForCheckpoint(checkpoint)));
    TreeSet<String> names = new TreeSet<>();
    contexts.forEach(c -> names.addAll(c.keySet()));
    List<LoraAdvice> out = new ArrayList<>();
    for (String name : names) {
      double sum = 0;
      double evidence = 0;
      long selected = 0;
      long total = 0;
      List<ValueStats> strengths = new ArrayList<>();
      for (Map<String, LoraStats> c : contexts) {
        LoraStats l = c.get(name);
        PairCounts p = l == null ? PairCounts.NONE : l.counts();
        sum += scores.seedScore(p.decayedSelected(), p.decayedTotal());
        evidence += p.decayedTotal();
        selected += p.selected();
        total += p.total();
        if (l != null) {
          strengths.add(l.strength());
        }
      }
      double score = sum / contexts.size();
      if (score <= scores.seedPrior() || evidence < scores.minEvidence()) {
        continue;
      }
      Pooled s = pool(strengths);
      out.add(new LoraAdvice(name, score, evidence, selected, total, s.selectedMean, Math.sqrt(s.selectedVariance),
          s.selected, s.rejectedMean));
    }
    out.sort(Comparator.comparingDouble(LoraAdvice::score).reversed().thenComparing(LoraAdvice::lora));
    return out.size() > maxLoras ? List.copyOf(out.subList(0, maxLoras)) : out;
  }

  private List<ParameterAdvice> parameters(Stats stats, List<String> keywords, String checkpoint) {
    Map<String, List<ValueStats>> numeric = new LinkedHashMap<>();
    Map<String, long[]> samplers = new LinkedHashMap<>();
    List<List<ParameterStat>> contexts = new ArrayList<>();
    keywords.forEach(k -> contexts.add(stats.parameters(true, k)));
    contexts.add(stats.parameters(false, checkpoint));
    for (List<ParameterStat> c : contexts) {
      for (ParameterStat p : c) {
        if (ADVISED.contains(p.parameter())) {
          numeric.computeIfAbsent(p.parameter(), x -> new ArrayList<>()).add(p.stats());
        } else if (p.parameter().equals(GoldParameterStats.SAMPLER)) {
          long[] n = samplers.computeIfAbsent(p.value(), x -> new long[2]);
          n[0] += p.stats().selected();
          n[1] += p.stats().selected() + p.stats().rejected();
        }
      }
    }
    List<ParameterAdvice> out = new ArrayList<>();
    for (String parameter : ADVISED) {
      Pooled s = pool(numeric.getOrDefault(parameter, List.of()));
      if (s.selected >= scores.minEvidence() && s.selected > 0) {
        double value = parameter.equals(io.genlake.table.SilverGenerations.STEPS) ? Math.round(s.selectedMean)
            : Math.round(s.selectedMean * 2) / 2.0;
        out.add(new ParameterAdvice(parameter, format(value), s.selectedMean, Math.sqrt(s.selectedVariance),
            s.selected, s.rejectedMean));
      }
    }
    String best = null;
    double bestScore = -1;
    long bestEvidence = 0;
    for (Map.Entry<String, long[]> e : new java.util.TreeMap<>(samplers).entrySet()) {
      double score = scores.seedScore(e.getValue()[0], e.getValue()[1]);
      if (e.getValue()[1] >= scores.minEvidence() && score > bestScore) {
        best = e.getKey();
        bestScore = score;
        bestEvidence = e.getValue()[1];
      }
    }
    if (best != null) {
      out.add(new ParameterAdvice(GoldParameterStats.SAMPLER, best, bestScore, Double.NaN, bestEvidence, Double.NaN));
    }
    return out;
  }

  private static String format(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static Map<String, LoraStats> byName(List<LoraStats> loras) {
    Map<String, LoraStats> out = new LinkedHashMap<>();
    loras.forEach(l -> out.put(l.lora(), l));
    return out;
  }

  /** Observation-weighted mean and pooled (within + between) population variance of several contexts' statistics. */
  private record Pooled(long selected, double selectedMean, double selectedVariance, double rejectedMean) {}

  private static Pooled pool(List<ValueStats> parts) {
    long n = 0;
    double sum = 0;
    double squares = 0;
    long rn = 0;
    double rsum = 0;
    for (ValueStats v : parts) {
      if (v.hasSelectedValues()) {
        n += v.selected();
        sum += v.selected() * v.selectedMean();
        squares += v.selected() * (v.selectedVariance() + v.selectedMean() * v.selectedMean());
      }
      if (v.rejected() > 0 && !Double.isNaN(v.rejectedMean())) {
        rn += v.rejected();
        rsum += v.rejected() * v.rejectedMean();
      }
    }
    double mean = n == 0 ? Double.NaN : sum / n;
    double variance = n == 0 ? Double.NaN : Math.max(0.0, squares / n - mean * mean);
    return new Pooled(n, mean, variance, rn == 0 ? Double.NaN : rsum / rn);
  }
}

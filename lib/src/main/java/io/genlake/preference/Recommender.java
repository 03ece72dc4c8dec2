package io.genlake.preference;

import io.genlake.config.PreferenceConfig.Ranking;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Ranks candidate checkpoints for a prompt's keywords (seed 003 "scoring algorithm"): each checkpoint's score is
 * the average over the keywords of the confidence-weighted score of (keyword, checkpoint); a pair never seen scores
 * the prior. The {@link Ranking} chooses the per-keyword score: the seed's (prior 0.5 blended with the rate, weight
 * n / (n + k)), or the Beta posterior mean; or the pick is one Thompson draw; or, for the lift, the checkpoint's
 * overall score moved by each keyword's log-odds lift (the seed formula around the overall score as prior). A user's own counts are blended over the
 * global score as prior, so a new user starts from the shared statistics (cold start). A prompt none of whose
 * keywords has statistics is ranked by each checkpoint's overall score (its shared totals). Confidence =
 * min(n / 100, 1), n = the recommended checkpoint's decayed events summed over the keywords; the mode follows it.
 * Pure Java; O(keywords x candidates) lookups, plus O(draws x candidates) with Thompson sampling.
 */
public final class Recommender implements Serializable {
  private static final long serialVersionUID = 2L;

  /** Where the counts come from (the serving snapshot, or a test). Counts are decayed to their scope's anchor. */
  public interface Stats {
    /** Global (sharing users) counts of (keyword, checkpoint). */
    PairCounts global(String keyword, String checkpoint);

    /** One user's counts of (keyword, checkpoint). */
    PairCounts user(String user, String keyword, String checkpoint);

    /** A checkpoint's shared counts whatever the prompt. */
    PairCounts checkpointTotals(String checkpoint);
  }

  /** Exploit the best only, exploit it plus a backup, or explore several. */
  public enum Mode {
    EXPLOIT, EXPLOIT_EXPLORE, EXPLORE;

    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '+');
    }
  }

  /** One candidate's score, the evidence behind it (decayed events over the keywords) and whether any was seen. */
  public record CheckpointScore(String checkpoint, double score, double evidence, boolean known) {}

  /**
   * What one keyword contributed to a checkpoint's score: its raw shared counts (and the user's), the decayed
   * events n behind it, the data's weight n / (n + k) against the prior, its score, and its contribution to the
   * checkpoint's score, (score - prior) / keywords.
   */
  public record KeywordDriver(String keyword, long selected, long total, long userSelected, long userTotal,
      double decayedTotal, double weight, double score, double contribution) {}

  /** The answer for one prompt; {@code unknownKeywords}: the prompt's keywords without any statistics. */
  public record Recommendation(
      List<String> keywords,
      List<String> unknownKeywords,
      String recommended,
      Mode mode,
      List<String> toTry,
      double confidence,
      List<CheckpointScore> ranking,
      Optional<String> thompsonChoice,
      Map<String, Double> choiceProbabilities) {}

  /** Thresholds, ranking and sampling settings. */
  public record Policy(double exploitConfidence, double exploreConfidence, int exploreCount, boolean thompson,
      int thompsonDraws, Ranking ranking) implements Serializable {
    private static final long serialVersionUID = 2L;

    /** The seed's bands, ranking and 1,000 Thompson draws when sampling. */
    public static Policy seed(boolean thompson) {
      return new Policy(0.7, 0.3, 3, thompson, 1000, Ranking.SEED);
    }

    /** The same policy ranking by {@code r}. */
    public Policy ranking(Ranking r) {
      return new Policy(exploitConfidence, exploreConfidence, exploreCount, thompson || r == Ranking.THOMPSON,
          thompsonDraws, r);
    }
  }

  private final Scores scores;
  private final Policy policy;

  public Recommender(Scores scores, Policy policy) {
    this.scores = scores;
    this.policy = policy;
  }

  /** The policy's ranking. */
  public Ranking ranking() {
    return policy.ranking();
  }

  /** The global-level score of one pair by the ranking's formula, around {@code prior} for the lift. */
  private double globalScore(PairCounts g, double prior) {
    return switch (policy.ranking()) {
      case BETA -> scores.betaMean(g.decayedSelected(), g.decayedRejected());
      case LIFT -> scores.seedScore(g.decayedSelected(), g.decayedTotal(), prior);
      default -> scores.seedScore(g.decayedSelected(), g.decayedTotal());
    };
  }

  /** A checkpoint's overall score from its shared totals (the prior when it has none). */
  private double overall(Stats stats, String checkpoint) {
    PairCounts t = stats.checkpointTotals(checkpoint);
    return t.decayedTotal() > 0 ? globalScore(t, scores.seedPrior()) : scores.seedPrior();
  }

  /** One keyword's score for a checkpoint: the shared score, then the user's own counts blended over it. */
  private double keywordScore(Stats stats, String keyword, String checkpoint, Optional<String> user, double overall) {
    double score = globalScore(stats.global(keyword, checkpoint), overall);
    if (user.isPresent()) {
      PairCounts u = stats.user(user.get(), keyword, checkpoint);
      score = scores.seedScore(u.decayedSelected(), u.decayedTotal(), score);
    }
    return score;
  }

  /** The decayed events behind one keyword's score (shared and the user's). */
  private static double evidence(Stats stats, String keyword, String checkpoint, Optional<String> user) {
    return stats.global(keyword, checkpoint).decayedTotal()
        + user.map(u -> stats.user(u, keyword, checkpoint).decayedTotal()).orElse(0.0);
  }

  private static double logit(double p) {
    double q = Math.min(1 - 1e-9, Math.max(1e-9, p));
    return Math.log(q / (1 - q));
  }

  /** The score of one checkpoint for the keywords (its overall score when no keyword has statistics). */
  public CheckpointScore score(Stats stats, List<String> keywords, String checkpoint, Optional<String> user) {
    return score(stats, keywords, checkpoint, user, unknown(stats, keywords, user).size() < keywords.size());
  }

  private CheckpointScore score(Stats stats, List<String> keywords, String checkpoint, Optional<String> user,
      boolean byKeyword) {
    double overall = overall(stats, checkpoint);
    if (!byKeyword) {
      return new CheckpointScore(checkpoint, overall, 0.0, false);
    }
    double sum = 0;
    double evidence = 0;
    for (String k : keywords) {
      double s = keywordScore(stats, k, checkpoint, user, overall);
      sum += policy.ranking() == Ranking.LIFT ? logit(s) - logit(overall) : s;
      evidence += evidence(stats, k, checkpoint, user);
    }
    double score = policy.ranking() == Ranking.LIFT ? 1 / (1 + Math.exp(-(logit(overall) + sum))) : sum / keywords.size();
    return new CheckpointScore(checkpoint, score, evidence, evidence > 0);
  }

  /** The keywords without any ranking statistics, shared or the user's (none when the source cannot tell). */
  private static List<String> unknown(Stats stats, List<String> keywords, Optional<String> user) {
    List<String> out = new ArrayList<>();
    if (stats instanceof KeywordIndex index) {
      keywords.stream().filter(k -> !index.knowsKeyword(k, user)).forEach(out::add);
    }
    return out;
  }

  /** Keyword lookups a source can answer without naming a checkpoint. */
  public interface KeywordIndex {
    /** Whether the keyword has ranking statistics, shared or (when given) the user's own. */
    boolean knowsKeyword(String keyword, Optional<String> user);
  }

  /**
   * The keywords that drove a checkpoint's score, largest contribution (either sign) first. The contribution is
   * {@code (score - prior) / keywords} for the averaging rankings, and the keyword's lift in log-odds,
   * {@code logit(score) - logit(overall)}, for {@link Ranking#LIFT}.
   */
  public List<KeywordDriver> explain(Stats stats, List<String> keywords, String checkpoint, Optional<String> user) {
    List<KeywordDriver> out = new ArrayList<>();
    double overall = overall(stats, checkpoint);
    for (String k : keywords) {
      PairCounts g = stats.global(k, checkpoint);
      PairCounts u = user.map(x -> stats.user(x, k, checkpoint)).orElse(PairCounts.NONE);
      double score = keywordScore(stats, k, checkpoint, user, overall);
      double n = evidence(stats, k, checkpoint, user);
      double contribution = policy.ranking() == Ranking.LIFT ? logit(score) - logit(overall)
          : (score - scores.seedPrior()) / keywords.size();
      out.add(new KeywordDriver(k, g.selected(), g.total(), u.selected(), u.total(), n,
          n / (n + scores.seedPriorWeight()), score, contribution));
    }
    out.sort(Comparator.comparingDouble((KeywordDriver d) -> -Math.abs(d.contribution()))
        .thenComparing(KeywordDriver::keyword));
    return out;
  }

  /**
   * Ranks {@code candidates} (at least one) for {@code keywords}; ties go to more evidence, then name order.
   * {@code seed} makes the Thompson draw reproducible.
   */
  public Recommendation recommend(Stats stats, List<String> keywords, List<String> candidates, Optional<String> user,
      long seed) {
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("No candidate checkpoints: name some with --checkpoints or configure "
          + "preference.checkpoint_pools.");
    }
    List<String> unknown = unknown(stats, keywords, user);
    boolean byKeyword = unknown.size() < keywords.size();
    List<CheckpointScore> ranking = new ArrayList<>();
    for (String c : candidates) {
      ranking.add(score(stats, keywords, c, user, byKeyword));
    }
    ranking.sort(Comparator.comparingDouble(CheckpointScore::score).reversed()
        .thenComparing(Comparator.comparingDouble(CheckpointScore::evidence).reversed())
        .thenComparing(CheckpointScore::checkpoint));
    Optional<String> choice = Optional.empty();
    Map<String, Double> probabilities = Map.of();
    if (policy.thompson()) {
      Thompson.Draw draw = Thompson.sample(arms(stats, keywords, ranking, user, byKeyword), policy.thompsonDraws(),
          seed);
      choice = Optional.of(draw.choice());
      probabilities = draw.probabilities();
    }
    String recommended = policy.ranking() == Ranking.THOMPSON ? choice.orElseThrow() : ranking.get(0).checkpoint();
    CheckpointScore best = ranking.stream().filter(c -> c.checkpoint().equals(recommended)).findFirst().orElseThrow();
    double confidence = Scores.confidence(best.evidence());
    Mode mode = confidence > policy.exploitConfidence() ? Mode.EXPLOIT
        : confidence >= policy.exploreConfidence() ? Mode.EXPLOIT_EXPLORE : Mode.EXPLORE;
    int tryCount = switch (mode) {
      case EXPLOIT -> 1;
      case EXPLOIT_EXPLORE -> 2;
      case EXPLORE -> policy.exploreCount();
    };
    List<String> toTry = new ArrayList<>();
    toTry.add(recommended);
    for (int i = 0; i < ranking.size() && toTry.size() < tryCount; i++) {
      if (!ranking.get(i).checkpoint().equals(recommended)) {
        toTry.add(ranking.get(i).checkpoint());
      }
    }
    return new Recommendation(List.copyOf(keywords), List.copyOf(unknown), recommended, mode, List.copyOf(toTry),
        confidence, List.copyOf(ranking), choice, probabilities);
  }

  /** One Beta arm per candidate from the decayed counts summed over the keywords (the totals when none is known). */
  private List<Thompson.Arm> arms(Stats stats, List<String> keywords, List<CheckpointScore> ranking,
      Optional<String> user, boolean byKeyword) {
    List<Thompson.Arm> arms = new ArrayList<>();
    for (CheckpointScore c : ranking) {
      double sel = 0;
      double rej = 0;
      if (!byKeyword) {
        PairCounts t = stats.checkpointTotals(c.checkpoint());
        sel = t.decayedSelected();
        rej = t.decayedRejected();
      }
      for (String k : byKeyword ? keywords : List.<String>of()) {
        PairCounts g = stats.global(k, c.checkpoint());
        sel += g.decayedSelected();
        rej += g.decayedRejected();
        if (user.isPresent()) {
          PairCounts u = stats.user(user.get(), k, c.checkpoint());
          sel += u.decayedSelected();
          rej += u.decayedRejected();
        }
      }
      arms.add(new Thompson.Arm(c.checkpoint(), scores.betaAlpha() + sel, scores.betaBeta() + rej));
    }
    return arms;
  }
}

package io.genlake.preference;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Ranks candidate checkpoints for a prompt's keywords (seed 003 "scoring algorithm"): each checkpoint's score
 * is the average over the keywords of the seed's confidence-weighted score of (keyword, checkpoint). A user's
 * own counts are blended over the global score as prior, so a new user starts from the global statistics (cold
 * start) and is personalized as their own events arrive. Confidence = min(n / 100, 1) with n the best
 * checkpoint's evidence over the keywords; the mode follows it. Pure Java; O(keywords x candidates) lookups,
 * plus O(draws x candidates) with Thompson sampling.
 */
public final class Recommender implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Where the counts come from (the serving snapshot, or a test map). */
  public interface Stats {
    /** Global (sharing users) counts of (keyword, checkpoint). */
    PairCounts global(String keyword, String checkpoint);

    /** One user's counts of (keyword, checkpoint). */
    PairCounts user(String user, String keyword, String checkpoint);
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

  /** The answer for one prompt. */
  public record Recommendation(
      List<String> keywords,
      String recommended,
      Mode mode,
      List<String> toTry,
      double confidence,
      List<CheckpointScore> ranking,
      Optional<String> thompsonChoice,
      Map<String, Double> choiceProbabilities) {}

  /** Thresholds and sampling settings. */
  public record Policy(double exploitConfidence, double exploreConfidence, int exploreCount, boolean thompson,
      int thompsonDraws) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  private final Scores scores;
  private final Policy policy;

  public Recommender(Scores scores, Policy policy) {
    this.scores = scores;
    this.policy = policy;
  }

  /** The score of one checkpoint for the keywords (prior when there are none). */
  public CheckpointScore score(Stats stats, List<String> keywords, String checkpoint, Optional<String> user) {
    if (keywords.isEmpty()) {
      return new CheckpointScore(checkpoint, scores.seedPrior(), 0.0, false);
    }
    double sum = 0;
    double evidence = 0;
    for (String k : keywords) {
      PairCounts g = stats.global(k, checkpoint);
      double score = scores.seedScore(g.decayedSelected(), g.decayedTotal());
      evidence += g.decayedTotal();
      if (user.isPresent()) {
        PairCounts u = stats.user(user.get(), k, checkpoint);
        score = scores.seedScore(u.decayedSelected(), u.decayedTotal(), score);
        evidence += u.decayedTotal();
      }
      sum += score;
    }
    return new CheckpointScore(checkpoint, sum / keywords.size(), evidence, evidence > 0);
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
    List<CheckpointScore> ranking = new ArrayList<>();
    for (String c : candidates) {
      ranking.add(score(stats, keywords, c, user));
    }
    ranking.sort(Comparator.comparingDouble(CheckpointScore::score).reversed()
        .thenComparing(Comparator.comparingDouble(CheckpointScore::evidence).reversed())
        .thenComparing(CheckpointScore::checkpoint));
    CheckpointScore best = ranking.get(0);
    double confidence = Scores.confidence(best.evidence());
    Mode mode = confidence > policy.exploitConfidence() ? Mode.EXPLOIT
        : confidence >= policy.exploreConfidence() ? Mode.EXPLOIT_EXPLORE : Mode.EXPLORE;
    int tryCount = switch (mode) {
      case EXPLOIT -> 1;
      case EXPLOIT_EXPLORE -> 2;
      case EXPLORE -> policy.exploreCount();
    };
    List<String> toTry = new ArrayList<>();
    for (int i = 0; i < Math.min(tryCount, ranking.size()); i++) {
      toTry.add(ranking.get(i).checkpoint());
    }
    Optional<String> choice = Optional.empty();
    Map<String, Double> probabilities = Map.of();
    if (policy.thompson()) {
      Thompson.Draw draw = Thompson.sample(arms(stats, keywords, ranking, user), policy.thompsonDraws(), seed);
      choice = Optional.of(draw.choice());
      probabilities = draw.probabilities();
    }
    return new Recommendation(List.copyOf(keywords), best.checkpoint(), mode, List.copyOf(toTry), confidence,
        List.copyOf(ranking), choice, probabilities);
  }

  /** One Beta arm per candidate from the decayed counts summed over the keywords. */
  private List<Thompson.Arm> arms(Stats stats, List<String> keywords, List<CheckpointScore> ranking,
      Optional<String> user) {
    List<Thompson.Arm> arms = new ArrayList<>();
    for (CheckpointScore c : ranking) {
      double sel = 0;
      double rej = 0;
      for (String k : keywords) {
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

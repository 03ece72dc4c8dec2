package io.genlake.preference;

import java.io.Serializable;

/**
 * Counts of one pair (e.g. keyword x checkpoint): raw selected and rejected, and their time-decayed sums.
 * Scores use the decayed sums, so old choices fade (seed 003 "temporal decay").
 */
public record PairCounts(long selected, long rejected, double decayedSelected, double decayedRejected)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** No observation. */
  public static final PairCounts NONE = new PairCounts(0, 0, 0.0, 0.0);

  /** Undecayed counts (decay weight 1), e.g. the seed's worked example. */
  public static PairCounts of(long selected, long total) {
    return new PairCounts(selected, total - selected, selected, total - selected);
  }

  public long total() {
    return selected + rejected;
  }

  public double decayedTotal() {
    return decayedSelected + decayedRejected;
  }
}

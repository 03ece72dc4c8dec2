package io.genlake.preference;

/**
 * The running sum of one pair while aggregating: raw selected and rejected counts and the decayed sums, kept as
 * of the newest event added ({@link Decay}'s stored form). Adding in any order gives the same result up to
 * rounding. Mutable; one per key in the aggregation loops.
 */
final class RunningSum {
  long selected;
  long rejected;
  double decayedSelected;
  double decayedRejected;
  /** Microseconds of the newest event added; meaningless while nothing was added. */
  long last;
  private boolean empty = true;

  /** Adds counts whose decayed sums are kept as of {@code atMicros}. */
  void add(long sel, long rej, double dsel, double drej, long atMicros, Decay decay) {
    selected += sel;
    rejected += rej;
    if (empty) {
      decayedSelected = dsel;
      decayedRejected = drej;
      last = atMicros;
      empty = false;
    } else if (atMicros > last) {
      double f = decay.factor(last, atMicros);
      decayedSelected = decayedSelected * f + dsel;
      decayedRejected = decayedRejected * f + drej;
      last = atMicros;
    } else {
      double f = decay.factor(atMicros, last);
      decayedSelected += dsel * f;
      decayedRejected += drej * f;
    }
  }

  /** Adds one event at {@code atMicros}. */
  void addEvent(boolean isSelected, long atMicros, Decay decay) {
    add(isSelected ? 1 : 0, isSelected ? 0 : 1, isSelected ? 1.0 : 0.0, isSelected ? 0.0 : 1.0, atMicros, decay);
  }
}

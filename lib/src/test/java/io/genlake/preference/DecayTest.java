package io.genlake.preference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The decay weight, its stored form (sums kept as of the pair's newest event) and their numeric range. */
class DecayTest {
  private static final long DAY = 86_400_000_000L;

  @Test
  void seedFormulaIsATimeConstantNotAHalfLife() {
    Decay seed = new Decay(30);
    // seed 003: age_weight = exp(-age_days / 30)
    assertEquals(1.0, seed.weight(0), 0.0);
    assertEquals(Math.exp(-1), seed.weight(30), 1e-15);
    assertEquals(Math.exp(-10.0 / 30), seed.weight(10), 1e-15);
    assertEquals(1.0, seed.weight(-5), 0.0);
    // its half-life is 30 ln 2 = 20.79 days, not the 30 days the seed's comment says
    assertEquals(20.794415416798358, seed.halfLifeDays(), 1e-12);
    assertEquals(0.5, seed.weight(seed.halfLifeDays()), 1e-15);
    Decay halfLife30 = Decay.ofHalfLife(30);
    assertEquals(30 / Math.log(2), halfLife30.timeConstantDays(), 1e-12);
    assertEquals(0.5, halfLife30.weight(30), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> new Decay(0));
  }

  @Test
  void mergingInAnyOrderGivesTheSumAsOfTheNewestEvent() {
    Decay d = new Decay(30);
    long t0 = PairStats.micros(Instant.parse("2025-01-01T00:00:00Z"));
    long[] times = {t0 + 40 * DAY, t0, t0 + 10 * DAY + 3_600_000_000L, t0 + 40 * DAY};
    RunningSum forward = new RunningSum();
    RunningSum backward = new RunningSum();
    for (int i = 0; i < times.length; i++) {
      forward.addEvent(true, times[i], d);
      backward.addEvent(true, times[times.length - 1 - i], d);
    }
    double expected = 1 + Math.exp(-40.0 / 30) + Math.exp(-(30 - 1.0 / 24) / 30) + 1;
    assertEquals(expected, forward.decayedSelected, 1e-12);
    assertEquals(expected, backward.decayedSelected, 1e-12);
    assertEquals(t0 + 40 * DAY, forward.last);
    assertEquals(4, forward.selected);
    // two stored sums merge to the same as adding every event
    assertEquals(expected, d.merge(2.0, t0 + 40 * DAY, 1 + Math.exp(-(10 + 1.0 / 24) / 30), t0 + 10 * DAY
        + 3_600_000_000L), 1e-12);
  }

  @Test
  void dataSpanningCenturiesWithAShortHalfLifeNeitherOverflowsNorLosesTheNewestEvents() {
    // a one-hour half-life over 300 years: exp(age / tau) of a fixed reference would be exp(1.8 million)
    Decay d = Decay.ofHalfLife(1.0 / 24);
    long first = PairStats.micros(Instant.parse("1800-01-01T00:00:00Z"));
    long last = PairStats.micros(Instant.parse("2100-01-01T00:00:00Z"));
    RunningSum s = new RunningSum();
    s.addEvent(false, first, d);
    for (int i = 0; i < 1000; i++) {
      s.addEvent(true, first + (last - first) / 1000 * i, d);
    }
    s.addEvent(true, last, d);
    s.addEvent(false, last - 3_600_000_000L, d); // one half-life before the newest
    assertEquals(last, s.last);
    assertTrue(Double.isFinite(s.decayedSelected) && Double.isFinite(s.decayedRejected));
    // the newest selection weighs 1, the 1,000 spread over three centuries (at least 109 days apart) nothing
    assertEquals(1.0, s.decayedSelected, 1e-12);
    assertEquals(0.5, s.decayedRejected, 1e-12);
    // read a year after the newest event: a finite, tiny factor, never NaN
    double f = d.factor(last, last + 365 * DAY);
    assertEquals(0.0, f, 0.0);
    assertEquals(1.0, d.factor(last, last), 0.0);
    // and pairs whose own newest event is old keep their full weight relative to it
    RunningSum old = new RunningSum();
    old.addEvent(true, first, d);
    old.addEvent(true, first, d);
    assertEquals(2.0, old.decayedSelected, 0.0);
  }
}

package io.genlake.failure;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Readable trends from daily counts, plain Java: per series, one row per day and one per period of
 * {@code periodDays} days (aligned on Mondays: 7 gives ISO weeks), empty periods inside the series' range included
 * with no rate. Each rate carries its 95% Wilson interval; a period with fewer than {@code minOutcomes} outcomes is
 * unreliable. Each reliable period is compared with the previous one when that one is reliable too: the change is
 * {@code up} or {@code down} when Newcombe's 95% interval of the difference of failure rates excludes 0, else
 * {@code none}. Cost: linear in days × series.
 */
final class Trends {
  static final String DAY = "day";
  static final String UP = "up";
  static final String DOWN = "down";
  static final String NONE = "none";
  /** Epoch day of Monday 1970-01-05: periods start on days congruent to it. */
  private static final long MONDAY = 4;

  private Trends() {}

  /** A series: a source's dimension value. */
  record Series(String source, String dimension, String value) {}

  /** One day's counts of a series. */
  record Day(Series series, LocalDate day, long outcomes, long failures) {}

  /** One trend row ({@code gold.daily_trends}). */
  record Row(String period, LocalDate start, Series series, long outcomes, long failures, Optional<Double> failureRate,
      Optional<Stats.Interval> interval, boolean reliable, Optional<String> change,
      Optional<Stats.Interval> changeInterval) {}

  /** The label of a period of {@code days} days: day, week, or {@code <n>d}. */
  static String label(int days) {
    return days == 1 ? DAY : days == 7 ? "week" : days + "d";
  }

  /** The first day of the period of {@code days} days that holds {@code day}. */
  static LocalDate periodStart(LocalDate day, int days) {
    long e = day.toEpochDay() - MONDAY;
    return LocalDate.ofEpochDay(Math.floorDiv(e, days) * days + MONDAY);
  }

  /**
   * Day rows (no change) and, when {@code periodDays} &gt; 1, period rows with changes, for every series of
   * {@code days}; series in order of source, dimension, value.
   */
  static List<Row> of(List<Day> days, int periodDays, long minOutcomes) {
    Map<Series, TreeMap<LocalDate, long[]>> bySeries = new TreeMap<>(
        java.util.Comparator.comparing(Series::source).thenComparing(Series::dimension).thenComparing(Series::value));
    for (Day d : days) {
      long[] c = bySeries.computeIfAbsent(d.series(), s -> new TreeMap<>()).computeIfAbsent(d.day(), x -> new long[2]);
      c[0] += d.outcomes();
      c[1] += d.failures();
    }
    List<Row> out = new ArrayList<>();
    bySeries.forEach((series, daily) -> {
      out.addAll(rows(series, daily, 1, minOutcomes, false));
      if (periodDays > 1) {
        out.addAll(rows(series, daily, periodDays, minOutcomes, true));
      }
    });
    return out;
  }

  private static List<Row> rows(Series series, TreeMap<LocalDate, long[]> daily, int periodDays, long minOutcomes,
      boolean compare) {
    TreeMap<LocalDate, long[]> periods = new TreeMap<>();
    daily.forEach((day, c) -> {
      long[] p = periods.computeIfAbsent(periodStart(day, periodDays), x -> new long[2]);
      p[0] += c[0];
      p[1] += c[1];
    });
    List<Row> out = new ArrayList<>();
    long[] previous = null;
    for (LocalDate start = periods.firstKey(); !start.isAfter(periods.lastKey()); start = start.plusDays(periodDays)) {
      long[] c = periods.getOrDefault(start, new long[2]);
      boolean reliable = c[0] >= minOutcomes && c[0] > 0;
      Optional<Double> rate = c[0] == 0 ? Optional.empty() : Optional.of((double) c[1] / c[0]);
      Optional<Stats.Interval> ci = c[0] == 0 ? Optional.empty() : Optional.of(Stats.wilson(c[1], c[0], Stats.Z95));
      Optional<String> change = Optional.empty();
      Optional<Stats.Interval> changeCi = Optional.empty();
      if (compare && reliable && previous != null && previous[0] >= minOutcomes && previous[0] > 0) {
        Stats.Interval d = Stats.differenceInterval(previous[1], previous[0], c[1], c[0], Stats.Z95);
        changeCi = Optional.of(d);
        change = Optional.of(d.low() > 0 ? UP : d.high() < 0 ? DOWN : NONE);
      }
      out.add(new Row(label(periodDays), start, series, c[0], c[1], rate, ci, reliable, change, changeCi));
      previous = c;
    }
    return out;
  }

  /** Outcomes and failures of {@code series} over the {@code days} days ending at {@code last} (inclusive). */
  static long[] window(List<Day> days, Series series, LocalDate last, int length) {
    LocalDate first = last.minusDays(length - 1L);
    long[] c = new long[2];
    for (Day d : days) {
      if (d.series().equals(series) && !d.day().isBefore(first) && !d.day().isAfter(last)) {
        c[0] += d.outcomes();
        c[1] += d.failures();
      }
    }
    return c;
  }
}

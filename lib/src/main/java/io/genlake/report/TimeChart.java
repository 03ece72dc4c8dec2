package io.genlake.report;

import java.time.LocalDate;
import java.util.List;
import java.util.OptionalDouble;

/**
 * What a time-series chart shows: one line per series over periods (days, weeks), each point with its n.
 * Periods without a value are gaps, never zeros; points with n below {@link #minN()} are drawn as faded,
 * unconnected markers, so only well-supported points form lines. Values must lie inside the axis range.
 *
 * @param id identifier, unique in its page ({@code [a-z0-9-]+})
 * @param title chart title
 * @param valueAxis the value axis and its fixed range
 * @param period what one point covers, e.g. {@code "day"} or {@code "week"} (UTC)
 * @param nName what n counts, plural
 * @param minN points with n below it are faded and not joined
 * @param lines the series, in legend order
 */
public record TimeChart(String id, String title, Axis valueAxis, String period, String nName, int minN,
    List<Line> lines) {

  /** One series. */
  public record Line(String name, List<Point> points) {
    /** Copies the points. */
    public Line {
      points = List.copyOf(points);
    }
  }

  /**
   * One period of a series.
   *
   * @param start first day of the period
   * @param n sample size
   * @param value value in axis units; empty for a period without data
   */
  public record Point(LocalDate start, long n, OptionalDouble value) {}

  /** Checks the id, that there is something to draw and that every value lies inside the axis range. */
  public TimeChart {
    if (id == null || !id.matches("[a-z0-9-]+")) {
      throw new IllegalArgumentException("Chart id '" + id + "' must match [a-z0-9-]+.");
    }
    lines = List.copyOf(lines);
    if (lines.stream().allMatch(l -> l.points().stream().allMatch(p -> p.value().isEmpty()))) {
      throw new IllegalArgumentException("Chart " + id + " has no values: leave the chart out instead.");
    }
    for (Line l : lines) {
      for (Point p : l.points()) {
        if (p.value().isPresent() && !valueAxis.contains(p.value().getAsDouble())) {
          throw new IllegalArgumentException("Chart " + id + ": " + l.name() + " on " + p.start() + " has value "
              + p.value().getAsDouble() + ", outside the axis range " + valueAxis.min() + " to " + valueAxis.max() + ".");
        }
      }
    }
  }

  /** A chart with the default minimum n ({@link Charts#MIN_N}). */
  public static TimeChart of(String id, String title, Axis valueAxis, String period, String nName, List<Line> lines) {
    return new TimeChart(id, title, valueAxis, period, nName, Charts.MIN_N, lines);
  }
}

package io.genlake.report;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a category bar chart shows, as plain values: the same object draws the PNG ({@link Charts#bar}) and is
 * embedded in the page as JSON, so tests and tools read exactly what was drawn. Every bar carries its sample
 * size n; an interval, when given, is drawn as computed (low and high separately, never symmetrised), and a
 * reference value (e.g. a baseline) as a marker. Values and intervals must lie inside the axis range: a chart
 * that would have to clip them is refused rather than drawn wrong.
 *
 * @param id identifier, unique in its page ({@code [a-z0-9-]+}); the figure's element id is {@code chart-<id>}
 * @param title chart title
 * @param categoryAxis what the categories are, e.g. {@code "material category"}
 * @param valueAxis the value axis and its fixed range
 * @param nName what n counts, plural, e.g. {@code "attempts"}
 * @param minN bars with n below it are drawn grey and called too few to compare
 * @param intervalName what the whiskers are, e.g. {@code "95% Wilson interval"}; required when a bar has one
 * @param referenceName what the marker is, e.g. {@code "model baseline"}; required when a bar has one
 * @param bars the bars, in display order
 */
public record BarChart(String id, String title, String categoryAxis, Axis valueAxis, String nName, int minN,
    Optional<String> intervalName, Optional<String> referenceName, List<Bar> bars) {

  /** A closed interval in axis units. */
  public record Interval(double low, double high) {
    /** Checks the bounds are finite and ordered. */
    public Interval {
      if (!Double.isFinite(low) || !Double.isFinite(high) || low > high) {
        throw new IllegalArgumentException("An interval needs finite bounds with low <= high, got [" + low + ", "
            + high + "].");
      }
    }
  }

  /**
   * One category.
   *
   * @param label category name as in the page's table
   * @param n sample size behind the value
   * @param value bar height in axis units; empty when there is nothing to show (e.g. n = 0)
   * @param interval whiskers, in axis units
   * @param reference marker value, in axis units
   */
  public record Bar(String label, long n, OptionalDouble value, Optional<Interval> interval, OptionalDouble reference) {
    /** A bar of {@code value} over {@code n} observations. */
    public static Bar of(String label, long n, double value) {
      return new Bar(label, n, OptionalDouble.of(value), Optional.empty(), OptionalDouble.empty());
    }

    /** A category with nothing to draw (its label and n are still shown). */
    public static Bar empty(String label, long n) {
      return new Bar(label, n, OptionalDouble.empty(), Optional.empty(), OptionalDouble.empty());
    }

    /** This bar with whiskers from {@code low} to {@code high}. */
    public Bar withInterval(double low, double high) {
      return new Bar(label, n, value, Optional.of(new Interval(low, high)), reference);
    }

    /** This bar with a reference marker at {@code v}. */
    public Bar withReference(double v) {
      return new Bar(label, n, value, interval, OptionalDouble.of(v));
    }
  }

  /** Checks ids, names and that every value lies inside the axis range. */
  public BarChart {
    if (id == null || !id.matches("[a-z0-9-]+")) {
      throw new IllegalArgumentException("Chart id '" + id + "' must match [a-z0-9-]+.");
    }
    if (bars.stream().allMatch(b -> b.value().isEmpty())) {
      throw new IllegalArgumentException("Chart " + id + " has no bar with a value: leave the chart out instead.");
    }
    bars = List.copyOf(bars);
    for (Bar b : bars) {
      b.value().ifPresent(v -> inside(id, valueAxis, b.label() + " value", v));
      b.reference().ifPresent(v -> inside(id, valueAxis, b.label() + " reference", v));
      b.interval().ifPresent(i -> {
        inside(id, valueAxis, b.label() + " interval low", i.low());
        inside(id, valueAxis, b.label() + " interval high", i.high());
      });
      if (b.interval().isPresent() && intervalName.isEmpty()) {
        throw new IllegalArgumentException("Chart " + id + " draws intervals: name them (intervalName).");
      }
      if (b.reference().isPresent() && referenceName.isEmpty()) {
        throw new IllegalArgumentException("Chart " + id + " draws reference markers: name them (referenceName).");
      }
    }
  }

  /** Starts a chart with the default minimum n ({@link Charts#MIN_N}), no intervals and no reference markers. */
  public static Builder builder(String id, String title) {
    return new Builder(id, title);
  }

  /** Collects a chart's parts; {@link #build()} checks them. */
  public static final class Builder {
    private final String id;
    private final String title;
    private String categoryAxis = "";
    private Axis valueAxis;
    private String nName = "observations";
    private int minN = Charts.MIN_N;
    private Optional<String> intervalName = Optional.empty();
    private Optional<String> referenceName = Optional.empty();
    private List<Bar> bars = List.of();

    private Builder(String id, String title) {
      this.id = id;
      this.title = title;
    }

    /** What the categories are, and what their n counts (plural). */
    public Builder categories(String axisTitle, String countedName) {
      this.categoryAxis = axisTitle;
      this.nName = countedName;
      return this;
    }

    /** The value axis. */
    public Builder values(Axis axis) {
      this.valueAxis = axis;
      return this;
    }

    /** Bars with n below {@code n} are grey. */
    public Builder minN(int n) {
      this.minN = n;
      return this;
    }

    /** What the whiskers are. */
    public Builder intervals(String name) {
      this.intervalName = Optional.of(name);
      return this;
    }

    /** What the reference markers are. */
    public Builder reference(String name) {
      this.referenceName = Optional.of(name);
      return this;
    }

    /** The bars, in display order. */
    public Builder bars(List<Bar> list) {
      this.bars = list;
      return this;
    }

    /** The checked chart. */
    public BarChart build() {
      if (valueAxis == null) {
        throw new IllegalArgumentException("Chart " + id + " needs a value axis.");
      }
      return new BarChart(id, title, categoryAxis, valueAxis, nName, minN, intervalName, referenceName, bars);
    }
  }

  /** True when the bar's n is below {@link #minN()}: drawn grey. */
  public boolean uncertain(Bar b) {
    return b.n() < minN;
  }

  private static void inside(String id, Axis axis, String what, double v) {
    if (!axis.contains(v)) {
      throw new IllegalArgumentException("Chart " + id + ": " + what + " " + v + " is outside the axis range "
          + axis.min() + " to " + axis.max() + " of '" + axis.title() + "'.");
    }
  }
}

package io.genlake.report;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a chart of categories shows, as plain values: the same object draws the PNG ({@link Charts#category}) and
 * is embedded in the page as JSON, so tests and tools read exactly what was drawn. Every category carries its
 * sample size n; an interval, when given, is drawn as computed (low and high separately, never symmetrised), and
 * a reference value (e.g. a baseline) as a marker. Values are bars when the axis starts at a true zero of the
 * quantity, dots otherwise (a bar's length would mean nothing on a 1–5 rating axis). Values and intervals must
 * lie inside the axis range: a chart that would have to clip them is refused rather than drawn wrong.
 *
 * @param id identifier, unique in its page ({@code [a-z0-9-]+}); the figure's element id is {@code chart-<id>}
 * @param title chart title
 * @param categoryAxis what the categories are, e.g. {@code "material category"}
 * @param valueAxis the value axis and its fixed range
 * @param mark bars or dots
 * @param nName what n counts, plural, e.g. {@code "attempts"}
 * @param minN categories with n below it are drawn grey and called too few to compare
 * @param intervalName what the whiskers are, e.g. {@code "95% Wilson interval"}; required when one is drawn
 * @param referenceName what the markers are, e.g. {@code "model baseline"}; required when one is drawn
 * @param categories the categories, in display order
 */
public record CategoryPlot(String id, String title, String categoryAxis, Axis valueAxis, Mark mark, String nName,
    int minN, Optional<String> intervalName, Optional<String> referenceName, List<Category> categories) {

  /** How values are drawn. */
  public enum Mark {
    /** Bars from the axis minimum, which must be the quantity's zero (a rate, a count). */
    BAR,
    /** Dots, for scales without a meaningful zero (ratings). */
    DOT
  }

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
   * @param value the value in axis units; empty when there is nothing to show (e.g. n = 0)
   * @param interval whiskers, in axis units
   * @param reference marker value, in axis units
   */
  public record Category(String label, long n, OptionalDouble value, Optional<Interval> interval,
      OptionalDouble reference) {
    /** A category with {@code value} over {@code n} observations. */
    public static Category of(String label, long n, double value) {
      return new Category(label, n, OptionalDouble.of(value), Optional.empty(), OptionalDouble.empty());
    }

    /** A category with nothing to draw (its label and n are still shown). */
    public static Category empty(String label, long n) {
      return new Category(label, n, OptionalDouble.empty(), Optional.empty(), OptionalDouble.empty());
    }

    /** This category with whiskers from {@code low} to {@code high}. */
    public Category withInterval(double low, double high) {
      return new Category(label, n, value, Optional.of(new Interval(low, high)), reference);
    }

    /** This category with a reference marker at {@code v}. */
    public Category withReference(double v) {
      return new Category(label, n, value, interval, OptionalDouble.of(v));
    }
  }

  /** Checks the id, names, and that every value lies inside the axis range. */
  public CategoryPlot {
    if (id == null || !id.matches("[a-z0-9-]+")) {
      throw new IllegalArgumentException("Chart id '" + id + "' must match [a-z0-9-]+.");
    }
    categories = List.copyOf(categories);
    if (categories.stream().allMatch(c -> c.value().isEmpty())) {
      throw new IllegalArgumentException("Chart " + id + " has no category with a value: leave the chart out instead.");
    }
    for (Category c : categories) {
      c.value().ifPresent(v -> inside(id, valueAxis, c.label() + " value", v));
      c.reference().ifPresent(v -> inside(id, valueAxis, c.label() + " reference", v));
      c.interval().ifPresent(i -> {
        inside(id, valueAxis, c.label() + " interval low", i.low());
        inside(id, valueAxis, c.label() + " interval high", i.high());
      });
      if (c.interval().isPresent() && intervalName.isEmpty()) {
        throw new IllegalArgumentException("Chart " + id + " draws intervals: name them (intervalName).");
      }
      if (c.reference().isPresent() && referenceName.isEmpty()) {
        throw new IllegalArgumentException("Chart " + id + " draws reference markers: name them (referenceName).");
      }
    }
  }

  /** Starts a bar chart with the default minimum n ({@link Charts#MIN_N}), no intervals and no reference markers. */
  public static Builder builder(String id, String title) {
    return new Builder(id, title);
  }

  /** True when the category's n is below {@link #minN()}: drawn grey. */
  public boolean uncertain(Category c) {
    return c.n() < minN;
  }

  /** Collects a chart's parts; {@link #build()} checks them. */
  public static final class Builder {
    private final String id;
    private final String title;
    private String categoryAxis = "";
    private Axis valueAxis;
    private Mark mark = Mark.BAR;
    private String nName = "observations";
    private int minN = Charts.MIN_N;
    private Optional<String> intervalName = Optional.empty();
    private Optional<String> referenceName = Optional.empty();
    private List<Category> categories = List.of();

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

    /** Draw values as dots (for scales without a true zero). */
    public Builder dots() {
      this.mark = Mark.DOT;
      return this;
    }

    /** Categories with n below {@code n} are grey. */
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

    /** The categories, in display order. */
    public Builder of(List<Category> list) {
      this.categories = list;
      return this;
    }

    /** The checked chart. */
    public CategoryPlot build() {
      if (valueAxis == null) {
        throw new IllegalArgumentException("Chart " + id + " needs a value axis.");
      }
      return new CategoryPlot(id, title, categoryAxis, valueAxis, mark, nName, minN, intervalName, referenceName,
          categories);
    }
  }

  private static void inside(String id, Axis axis, String what, double v) {
    if (!axis.contains(v)) {
      throw new IllegalArgumentException("Chart " + id + ": " + what + " " + v + " is outside the axis range "
          + axis.min() + " to " + axis.max() + " of '" + axis.title() + "'.");
    }
  }
}

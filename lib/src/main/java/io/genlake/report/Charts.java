package io.genlake.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;

/**
 * Draws report charts (XChart, headless) as {@link Figure}s with the rules that keep them honest built in:
 * fixed value ranges, n beside every bar, intervals drawn as computed, small samples greyed or faded, gaps
 * for periods without data, readable labels, legends under the plot. Cost: one PNG encoding per chart.
 */
public final class Charts {
  /**
   * Default minimum n: categories and points with fewer observations are drawn grey or faded. Below 10 a 95%
   * interval of a proportion spans about ±30 percentage points or more, too wide to compare categories.
   */
  public static final int MIN_N = 10;

  private Charts() {}

  /** Draws a category chart {@code width} pixels wide (wider, and taller, when its labels need the room). */
  public static Figure category(CategoryPlot spec, int width) {
    CategoryPlotRenderer.Rendered r = CategoryPlotRenderer.render(spec, width);
    CategoryChart c = r.chart();
    return new Figure(spec.id(), spec.title(), spec.title() + ": " + alt(spec), caption(spec), ChartStyle.dataUri(c),
        c.getWidth(), c.getHeight(), ChartJson.category(spec, r.tickLabels()));
  }

  /** Draws a time-series chart {@code width} pixels wide. */
  public static Figure time(TimeChart spec, int width) {
    XYChart c = TimeChartRenderer.render(spec, width);
    String caption = "One point per " + spec.period() + " and series; " + spec.period() + "s without "
        + spec.nName() + " are gaps. Faded, unjoined points rest on fewer than " + spec.minN() + " " + spec.nName()
        + ": too few to read as a trend.";
    return new Figure(spec.id(), spec.title(), spec.title() + ": " + spec.lines().size() + " series",
        caption, ChartStyle.dataUri(c), c.getWidth(), c.getHeight(), ChartJson.time(spec));
  }

  private static String caption(CategoryPlot spec) {
    List<String> parts = new ArrayList<>();
    parts.add("Each label gives n, the number of " + spec.nName() + ".");
    if (spec.categories().stream().anyMatch(c -> c.interval().isPresent())) {
      parts.add("Whiskers: " + spec.intervalName().orElseThrow() + ".");
    }
    if (spec.categories().stream().anyMatch(c -> c.reference().isPresent())) {
      parts.add("Diamonds: " + spec.referenceName().orElseThrow() + ".");
    }
    if (spec.categories().stream().anyMatch(c -> c.value().isPresent() && spec.uncertain(c))) {
      parts.add("Grey " + (spec.mark() == CategoryPlot.Mark.BAR ? "bars" : "dots") + " rest on fewer than " + spec.minN()
          + " " + spec.nName() + ": too few to compare.");
    }
    if (spec.categories().stream().anyMatch(c -> c.value().isEmpty())) {
      parts.add("Categories without a " + (spec.mark() == CategoryPlot.Mark.BAR ? "bar" : "dot") + " have no value.");
    }
    return String.join(" ", parts);
  }

  private static String alt(CategoryPlot spec) {
    List<String> parts = new ArrayList<>();
    for (CategoryPlot.Category c : spec.categories()) {
      String v = c.value().isPresent() ? num(c.value()) : "no value";
      String i = c.interval().map(x -> String.format(Locale.ROOT, " [%.3g, %.3g]", x.low(), x.high())).orElse("");
      parts.add(c.label() + " " + v + i + " (n=" + c.n() + ")");
    }
    return String.join("; ", parts);
  }

  private static String num(OptionalDouble v) {
    return String.format(Locale.ROOT, "%.3g", v.getAsDouble());
  }
}

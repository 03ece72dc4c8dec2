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
   * Default minimum n: bars and points with fewer observations are drawn grey or faded. Below 10 a 95%
   * interval of a proportion spans about ±30 percentage points or more, too wide to compare categories.
   */
  public static final int MIN_N = 10;

  private Charts() {}

  /** Draws a bar chart {@code width} pixels wide (wider, and taller, when its labels need the room). */
  public static Figure bar(BarChart spec, int width) {
    BarChartRenderer.Rendered r = BarChartRenderer.render(spec, width);
    CategoryChart c = r.chart();
    return new Figure(spec.id(), spec.title(), spec.title() + ": " + barAlt(spec), barCaption(spec), ChartStyle.dataUri(c),
        c.getWidth(), c.getHeight(), ChartJson.bar(spec, r.tickLabels()));
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

  private static String barCaption(BarChart spec) {
    List<String> parts = new ArrayList<>();
    parts.add("Each label gives n, the number of " + spec.nName() + ".");
    spec.intervalName().ifPresent(i -> parts.add("Whiskers: " + i + "."));
    spec.referenceName().ifPresent(r -> parts.add("Diamonds: " + r + "."));
    if (spec.bars().stream().anyMatch(b -> b.value().isPresent() && spec.uncertain(b))) {
      parts.add("Grey bars rest on fewer than " + spec.minN() + " " + spec.nName() + ": too few to compare.");
    }
    if (spec.bars().stream().anyMatch(b -> b.value().isEmpty())) {
      parts.add("Categories without a bar have no value.");
    }
    return String.join(" ", parts);
  }

  private static String barAlt(BarChart spec) {
    List<String> parts = new ArrayList<>();
    for (BarChart.Bar b : spec.bars()) {
      String v = b.value().isPresent() ? num(b.value()) : "no value";
      String i = b.interval().map(x -> String.format(Locale.ROOT, " [%.3g, %.3g]", x.low(), x.high())).orElse("");
      parts.add(b.label() + " " + v + i + " (n=" + b.n() + ")");
    }
    return String.join("; ", parts);
  }

  private static String num(OptionalDouble v) {
    return String.format(Locale.ROOT, "%.3g", v.getAsDouble());
  }
}

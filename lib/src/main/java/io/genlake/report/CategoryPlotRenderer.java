package io.genlake.report;

import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a {@link CategoryPlot} with XChart. Category labels carry n ("glass (n=4)"), are cut to
 * {@value #MAX_LABEL} characters, and turn 45° when they would not fit side by side (the chart grows taller,
 * or wider when even turned labels would touch). Values are bars or dots ({@link CategoryPlot.Mark}); those
 * with n below the minimum are a separate grey series.
 * XChart's error bars are symmetric about their series' value, so the intervals are their own invisible
 * series, centred on each interval with half its width as error: the whisker runs exactly from low to high.
 */
final class CategoryPlotRenderer {
  /** Longest category label drawn; longer ones end in "…" (the page's table has the full name). */
  static final int MAX_LABEL = 24;
  static final int HEIGHT = 340;
  /** Room taken left and right of the plot by the value axis and margins. */
  static final int SIDE_ROOM = 110;
  static final int ROTATION = 45;

  /** The chart and the tick labels it draws. */
  record Rendered(CategoryChart chart, List<String> tickLabels) {}

  private CategoryPlotRenderer() {}

  static Rendered render(CategoryPlot spec, int width) {
    List<String> ticks = tickLabels(spec);
    Font font = ChartStyle.TICK_FONT;
    double widest = ticks.stream().mapToDouble(t -> ChartStyle.width(t, font)).max().orElse(0);
    double line = ChartStyle.lineHeight(font);
    double slot = (double) (width - SIDE_ROOM) / ticks.size();
    boolean rotate = widest + 10 > slot;
    int w = width;
    int h = HEIGHT;
    if (rotate) {
      double minSlot = line * 1.6; // turned labels one line apart, with a gap
      if (slot < minSlot) {
        w = (int) Math.ceil(minSlot * ticks.size()) + SIDE_ROOM;
      }
      h += (int) Math.ceil(widest * Math.sin(Math.toRadians(ROTATION)) + line);
    }
    boolean legend = legendEntries(spec) > 1;
    if (legend) {
      h += 30;
    }
    CategoryChart c = new CategoryChartBuilder().width(w).height(h).title(spec.title()).xAxisTitle(spec.categoryAxis())
        .yAxisTitle(spec.valueAxis().title()).build();
    CategoryStyler s = c.getStyler();
    ChartStyle.apply(s);
    s.setOverlapped(true);
    s.setAvailableSpaceFill(0.7);
    s.setYAxisMin(spec.valueAxis().min()).setYAxisMax(spec.valueAxis().max());
    s.setLegendVisible(legend);
    s.setErrorBarsColor(ChartStyle.WHISKER);
    s.setMarkerSize(10);
    if (rotate) {
      s.setXAxisLabelRotation(ROTATION);
      s.setXAxisLabelAlignment(AxesChartStyler.TextAlignment.Right);
    }
    addSeries(c, spec, ticks);
    return new Rendered(c, ticks);
  }

  /** "label (n=…)", labels cut to {@value #MAX_LABEL} characters unless cutting would make two alike. */
  static List<String> tickLabels(CategoryPlot spec) {
    List<String> cut = new ArrayList<>();
    for (CategoryPlot.Category c : spec.categories()) {
      cut.add(c.label().length() <= MAX_LABEL ? c.label() : c.label().substring(0, MAX_LABEL - 1) + "…");
    }
    Set<String> distinct = new HashSet<>(cut);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < cut.size(); i++) {
      CategoryPlot.Category c = spec.categories().get(i);
      String name = distinct.size() == cut.size() ? cut.get(i) : c.label();
      out.add(name + String.format(Locale.ROOT, " (n=%,d)", c.n()));
    }
    return out;
  }

  private static int legendEntries(CategoryPlot spec) {
    boolean solid = spec.categories().stream().anyMatch(c -> c.value().isPresent() && !spec.uncertain(c));
    boolean grey = spec.categories().stream().anyMatch(c -> c.value().isPresent() && spec.uncertain(c));
    boolean reference = spec.categories().stream().anyMatch(c -> c.reference().isPresent());
    return (solid ? 1 : 0) + (grey ? 1 : 0) + (reference ? 1 : 0);
  }

  private static void addSeries(CategoryChart chart, CategoryPlot spec, List<String> ticks) {
    List<Double> solid = new ArrayList<>();
    List<Double> grey = new ArrayList<>();
    List<Double> reference = new ArrayList<>();
    List<Double> centre = new ArrayList<>();
    List<Double> half = new ArrayList<>();
    boolean dots = spec.mark() == CategoryPlot.Mark.DOT;
    for (CategoryPlot.Category c : spec.categories()) {
      // bars skip null; dots (scatter) skip NaN
      Double none = dots ? Double.valueOf(Double.NaN) : null;
      Double v = c.value().isPresent() ? Double.valueOf(c.value().getAsDouble()) : none;
      solid.add(spec.uncertain(c) ? none : v);
      grey.add(spec.uncertain(c) ? v : none);
      reference.add(c.reference().isPresent() ? c.reference().getAsDouble() : Double.NaN);
      // NaN: XChart's error bars need a number per category, and Java2D draws nothing at NaN
      centre.add(c.interval().map(i -> (i.low() + i.high()) / 2).orElse(Double.NaN));
      half.add(c.interval().map(i -> (i.high() - i.low()) / 2).orElse(Double.NaN));
    }
    String n = spec.nName();
    if (spec.categories().stream().anyMatch(c -> c.value().isPresent() && !spec.uncertain(c))) {
      values(chart.addSeries("n ≥ " + spec.minN() + " " + n, ticks, solid), dots, ChartStyle.SOLID);
    }
    if (spec.categories().stream().anyMatch(c -> c.value().isPresent() && spec.uncertain(c))) {
      values(chart.addSeries("n < " + spec.minN() + " " + n + " (too few to compare)", ticks, grey), dots,
          ChartStyle.UNCERTAIN);
    }
    if (spec.categories().stream().anyMatch(c -> c.reference().isPresent())) {
      CategorySeries r = chart.addSeries(spec.referenceName().orElseThrow(), ticks, reference);
      r.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
      r.setMarker(SeriesMarkers.DIAMOND);
      r.setMarkerColor(ChartStyle.REFERENCE);
    }
    if (spec.categories().stream().anyMatch(c -> c.interval().isPresent())) {
      CategorySeries i = chart.addSeries(spec.intervalName().orElseThrow(), ticks, centre, half);
      i.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
      i.setMarker(SeriesMarkers.NONE);
      i.setShowInLegend(false);
    }
  }

  private static void values(CategorySeries s, boolean dots, Color colour) {
    if (dots) {
      s.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
      s.setMarker(SeriesMarkers.CIRCLE);
      s.setMarkerColor(colour);
    } else {
      s.setFillColor(colour);
    }
  }
}

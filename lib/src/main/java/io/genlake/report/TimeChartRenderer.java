package io.genlake.report;

import java.awt.Color;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a {@link TimeChart} with XChart. Each series is two XChart series of one colour: points with n at
 * least the minimum, joined by a line that breaks at every other period (NaN), and points with fewer, faded
 * and unjoined (not in the legend). Colours come from a colour-blind-safe palette and markers differ too, so
 * a series is told apart without colour. Dates are labelled "MMM d" with the year in the axis title, or
 * "yyyy-MM-dd" when the data spans years.
 */
final class TimeChartRenderer {
  static final int HEIGHT = 380;
  private static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND, SeriesMarkers.SQUARE,
      SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS};

  private TimeChartRenderer() {}

  static XYChart render(TimeChart spec, int width) {
    int firstYear = Integer.MAX_VALUE;
    int lastYear = Integer.MIN_VALUE;
    for (TimeChart.Line l : spec.lines()) {
      for (TimeChart.Point p : l.points()) {
        firstYear = Math.min(firstYear, p.start().getYear());
        lastYear = Math.max(lastYear, p.start().getYear());
      }
    }
    boolean oneYear = firstYear == lastYear;
    int legendRows = (int) Math.ceil(spec.lines().size() / 3.0);
    XYChart c = new XYChartBuilder().width(width).height(HEIGHT + 22 * legendRows).title(spec.title())
        .xAxisTitle(spec.period() + " (UTC" + (oneYear ? ", " + firstYear : "") + ")")
        .yAxisTitle(spec.valueAxis().title()).build();
    XYStyler s = c.getStyler();
    ChartStyle.apply(s);
    s.setYAxisMin(spec.valueAxis().min()).setYAxisMax(spec.valueAxis().max());
    s.setDatePattern(oneYear ? "MMM d" : "yyyy-MM-dd");
    s.setMarkerSize(7);
    for (int i = 0; i < spec.lines().size(); i++) {
      TimeChart.Line l = spec.lines().get(i);
      Color colour = ChartStyle.PALETTE[i % ChartStyle.PALETTE.length];
      Marker marker = MARKERS[i % MARKERS.length];
      List<Date> x = new ArrayList<>();
      List<Double> solid = new ArrayList<>();
      List<Double> faded = new ArrayList<>();
      for (TimeChart.Point p : l.points()) {
        x.add(date(p.start()));
        double v = p.value().isPresent() ? p.value().getAsDouble() : Double.NaN;
        boolean few = p.n() < spec.minN();
        solid.add(few ? Double.NaN : v);
        faded.add(few ? v : Double.NaN);
      }
      XYSeries main = c.addSeries(l.name(), x, solid);
      main.setLineColor(colour);
      main.setMarkerColor(colour);
      main.setMarker(marker);
      XYSeries few = c.addSeries(l.name() + " (n < " + spec.minN() + ")", x, faded);
      few.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      few.setMarkerColor(ChartStyle.faded(colour));
      few.setMarker(marker);
      few.setShowInLegend(false);
    }
    return c;
  }

  private static Date date(LocalDate d) {
    return java.sql.Date.valueOf(d);
  }
}

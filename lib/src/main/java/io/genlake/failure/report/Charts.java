package io.genlake.failure.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;

/** The report's charts as PNG data URIs (XChart, headless). A chart without data is absent, not empty. */
final class Charts {
  static final int WIDTH = 720;
  static final int HEIGHT = 360;

  private Charts() {}

  /** Title to data URI, in display order. */
  static Map<String, String> render(ReportData d) {
    System.setProperty("java.awt.headless", "true");
    Map<String, String> out = new LinkedHashMap<>();
    if (!d.byCategory().isEmpty()) {
      CategoryChart c = bar("Pass rate by material category", "category", "pass rate (%)");
      c.addSeries("pass rate", d.byCategory().stream().map(ReportData.CategoryLine::name).toList(),
          d.byCategory().stream().map(l -> l.passRate() * 100).toList());
      out.put(c.getTitle(), png(c));
    }
    ReportData.Effectiveness e = d.feedback();
    if (e.before().isPresent() || e.after().isPresent()) {
      CategoryChart c = bar("Pass rate before and after feedback", "", "pass rate (%)");
      c.addSeries("pass rate", List.of("before", "after"),
          List.of(e.before().orElse(0.0) * 100, e.after().orElse(0.0) * 100));
      out.put(c.getTitle(), png(c));
    }
    if (!d.patterns().isEmpty()) {
      CategoryChart c = bar("Top failure patterns: failure rate vs model baseline", "pattern", "failure rate (%)");
      List<String> names = new ArrayList<>();
      for (int i = 0; i < d.patterns().size(); i++) {
        names.add("#" + (i + 1));
      }
      c.addSeries("pattern", names, d.patterns().stream().map(p -> p.failureRate() * 100).toList());
      c.addSeries("baseline", names, d.patterns().stream().map(p -> p.baseline() * 100).toList());
      out.put(c.getTitle(), png(c));
    }
    Map<String, List<ReportData.DayPoint>> series = new LinkedHashMap<>();
    for (ReportData.DayPoint p : d.days()) {
      series.computeIfAbsent(p.source() + ": " + p.model(), k -> new ArrayList<>()).add(p);
    }
    series.values().removeIf(points -> points.stream().map(ReportData.DayPoint::failureRate).allMatch(Optional::isEmpty));
    if (!series.isEmpty()) {
      XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Daily failure rate by model")
          .xAxisTitle("day").yAxisTitle("failure rate (%)").build();
      c.getStyler().setDatePattern("MM-dd");
      for (Map.Entry<String, List<ReportData.DayPoint>> s : series.entrySet()) {
        List<Date> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (ReportData.DayPoint p : s.getValue()) {
          if (p.failureRate().isPresent()) { // empty days are gaps, not zeros
            x.add(java.sql.Date.valueOf(p.day()));
            y.add(p.failureRate().get() * 100);
          }
        }
        c.addSeries(s.getKey(), x, y);
      }
      out.put(c.getTitle(), png(c));
    }
    return out;
  }

  private static CategoryChart bar(String title, String x, String y) {
    CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
    c.getStyler().setYAxisMin(0.0);
    c.getStyler().setYAxisMax(100.0);
    return c;
  }

  private static String png(Chart<?, ?> chart) {
    try {
      byte[] bytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
      return "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot render chart " + chart.getTitle(), e);
    }
  }
}

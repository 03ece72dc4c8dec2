package io.genlake.fit.inspector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** Calibration charts drawn with XChart and returned as PNG data URIs, so the page needs no other file. */
final class InspectorCharts {
  /** One bar with an optional 95% interval. */
  record Bar(String label, double value, double low, double high) {}

  private InspectorCharts() {}

  /** Mean human rating per heuristic-score decile (empty deciles drawn as 0). */
  static String ratingByDecile(List<Double> means) {
    List<String> labels = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (int d = 0; d < 10; d++) {
      labels.add(String.format("%.1f", d / 10.0));
      Double m = d < means.size() ? means.get(d) : null;
      values.add(m == null ? 0.0 : m);
    }
    CategoryChart chart = base("Mean rating by heuristic score decile", "heuristic score (decile start)", "mean rating (1-5)");
    chart.getStyler().setYAxisMin(0.0).setYAxisMax(5.0);
    chart.addSeries("mean rating", labels, values);
    return png(chart);
  }

  /** Spearman's rho per group with its bootstrap 95% interval as error bars. */
  static String correlations(String title, List<Bar> bars) {
    CategoryChart chart = base(title, "", "Spearman rho");
    chart.getStyler().setYAxisMin(-1.0).setYAxisMax(1.0);
    List<String> labels = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    List<Double> errors = new ArrayList<>();
    for (Bar b : bars) {
      labels.add(b.label());
      values.add(b.value());
      errors.add(Double.isNaN(b.high()) ? 0.0 : Math.max(b.high() - b.value(), b.value() - b.low()));
    }
    if (labels.isEmpty()) {
      labels.add("no data");
      values.add(0.0);
      errors.add(0.0);
    }
    chart.addSeries("rho", labels, values, errors);
    return png(chart);
  }

  private static CategoryChart base(String title, String x, String y) {
    System.setProperty("java.awt.headless", "true");
    CategoryChart chart = new CategoryChartBuilder().width(560).height(300).title(title).xAxisTitle(x).yAxisTitle(y).build();
    chart.getStyler().setLegendVisible(false).setChartBackgroundColor(java.awt.Color.WHITE);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    return chart;
  }

  private static String png(CategoryChart chart) {
    try {
      byte[] bytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
      return "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot draw chart " + chart.getTitle(), e);
    }
  }
}

package io.genlake.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.junit.jupiter.api.Test;

class TimeChartRendererTest {
  private static final Axis RATE = new Axis("failure rate (%)", 0, 100);
  private static final LocalDate D = LocalDate.of(2026, 11, 1);

  private static TimeChart.Point point(int day, long n, Double v) {
    return new TimeChart.Point(D.plusDays(day), n, v == null ? OptionalDouble.empty() : OptionalDouble.of(v));
  }

  private static List<Double> y(XYSeries s) {
    List<Double> out = new ArrayList<>();
    for (double v : s.getYData()) {
      out.add(v);
    }
    return out;
  }

  @Test
  void emptyDaysAreGapsAndSmallSamplesAreFadedUnjoinedPoints() {
    TimeChart spec = TimeChart.of("daily", "Daily failure rate", RATE, "day", "outcomes", List.of(
        new TimeChart.Line("sdxl", List.of(point(0, 20, 10.0), point(1, 0, null), point(2, 3, 66.7), point(3, 12, 25.0)))));
    XYChart c = TimeChartRenderer.render(spec, 720);
    XYSeries main = c.getSeriesMap().get("sdxl");
    XYSeries few = c.getSeriesMap().get("sdxl (n < 10)");
    List<Double> solid = y(main);
    assertEquals(10.0, solid.get(0));
    assertTrue(Double.isNaN(solid.get(1)) && Double.isNaN(solid.get(2)), "the line breaks at the gap and the small day");
    assertEquals(25.0, solid.get(3));
    List<Double> faded = y(few);
    assertEquals(66.7, faded.get(2));
    assertTrue(Double.isNaN(faded.get(0)) && Double.isNaN(faded.get(1)) && Double.isNaN(faded.get(3)));
    assertEquals(XYSeries.XYSeriesRenderStyle.Scatter, few.getXYSeriesRenderStyle());
    assertEquals(ChartStyle.FADED_ALPHA, few.getMarkerColor().getAlpha());
    assertTrue(main.isShowInLegend());
    assertFalse(few.isShowInLegend());
    assertEquals(0.0, c.getStyler().getYAxisMin());
    assertEquals(100.0, c.getStyler().getYAxisMax());
  }

  @Test
  void theYearIsInTheAxisTitleOrInEveryDate() {
    TimeChart one = TimeChart.of("d", "t", RATE, "day", "outcomes", List.of(new TimeChart.Line("m", List.of(point(0, 20, 5.0)))));
    XYChart c = TimeChartRenderer.render(one, 720);
    assertEquals("day (UTC, 2026)", c.getXAxisTitle());
    assertEquals("MMM d", c.getStyler().getDatePattern());
    TimeChart two = TimeChart.of("d", "t", RATE, "day", "outcomes", List.of(new TimeChart.Line("m", List.of(point(0, 20, 5.0),
        point(90, 20, 6.0)))));
    XYChart spanning = TimeChartRenderer.render(two, 720);
    assertEquals("day (UTC)", spanning.getXAxisTitle());
    assertEquals("yyyy-MM-dd", spanning.getStyler().getDatePattern());
  }

  @Test
  void seriesDifferInColourAndMarker() {
    List<TimeChart.Line> lines = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      lines.add(new TimeChart.Line("m" + i, List.of(point(0, 20, 5.0))));
    }
    XYChart c = TimeChartRenderer.render(TimeChart.of("d", "t", RATE, "day", "outcomes", lines), 720);
    assertEquals(ChartStyle.PALETTE[0], c.getSeriesMap().get("m0").getLineColor());
    assertEquals(ChartStyle.PALETTE[1], c.getSeriesMap().get("m1").getLineColor());
    assertFalse(c.getSeriesMap().get("m0").getMarker().getClass().equals(c.getSeriesMap().get("m1").getMarker().getClass()));
  }

  @Test
  void valuesOutsideTheAxisAndChartsWithoutValuesAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TimeChart.of("d", "t", RATE, "day",
        "outcomes", List.of(new TimeChart.Line("m", List.of(point(0, 20, 150.0))))));
    assertEquals("Chart d: m on 2026-11-01 has value 150.0, outside the axis range 0.0 to 100.0.", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TimeChart.of("d", "t", RATE, "day", "outcomes",
        List.of(new TimeChart.Line("m", List.of(point(0, 0, null))))));
    assertEquals("Chart d has no values: leave the chart out instead.", e.getMessage());
  }
}

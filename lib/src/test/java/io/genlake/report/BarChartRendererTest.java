package io.genlake.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.junit.jupiter.api.Test;

class BarChartRendererTest {
  private static final Axis RHO = new Axis("Spearman rho", -1, 1);
  private static final Axis PERCENT = new Axis("pass rate (%)", 0, 100);

  private static BarChart rho(List<BarChart.Bar> bars) {
    return BarChart.builder("rho", "Spearman rho by role").categories("role", "ratings").values(RHO)
        .intervals("95% bootstrap interval").bars(bars).build();
  }

  @Test
  void whiskersAreDrawnFromLowToHighAsComputedNotSymmetricAndNotPastTheAxis() {
    // 0.80 [0.55, 0.97]: a symmetric bar of the larger half-width (0.25) would reach 1.05
    BarChart spec = rho(List.of(BarChart.Bar.of("transition", 40, 0.80).withInterval(0.55, 0.97),
        BarChart.Bar.of("initial", 25, -0.20).withInterval(-0.90, 0.40),
        BarChart.Bar.of("unspecified", 30, 0.30)));
    CategoryChart c = BarChartRenderer.render(spec, 560).chart();
    List<Whiskers.Found> found = Whiskers.find(c);
    assertEquals(2, found.size(), found.toString()); // the bar without an interval has no whisker
    assertEquals(c.getScreenYFromChart(0.97), found.get(0).top(), 1.5);
    assertEquals(c.getScreenYFromChart(0.55), found.get(0).bottom(), 1.5);
    assertEquals(c.getScreenYFromChart(0.40), found.get(1).top(), 1.5);
    assertEquals(c.getScreenYFromChart(-0.90), found.get(1).bottom(), 1.5);
    assertTrue(found.get(0).top() > c.getScreenYFromChart(1.0), "whisker ends below rho = 1");
  }

  @Test
  void intervalSeriesCentresOnTheIntervalWithHalfItsWidth() {
    BarChart spec = rho(List.of(BarChart.Bar.of("a", 40, 0.80).withInterval(0.55, 0.97), BarChart.Bar.of("b", 40, 0.1)));
    CategorySeries s = BarChartRenderer.render(spec, 560).chart().getSeriesMap().get("95% bootstrap interval");
    List<Double> centre = new ArrayList<>();
    s.getYData().forEach(v -> centre.add(v.doubleValue()));
    List<Double> half = new ArrayList<>();
    s.getExtraValues().forEach(v -> half.add(v.doubleValue()));
    assertEquals(0.55, centre.get(0) - half.get(0), 1e-12);
    assertEquals(0.97, centre.get(0) + half.get(0), 1e-12);
    assertTrue(Double.isNaN(centre.get(1)) && Double.isNaN(half.get(1)), "no interval, nothing drawn");
    assertFalse(s.isShowInLegend());
  }

  @Test
  void valueAxisKeepsTheGivenRange() {
    BarChart spec = BarChart.builder("d", "Mean rating").categories("decile", "pairs").values(new Axis("mean rating (1-5)", 1, 5))
        .bars(List.of(BarChart.Bar.of("0.9", 12, 3.3), BarChart.Bar.empty("0.0", 0))).build();
    CategoryChart c = BarChartRenderer.render(spec, 560).chart();
    assertEquals(1.0, c.getStyler().getYAxisMin());
    assertEquals(5.0, c.getStyler().getYAxisMax());
  }

  @Test
  void labelsCarryNAndLongOnesAreCut() {
    BarChart spec = BarChart.builder("c", "Pass rate").categories("category", "attempts").values(PERCENT).bars(List.of(
        BarChart.Bar.of("wood_softwood", 1, 100), BarChart.Bar.of("a_category_name_of_thirty_chars", 1234, 50))).build();
    assertEquals(List.of("wood_softwood (n=1)", "a_category_name_of_thir… (n=1,234)"), BarChartRenderer.tickLabels(spec));
    BarChart alike = BarChart.builder("c", "Pass rate").categories("category", "attempts").values(PERCENT).bars(List.of(
        BarChart.Bar.of("a_category_name_of_thirty_chars", 3, 10), BarChart.Bar.of("a_category_name_of_thirty_chars_2", 4, 20)))
        .build();
    assertEquals(List.of("a_category_name_of_thirty_chars (n=3)", "a_category_name_of_thirty_chars_2 (n=4)"),
        BarChartRenderer.tickLabels(alike), "cut labels would be alike: kept whole");
  }

  @Test
  void labelsTurnWhenTheyWouldOverlapAndNeverTouch() {
    List<String> names = List.of("glass", "metal_ferrous", "metal_nonferrous", "polymer", "stone", "textile",
        "wood_hardwood", "wood_softwood");
    CategoryChart eight = BarChartRenderer.render(percent(names), 720).chart();
    assertEquals(BarChartRenderer.ROTATION, eight.getStyler().getXAxisLabelRotation());
    assertTrue(eight.getHeight() > BarChartRenderer.HEIGHT, "taller to hold turned labels");
    assertTurnedLabelsApart(eight, names.size());

    CategoryChart two = BarChartRenderer.render(percent(List.of("before", "after")), 720).chart();
    assertEquals(0, two.getStyler().getXAxisLabelRotation());
    assertEquals(BarChartRenderer.HEIGHT, two.getHeight());

    List<String> many = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      many.add("category_" + i);
    }
    CategoryChart forty = BarChartRenderer.render(percent(many), 560).chart();
    assertTrue(forty.getWidth() > 560, "wider: 40 turned labels do not fit in 560 px");
    assertTurnedLabelsApart(forty, 40);
  }

  private static void assertTurnedLabelsApart(CategoryChart c, int labels) {
    Font font = c.getStyler().getAxisTickLabelsFont();
    double slot = (double) (c.getWidth() - BarChartRenderer.SIDE_ROOM) / labels;
    // labels turned 45° are one line height / sin 45° apart along the axis when they touch
    assertTrue(slot >= ChartStyle.lineHeight(font) / Math.sin(Math.toRadians(45)), "slot " + slot);
  }

  private static BarChart percent(List<String> names) {
    List<BarChart.Bar> bars = new ArrayList<>();
    names.forEach(n -> bars.add(BarChart.Bar.of(n, 20, 50)));
    return BarChart.builder("p", "Pass rate").categories("category", "attempts").values(PERCENT).bars(bars).build();
  }

  @Test
  void smallSamplesAreAGreySeriesAndTheLegendExplainsBoth() {
    BarChart spec = BarChart.builder("c", "Pass rate").categories("category", "attempts").values(PERCENT).bars(List.of(
        BarChart.Bar.of("wood_hardwood", 100, 46), BarChart.Bar.of("wood_softwood", 1, 100))).build();
    CategoryChart c = BarChartRenderer.render(spec, 720).chart();
    assertEquals(List.of("n ≥ 10 attempts", "n < 10 attempts (too few to compare)"), List.copyOf(c.getSeriesMap().keySet()));
    assertEquals(Arrays.asList(46.0, null), values(c.getSeriesMap().get("n ≥ 10 attempts")));
    assertEquals(Arrays.asList(null, 100.0), values(c.getSeriesMap().get("n < 10 attempts (too few to compare)")));
    assertEquals(ChartStyle.UNCERTAIN, c.getSeriesMap().get("n < 10 attempts (too few to compare)").getFillColor());
    assertTrue(c.getStyler().isLegendVisible());

    BarChart allLarge = BarChart.builder("c", "Pass rate").categories("category", "attempts").values(PERCENT)
        .bars(List.of(BarChart.Bar.of("a", 100, 46))).build();
    assertFalse(BarChartRenderer.render(allLarge, 720).chart().getStyler().isLegendVisible(), "one entry: no legend");
  }

  private static List<Double> values(CategorySeries s) {
    List<Double> out = new ArrayList<>();
    s.getYData().forEach(v -> out.add(v == null ? null : v.doubleValue()));
    return out;
  }

  @Test
  void referenceValuesAreMarkers() {
    BarChart spec = BarChart.builder("p", "Patterns").categories("pattern", "outcomes").values(new Axis("failure rate (%)", 0, 100))
        .intervals("95% Wilson interval").reference("model baseline")
        .bars(List.of(BarChart.Bar.of("#1", 42, 85).withInterval(71.6, 92.9).withReference(12.5))).build();
    CategorySeries r = BarChartRenderer.render(spec, 720).chart().getSeriesMap().get("model baseline");
    assertEquals(CategorySeries.CategorySeriesRenderStyle.Scatter, r.getChartCategorySeriesRenderStyle());
    assertEquals(List.of(12.5), values(r));
  }

  @Test
  void valuesOutsideTheAxisAreRefusedNotClipped() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rho(List.of(
        BarChart.Bar.of("a", 40, 0.8).withInterval(0.55, 1.05))));
    assertEquals("Chart rho: a interval high 1.05 is outside the axis range -1.0 to 1.0 of 'Spearman rho'.", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> BarChart.builder("x", "t").values(PERCENT)
        .bars(List.of(BarChart.Bar.of("a", 1, 5).withInterval(1, 9))).build());
    assertEquals("Chart x draws intervals: name them (intervalName).", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> BarChart.builder("x", "t").values(PERCENT)
        .bars(List.of(BarChart.Bar.empty("a", 0))).build());
    assertEquals("Chart x has no bar with a value: leave the chart out instead.", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new BarChart.Interval(0.6, 0.5));
    assertEquals("An interval needs finite bounds with low <= high, got [0.6, 0.5].", e.getMessage());
  }
}

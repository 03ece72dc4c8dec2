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

class CategoryPlotRendererTest {
  private static final Axis RHO = new Axis("Spearman rho", -1, 1);
  private static final Axis PERCENT = new Axis("pass rate (%)", 0, 100);

  private static CategoryPlot rho(List<CategoryPlot.Category> categories) {
    return CategoryPlot.builder("rho", "Spearman rho by role").categories("role", "ratings").values(RHO)
        .intervals("95% bootstrap interval").of(categories).build();
  }

  @Test
  void whiskersAreDrawnFromLowToHighAsComputedNotSymmetricAndNotPastTheAxis() {
    // 0.80 [0.55, 0.97]: a symmetric bar of the larger half-width (0.25) would reach 1.05
    CategoryPlot spec = rho(List.of(CategoryPlot.Category.of("transition", 40, 0.80).withInterval(0.55, 0.97),
        CategoryPlot.Category.of("initial", 25, -0.20).withInterval(-0.90, 0.40),
        CategoryPlot.Category.of("unspecified", 30, 0.30)));
    CategoryChart c = CategoryPlotRenderer.render(spec, 560).chart();
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
    CategoryPlot spec = rho(List.of(CategoryPlot.Category.of("a", 40, 0.80).withInterval(0.55, 0.97), CategoryPlot.Category.of("b", 40, 0.1)));
    CategorySeries s = CategoryPlotRenderer.render(spec, 560).chart().getSeriesMap().get("95% bootstrap interval");
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
  void ratingsAreDotsOnTheirOwnScaleAndOneAtTheMinimumIsStillSeen() {
    CategoryPlot spec = CategoryPlot.builder("d", "Mean rating").categories("decile", "pairs")
        .values(new Axis("mean rating (1-5)", 1, 5)).dots().of(List.of(CategoryPlot.Category.of("0.3-0.4", 12, 1.0),
            CategoryPlot.Category.empty("0.4-0.5", 0), CategoryPlot.Category.of("0.9-1.0", 70, 3.3))).build();
    CategoryChart c = CategoryPlotRenderer.render(spec, 560).chart();
    assertEquals(1.0, c.getStyler().getYAxisMin());
    assertEquals(5.0, c.getStyler().getYAxisMax());
    CategorySeries s = c.getSeriesMap().get("n ≥ 10 pairs");
    assertEquals(CategorySeries.CategorySeriesRenderStyle.Scatter, s.getChartCategorySeriesRenderStyle());
    List<Double> v = values(s);
    assertEquals(1.0, v.get(0));
    assertTrue(Double.isNaN(v.get(1)), "empty decile: no dot");
    // a bar of 1.0 from the axis minimum 1 would have no height; the dot is there
    c.getStyler().setAntiAlias(false);
    java.awt.image.BufferedImage img = org.knowm.xchart.BitmapEncoder.getBufferedImage(c);
    int y = (int) Math.round(c.getScreenYFromChart(1.0));
    int dotPixels = 0;
    for (int x = 0; x < img.getWidth(); x++) {
      for (int dy = -6; dy <= 6; dy++) {
        if (img.getRGB(x, y + dy) == ChartStyle.SOLID.getRGB()) {
          dotPixels++;
        }
      }
    }
    assertTrue(dotPixels >= 20, "dot at rating 1.0 drawn: " + dotPixels + " pixels");
  }

  @Test
  void labelsCarryNAndLongOnesAreCut() {
    CategoryPlot spec = CategoryPlot.builder("c", "Pass rate").categories("category", "attempts").values(PERCENT).of(List.of(
        CategoryPlot.Category.of("wood_softwood", 1, 100), CategoryPlot.Category.of("a_category_name_of_thirty_chars", 1234, 50))).build();
    assertEquals(List.of("wood_softwood (n=1)", "a_category_name_of_thir… (n=1,234)"), CategoryPlotRenderer.tickLabels(spec));
    CategoryPlot alike = CategoryPlot.builder("c", "Pass rate").categories("category", "attempts").values(PERCENT).of(List.of(
        CategoryPlot.Category.of("a_category_name_of_thirty_chars", 3, 10), CategoryPlot.Category.of("a_category_name_of_thirty_chars_2", 4, 20)))
        .build();
    assertEquals(List.of("a_category_name_of_thirty_chars (n=3)", "a_category_name_of_thirty_chars_2 (n=4)"),
        CategoryPlotRenderer.tickLabels(alike), "cut labels would be alike: kept whole");
  }

  @Test
  void labelsTurnWhenTheyWouldOverlapAndNeverTouch() {
    List<String> names = List.of("glass", "metal_ferrous", "metal_nonferrous", "polymer", "stone", "textile",
        "wood_hardwood", "wood_softwood");
    CategoryChart eight = CategoryPlotRenderer.render(percent(names), 720).chart();
    assertEquals(CategoryPlotRenderer.ROTATION, eight.getStyler().getXAxisLabelRotation());
    assertTrue(eight.getHeight() > CategoryPlotRenderer.HEIGHT, "taller to hold turned labels");
    assertTurnedLabelsApart(eight, names.size());

    CategoryChart two = CategoryPlotRenderer.render(percent(List.of("before", "after")), 720).chart();
    assertEquals(0, two.getStyler().getXAxisLabelRotation());
    assertEquals(CategoryPlotRenderer.HEIGHT, two.getHeight());

    List<String> many = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      many.add("category_" + i);
    }
    CategoryChart forty = CategoryPlotRenderer.render(percent(many), 560).chart();
    assertTrue(forty.getWidth() > 560, "wider: 40 turned labels do not fit in 560 px");
    assertTurnedLabelsApart(forty, 40);
  }

  private static void assertTurnedLabelsApart(CategoryChart c, int labels) {
    Font font = c.getStyler().getAxisTickLabelsFont();
    double slot = (double) (c.getWidth() - CategoryPlotRenderer.SIDE_ROOM) / labels;
    // labels turned 45° are one line height / sin 45° apart along the axis when they touch
    assertTrue(slot >= ChartStyle.lineHeight(font) / Math.sin(Math.toRadians(45)), "slot " + slot);
  }

  private static CategoryPlot percent(List<String> names) {
    List<CategoryPlot.Category> bars = new ArrayList<>();
    names.forEach(n -> bars.add(CategoryPlot.Category.of(n, 20, 50)));
    return CategoryPlot.builder("p", "Pass rate").categories("category", "attempts").values(PERCENT).of(bars).build();
  }

  @Test
  void smallSamplesAreAGreySeriesAndTheLegendExplainsBoth() {
    CategoryPlot spec = CategoryPlot.builder("c", "Pass rate").categories("category", "attempts").values(PERCENT).of(List.of(
        CategoryPlot.Category.of("wood_hardwood", 100, 46), CategoryPlot.Category.of("wood_softwood", 1, 100))).build();
    CategoryChart c = CategoryPlotRenderer.render(spec, 720).chart();
    assertEquals(List.of("n ≥ 10 attempts", "n < 10 attempts (too few to compare)"), List.copyOf(c.getSeriesMap().keySet()));
    assertEquals(Arrays.asList(46.0, null), values(c.getSeriesMap().get("n ≥ 10 attempts")));
    assertEquals(Arrays.asList(null, 100.0), values(c.getSeriesMap().get("n < 10 attempts (too few to compare)")));
    assertEquals(ChartStyle.UNCERTAIN, c.getSeriesMap().get("n < 10 attempts (too few to compare)").getFillColor());
    assertTrue(c.getStyler().isLegendVisible());

    CategoryPlot allLarge = CategoryPlot.builder("c", "Pass rate").categories("category", "attempts").values(PERCENT)
        .of(List.of(CategoryPlot.Category.of("a", 100, 46))).build();
    assertFalse(CategoryPlotRenderer.render(allLarge, 720).chart().getStyler().isLegendVisible(), "one entry: no legend");
  }

  private static List<Double> values(CategorySeries s) {
    List<Double> out = new ArrayList<>();
    s.getYData().forEach(v -> out.add(v == null ? null : v.doubleValue()));
    return out;
  }

  @Test
  void referenceValuesAreMarkers() {
    CategoryPlot spec = CategoryPlot.builder("p", "Patterns").categories("pattern", "outcomes").values(new Axis("failure rate (%)", 0, 100))
        .intervals("95% Wilson interval").reference("model baseline")
        .of(List.of(CategoryPlot.Category.of("#1", 42, 85).withInterval(71.6, 92.9).withReference(12.5))).build();
    CategorySeries r = CategoryPlotRenderer.render(spec, 720).chart().getSeriesMap().get("model baseline");
    assertEquals(CategorySeries.CategorySeriesRenderStyle.Scatter, r.getChartCategorySeriesRenderStyle());
    assertEquals(List.of(12.5), values(r));
  }

  @Test
  void valuesOutsideTheAxisAreRefusedNotClipped() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rho(List.of(
        CategoryPlot.Category.of("a", 40, 0.8).withInterval(0.55, 1.05))));
    assertEquals("Chart rho: a interval high 1.05 is outside the axis range -1.0 to 1.0 of 'Spearman rho'.", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> CategoryPlot.builder("x", "t").values(PERCENT)
        .of(List.of(CategoryPlot.Category.of("a", 1, 5).withInterval(1, 9))).build());
    assertEquals("Chart x draws intervals: name them (intervalName).", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> CategoryPlot.builder("x", "t").values(PERCENT)
        .of(List.of(CategoryPlot.Category.empty("a", 0))).build());
    assertEquals("Chart x has no category with a value: leave the chart out instead.", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new CategoryPlot.Interval(0.6, 0.5));
    assertEquals("An interval needs finite bounds with low <= high, got [0.6, 0.5].", e.getMessage());
  }
}

package io.genlake.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.HeatMapStyler;

/**
 * Draws a {@link HeatMap} with XChart as a {@link Figure}: a diverging colour scale (blue for negative, white at 0,
 * vermilion for positive, from the charts' colour-blind-safe palette) fixed to the map's range, every cell with a
 * value coloured and labelled with it, significant ones starred; row labels carry n. Cost: one PNG encoding.
 */
public final class HeatMaps {
  static final int ROW_HEIGHT = 24;
  static final int BASE_HEIGHT = 170;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private HeatMaps() {}

  /** Draws {@code spec} {@code width} pixels wide (taller with more rows). */
  public static Figure figure(HeatMap spec, int width) {
    List<String> rows = new ArrayList<>(spec.rows());
    int height = BASE_HEIGHT + ROW_HEIGHT * rows.size();
    HeatMapChart c = new HeatMapChartBuilder().width(width).height(height).title(spec.title())
        .xAxisTitle(spec.columnAxis()).yAxisTitle(spec.rowAxis()).build();
    HeatMapStyler s = c.getStyler();
    ChartStyle.apply(s);
    s.setRangeColors(new Color[] {ChartStyle.PALETTE[0], Color.WHITE, ChartStyle.PALETTE[1]});
    s.setMin(spec.min());
    s.setMax(spec.max());
    s.setShowValue(true);
    s.setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    s.setValueFontColor(Color.BLACK);
    // XChart's formatter sees the value only: significant values are looked up (two cells of exactly the same
    // double with different significance would both be starred, which needs identical r from different data)
    java.util.Set<Double> significant = new java.util.HashSet<>();
    spec.cells().stream().filter(x -> x.significant() && x.value().isPresent()).forEach(x -> significant.add(x.value().get()));
    s.setHeatMapDecimalValueFormatter(v -> String.format(Locale.ROOT, "%+.2f", v) + (significant.contains(v) ? "*" : ""));
    s.setDrawBorder(true);
    s.setPlotGridLinesVisible(false);
    s.setLegendVisible(true);
    // XChart puts its first y label at the bottom: reverse so the matrix reads top to bottom like the table
    List<String> yLabels = new ArrayList<>();
    for (int i = rows.size() - 1; i >= 0; i--) {
      yLabels.add(rowLabel(spec, i));
    }
    List<Number[]> data = new ArrayList<>();
    for (HeatMap.Cell cell : spec.cells()) {
      if (cell.value().isPresent()) {
        data.add(new Number[] {cell.column(), rows.size() - 1 - cell.row(), cell.value().get()});
      }
    }
    if (data.isEmpty()) {
      throw new IllegalArgumentException("Heat map " + spec.id() + " has no cell with a value: leave it out instead.");
    }
    c.addSeries(spec.valueName(), spec.columns(), yLabels, data);
    String caption = "Cells show " + spec.valueName() + " (colour scale " + spec.min() + " to " + spec.max()
        + "); * marks a significant value (" + spec.significanceName() + "); blank cells have no value. Each row label "
        + "gives n, the most rows behind its cells. The table lists every cell with its interval.";
    return new Figure(spec.id(), spec.title(), spec.title() + ": " + alt(spec), caption, ChartStyle.dataUri(c),
        c.getWidth(), c.getHeight(), json(spec));
  }

  private static String rowLabel(HeatMap spec, int row) {
    long n = spec.cells().stream().filter(c -> c.row() == row).mapToLong(HeatMap.Cell::n).max().orElse(0);
    return spec.rows().get(row) + " (n=" + n + ")";
  }

  private static String alt(HeatMap spec) {
    List<String> parts = new ArrayList<>();
    for (HeatMap.Cell c : spec.cells()) {
      parts.add(spec.rows().get(c.row()) + " / " + spec.columns().get(c.column()) + " "
          + c.value().map(v -> String.format(Locale.ROOT, "%.3g", v)).orElse("no value")
          + (c.significant() ? " significant" : "") + " (n=" + c.n() + ")");
    }
    return String.join("; ", parts);
  }

  private static String json(HeatMap spec) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", "heatmap");
    m.put("id", spec.id());
    m.put("title", spec.title());
    m.put("rowAxis", spec.rowAxis());
    m.put("columnAxis", spec.columnAxis());
    m.put("valueName", spec.valueName());
    m.put("min", spec.min());
    m.put("max", spec.max());
    m.put("significanceName", spec.significanceName());
    m.put("rows", spec.rows());
    m.put("columns", spec.columns());
    List<Map<String, Object>> cells = new ArrayList<>();
    for (HeatMap.Cell c : spec.cells()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("row", spec.rows().get(c.row()));
      o.put("column", spec.columns().get(c.column()));
      o.put("n", c.n());
      o.put("value", c.value().orElse(null));
      o.put("significant", c.significant());
      cells.add(o);
    }
    m.put("cells", cells);
    try {
      return MAPPER.writeValueAsString(m).replace("<", "\\u003c");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write heat map values as JSON: " + e.getMessage(), e);
    }
  }
}

package io.genlake.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Heat maps as {@link Figure}s: a diverging colour scale (blue for negative, white at the middle, vermilion for
 * positive, from the charts' colour-blind-safe palette) fixed to the map's range, every cell with a value coloured
 * and labelled with it, significant ones bold and starred; row labels carry n; the values drawn embedded as JSON.
 * Cost: one PNG encoding.
 */
public final class HeatMaps {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private HeatMaps() {}

  /**
   * Draws {@code spec} ({@link HeatMapRenderer}); its width follows from the labels and columns, so
   * {@code maxWidth} only caps the displayed width (the image scales down in the page).
   */
  public static Figure figure(HeatMap spec, int maxWidth) {
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < spec.rows().size(); i++) {
      rows.add(rowLabel(spec, i));
    }
    HeatMapRenderer.Drawn d = HeatMapRenderer.render(spec, rows);
    int width = Math.min(maxWidth, d.width());
    int height = (int) Math.round((double) d.height() * width / d.width());
    String caption = "Cells show " + spec.valueName() + " on a colour scale from " + spec.min() + " (blue) to "
        + spec.max() + " (vermilion); bold with * where significant (" + spec.significanceName() + "); grey cells "
        + "have no value. Each row label gives n, the most rows behind its cells. The table lists every cell with its "
        + "interval.";
    return new Figure(spec.id(), spec.title(), spec.title() + ": " + alt(spec), caption, d.dataUri(), width, height,
        json(spec));
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

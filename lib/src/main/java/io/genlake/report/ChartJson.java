package io.genlake.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The JSON embedded with each figure: exactly the values drawn, so tests compare them with the page's tables
 * and tools read them without decoding the PNG. Absent values are null. {@code <} is written as
 * {@code \u003c}, so the text can never close its script element.
 */
final class ChartJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ChartJson() {}

  static String category(CategoryPlot spec, List<String> tickLabels) {
    Map<String, Object> m = head("category", spec.id(), spec.title(), spec.valueAxis(), spec.nName(), spec.minN());
    m.put("mark", spec.mark().name().toLowerCase(Locale.ROOT));
    m.put("categoryAxis", spec.categoryAxis());
    m.put("intervalName", spec.intervalName().orElse(null));
    m.put("referenceName", spec.referenceName().orElse(null));
    List<Map<String, Object>> categories = new ArrayList<>();
    for (int i = 0; i < spec.categories().size(); i++) {
      CategoryPlot.Category c = spec.categories().get(i);
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("label", c.label());
      o.put("tickLabel", tickLabels.get(i));
      o.put("n", c.n());
      o.put("value", value(c.value()));
      o.put("low", c.interval().map(CategoryPlot.Interval::low).orElse(null));
      o.put("high", c.interval().map(CategoryPlot.Interval::high).orElse(null));
      o.put("reference", value(c.reference()));
      o.put("uncertain", spec.uncertain(c));
      categories.add(o);
    }
    m.put("categories", categories);
    return write(m);
  }

  static String time(TimeChart spec) {
    Map<String, Object> m = head("time", spec.id(), spec.title(), spec.valueAxis(), spec.nName(), spec.minN());
    m.put("period", spec.period());
    List<Map<String, Object>> lines = new ArrayList<>();
    for (TimeChart.Line l : spec.lines()) {
      List<Map<String, Object>> points = new ArrayList<>();
      for (TimeChart.Point p : l.points()) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("start", p.start().toString());
        o.put("n", p.n());
        o.put("value", value(p.value()));
        o.put("uncertain", p.n() < spec.minN());
        points.add(o);
      }
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("name", l.name());
      o.put("points", points);
      lines.add(o);
    }
    m.put("lines", lines);
    return write(m);
  }

  private static Map<String, Object> head(String kind, String id, String title, Axis axis, String nName, int minN) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", kind);
    m.put("id", id);
    m.put("title", title);
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("title", axis.title());
    a.put("min", axis.min());
    a.put("max", axis.max());
    m.put("valueAxis", a);
    m.put("nName", nName);
    m.put("minN", minN);
    return m;
  }

  private static Double value(OptionalDouble v) {
    return v.isPresent() ? v.getAsDouble() : null;
  }

  private static String write(Map<String, Object> m) {
    try {
      return MAPPER.writeValueAsString(m).replace("<", "\\u003c");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write chart values as JSON: " + e.getMessage(), e);
    }
  }
}

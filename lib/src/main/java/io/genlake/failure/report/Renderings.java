package io.genlake.failure.report;

import io.genlake.report.Figure;
import io.genlake.report.Html;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Markdown and self-contained HTML renderings of the report sections. */
final class Renderings {
  private Renderings() {}

  static String markdown(ReportData d, String generated) {
    StringBuilder s = new StringBuilder("# Failure and feedback report\n\n").append(generated).append("\n\n");
    for (Sections.Section sec : Sections.of(d)) {
      s.append("## ").append(sec.title()).append("\n\n");
      if (!sec.note().isEmpty()) {
        s.append(sec.note()).append("\n\n");
      }
      if (sec.rows().isEmpty()) {
        s.append("_none_\n\n");
        continue;
      }
      s.append('|').append(String.join("|", sec.header().stream().map(Renderings::md).toList())).append("|\n|");
      s.append("---|".repeat(sec.header().size())).append('\n');
      for (List<String> row : sec.rows()) {
        s.append('|').append(String.join("|", row.stream().map(Renderings::md).toList())).append("|\n");
      }
      s.append('\n');
    }
    return s.toString();
  }

  /**
   * One HTML file with inline CSS, each section's charts (PNG data URIs) above its table, charts without a
   * table (the daily rates) last, and a small script that marks the body {@code data-rendered="ok"} once every
   * image has decoded, or records errors in {@code data-errors}. It loads nothing else.
   */
  static String html(ReportData d, Map<String, List<Figure>> charts, String generated) {
    Map<String, List<Figure>> unplaced = new LinkedHashMap<>(charts);
    StringBuilder s = new StringBuilder();
    s.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>genlake failure and feedback report</title><style>")
        .append("body{font-family:system-ui,sans-serif;margin:2rem;max-width:1100px;color:#222}")
        .append("table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #ccc;padding:.3rem .6rem;")
        .append("text-align:left;vertical-align:top}th{background:#f3f3f3}img{max-width:100%;display:block;margin:1rem 0}")
        .append(".note{color:#666}").append(Figure.CSS).append("</style></head>\n<body data-rendered=\"pending\">\n")
        .append("<h1>Failure and feedback report</h1>\n<p class=\"note\">").append(esc(generated)).append("</p>\n");
    for (Sections.Section sec : Sections.of(d)) {
      s.append("<h2>").append(esc(sec.title())).append("</h2>\n");
      if (!sec.note().isEmpty()) {
        s.append("<p class=\"note\">").append(esc(sec.note())).append("</p>\n");
      }
      figures(s, unplaced.remove(sec.title()));
      if (sec.rows().isEmpty()) {
        s.append("<p><em>none</em></p>\n");
        continue;
      }
      s.append("<table><thead><tr>");
      sec.header().forEach(h -> s.append("<th>").append(esc(h)).append("</th>"));
      s.append("</tr></thead><tbody>\n");
      for (List<String> row : sec.rows()) {
        s.append("<tr>");
        row.forEach(c -> s.append("<td>").append(esc(c)).append("</td>"));
        s.append("</tr>\n");
      }
      s.append("</tbody></table>\n");
    }
    unplaced.forEach((title, figures) -> {
      s.append("<h2>").append(esc(title)).append("</h2>\n");
      figures(s, figures);
    });
    s.append("<script>\n")
        .append("window.addEventListener('error', function (e) { document.body.dataset.errors = (document.body.dataset.errors || '') + e.message + ';'; });\n")
        .append("window.addEventListener('load', function () {\n")
        .append("  var broken = Array.prototype.filter.call(document.images, function (i) { return !i.complete || i.naturalWidth === 0; });\n")
        .append("  document.body.dataset.images = String(document.images.length);\n")
        .append("  document.body.dataset.rendered = broken.length === 0 ? 'ok' : 'broken-images:' + broken.length;\n")
        .append("});\n</script>\n</body></html>\n");
    return s.toString();
  }

  private static void figures(StringBuilder s, List<Figure> figures) {
    if (figures != null) {
      figures.forEach(f -> s.append(f.html()).append('\n'));
    }
  }

  private static String esc(String v) {
    return Html.escape(v);
  }

  private static String md(String v) {
    return v.replace("|", "\\|").replace("\n", " ");
  }
}

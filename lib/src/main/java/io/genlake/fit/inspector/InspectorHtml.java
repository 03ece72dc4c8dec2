package io.genlake.fit.inspector;

import io.genlake.report.Figure;
import io.genlake.report.Html;
import java.util.List;
import java.util.Locale;

/**
 * Renders the fit inspector page: one self-contained HTML document (inline CSS, charts and local thumbnails as
 * data URIs, no scripts to run and no resource loaded from elsewhere; remote asset URLs are plain links).
 */
final class InspectorHtml {
  record Rating(String userId, int rating, String role, String notes) {}

  record Pair(String assetId, int rank, Thumbnails.Thumbnail thumbnail, List<String> assetIds,
      Double score, List<String> matches, List<String> misses, List<String> conflicts, List<String> soft,
      List<Rating> ratings) {}

  record Block(String blockId, String prompt, List<String> ids, List<String> unmapped, List<Pair> rated,
      List<Pair> candidates) {}

  record Group(String grouping, String value, long n, Double spearman, Double spearmanLow, Double spearmanHigh,
      Double pearson, Double pearsonLow, Double pearsonHigh, Double alpha, long multiRated, String topMisses) {}

  private static final String CSS = """
      body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#222;background:#fafafa}
      h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ddd}h3{font-size:15px}
      .block{background:#fff;border:1px solid #ddd;border-radius:8px;padding:16px;margin:16px 0}
      .prompt{font-family:ui-monospace,monospace;background:#f3f3f3;padding:8px;border-radius:4px;white-space:pre-wrap}
      .chip{display:inline-block;padding:1px 8px;margin:2px;border-radius:10px;font-size:12px;background:#e8e8e8}
      .chip.cam{background:#d6e4ff}.chip.rel{background:#d9f7be}.chip.actor{background:#fff1b8}
      .chip.state{background:#ffd8bf}.chip.beat{background:#efdbff}.chip.mood{background:#ffd6e7}
      .chip.intensity{background:#fff0f6}.chip.speed{background:#e6fffb}.chip.setting{background:#f4ffb8}
      .chip.unmapped{background:#fff;border:1px dashed #999}
      .chip.miss{background:#ffccc7;font-weight:600}.chip.conflict{background:#ff7875;color:#fff;font-weight:600}
      .chip.softmatch{background:#b7eb8f}.chip.match{background:#91caff}
      table{border-collapse:collapse;width:100%;margin:8px 0}td,th{border-top:1px solid #eee;padding:6px;vertical-align:top;text-align:left}
      .bar{width:140px;height:12px;background:#eee;border-radius:6px;overflow:hidden;display:inline-block;vertical-align:middle}
      .bar span{display:block;height:100%;background:#52c41a}.bar.low span{background:#f5222d}.bar.mid span{background:#faad14}
      img.thumb{max-width:120px;max-height:120px;border-radius:4px}.muted{color:#888}
      .thumb.none{width:110px;height:40px;box-sizing:border-box;padding:4px;border:1px dashed #bbb;border-radius:4px;
      white-space:nowrap;overflow:hidden;text-overflow:ellipsis;font-size:12px;line-height:30px;text-align:center;
      color:#666;background:#f3f3f3;cursor:help}
      a.asset-link{font-size:12px}
      table.deciles{width:auto}table.deciles td,table.deciles th{text-align:right;padding:3px 10px}
      .ratings div{margin-bottom:4px}.stars{font-weight:600}
      """ + Figure.CSS;

  private InspectorHtml() {}

  static String page(String title, String generatedAt, String ontologySource, List<Group> groups,
      List<InspectorCharts.Decile> deciles, List<Figure> charts, List<Block> blocks) {
    StringBuilder h = new StringBuilder(16_384);
    h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
        .append("</title><style>").append(CSS).append("</style></head><body>");
    h.append("<h1>").append(esc(title)).append("</h1><p class=\"muted\">generated ").append(esc(generatedAt))
        .append(" · ontology ").append(esc(ontologySource)).append("</p>");
    h.append("<nav>Blocks: ");
    for (Block b : blocks) {
      h.append("<a href=\"#block-").append(esc(b.blockId())).append("\">").append(esc(b.blockId())).append("</a> ");
    }
    h.append("</nav><p class=\"muted\">Why: <span class=\"chip conflict\">required, contradicted</span>"
        + "<span class=\"chip miss\">required, missing</span><span class=\"chip match\">required, present</span>"
        + "<span class=\"chip softmatch\">soft, shared</span><span class=\"chip unmapped\">block tag with no ID</span></p>");
    calibration(h, groups, deciles, charts);
    for (Block b : blocks) {
      block(h, b);
    }
    h.append("</body></html>\n");
    return h.toString();
  }

  private static void calibration(StringBuilder h, List<Group> groups, List<InspectorCharts.Decile> deciles,
      List<Figure> charts) {
    h.append("<h2>Calibration: heuristic vs. human ratings</h2>");
    if (groups.isEmpty()) {
      h.append("<p class=\"muted\">No scored ratings yet (gold.fit_calibration is empty).</p>");
      return;
    }
    h.append("<div class=\"charts\">");
    charts.forEach(f -> h.append(f.html()));
    h.append("</div>");
    if (!deciles.isEmpty()) {
      h.append("<table class=\"deciles\" id=\"deciles\"><tr><th>heuristic score</th><th>scored ratings</th>"
          + "<th>mean rating (1–5)</th></tr>");
      for (InspectorCharts.Decile d : deciles) {
        h.append("<tr><td>").append(d.range()).append("</td><td>").append(d.pairs()).append("</td><td>")
            .append(d.mean().map(m -> String.format(Locale.ROOT, "%.2f", m)).orElse("<span class=\"muted\">none</span>"))
            .append("</td></tr>");
      }
      h.append("</table>");
    }
    h.append("<table id=\"calibration\"><tr><th>group</th><th>n</th><th>Spearman [95% CI]</th><th>Pearson [95% CI]</th>"
        + "<th>Krippendorff α (ordinal)</th><th>multi-rated pairs</th><th>top misses (rated 1–2)</th></tr>");
    for (Group g : groups) {
      h.append("<tr><td>").append(esc(g.grouping())).append(": ").append(esc(g.value())).append("</td><td>").append(g.n())
          .append("</td><td>").append(ci(g.spearman(), g.spearmanLow(), g.spearmanHigh())).append("</td><td>")
          .append(ci(g.pearson(), g.pearsonLow(), g.pearsonHigh())).append("</td><td>").append(num(g.alpha()))
          .append("</td><td>").append(g.multiRated()).append("</td><td>").append(esc(g.topMisses())).append("</td></tr>");
    }
    h.append("</table>");
  }

  private static void block(StringBuilder h, Block b) {
    h.append("<section class=\"block\" id=\"block-").append(esc(b.blockId())).append("\"><h2>Block ")
        .append(esc(b.blockId())).append("</h2>");
    h.append("<div class=\"prompt\">").append(b.prompt() == null ? "<span class=\"muted\">(no prompt)</span>" : esc(b.prompt()))
        .append("</div><p>");
    if (b.ids().isEmpty()) {
      h.append("<span class=\"muted\">no ontology IDs</span>");
    }
    b.ids().forEach(id -> chip(h, id, ""));
    b.unmapped().forEach(t -> h.append("<span class=\"chip unmapped\" title=\"maps to no ontology ID\">")
        .append(esc(t)).append("</span>"));
    h.append("</p><h3>Rated assets (").append(b.rated().size()).append(")</h3>");
    pairs(h, b.rated(), true);
    h.append("<h3>Top candidate assets (").append(b.candidates().size()).append(")</h3>");
    pairs(h, b.candidates(), false);
    h.append("</section>");
  }

  private static void pairs(StringBuilder h, List<Pair> pairs, boolean rated) {
    if (pairs.isEmpty()) {
      h.append("<p class=\"muted\">none</p>");
      return;
    }
    h.append("<table class=\"").append(rated ? "rated" : "candidates").append("\"><tr>")
        .append(rated ? "" : "<th>#</th>")
        .append("<th>asset</th><th>asset tags</th><th>heuristic</th><th>why</th>")
        .append(rated ? "<th>human ratings</th>" : "").append("</tr>");
    for (Pair p : pairs) {
      h.append("<tr>");
      if (!rated) {
        h.append("<td>").append(p.rank()).append("</td>");
      }
      h.append("<td><b>").append(esc(p.assetId())).append("</b><br>");
      thumbnail(h, p);
      h.append("</td><td>");
      p.assetIds().forEach(id -> chip(h, id, ""));
      h.append("</td><td>").append(bar(p.score())).append("</td><td>");
      p.conflicts().forEach(c -> chip(h, c.replace("!", " ✗ "), "conflict"));
      p.misses().forEach(m -> chip(h, m, "miss"));
      p.matches().forEach(m -> chip(h, m, "match"));
      p.soft().forEach(s -> chip(h, s, "softmatch"));
      h.append("</td>");
      if (rated) {
        h.append("<td class=\"ratings\">");
        for (Rating r : p.ratings()) {
          h.append("<div><span class=\"stars\">").append(r.rating()).append("/5</span> ")
              .append(esc(r.userId() == null ? "anonymous" : r.userId())).append(" · ").append(esc(r.role()));
          if (r.notes() != null && !r.notes().isBlank()) {
            h.append("<br><i>").append(esc(r.notes())).append("</i>");
          }
          h.append("</div>");
        }
        h.append("</td>");
      }
      h.append("</tr>");
    }
    h.append("</table>");
  }

  /** An embedded image, or a placeholder saying why there is none; a remote URL only as a link to open. */
  private static void thumbnail(StringBuilder h, Pair p) {
    Thumbnails.Thumbnail t = p.thumbnail();
    t.dataUri().ifPresentOrElse(
        uri -> h.append("<img class=\"thumb\" alt=\"").append(esc(p.assetId())).append("\" title=\"").append(esc(t.detail()))
            .append("\" src=\"").append(uri).append("\">"),
        () -> h.append("<div class=\"thumb none\" title=\"").append(esc(t.detail())).append("\">").append(esc(t.label()))
            .append("</div>"));
    t.link().ifPresent(url -> h.append("<a class=\"asset-link\" href=\"").append(esc(url))
        .append("\" rel=\"noopener noreferrer\" target=\"_blank\">open URL ↗</a>"));
  }

  private static void chip(StringBuilder h, String id, String kind) {
    int colon = id.indexOf(':');
    String cls = kind.isEmpty() && colon > 0 ? id.substring(0, colon) : kind;
    h.append("<span class=\"chip ").append(esc(cls)).append("\">").append(esc(id)).append("</span>");
  }

  private static String bar(Double score) {
    if (score == null) {
      return "<span class=\"muted\">not scored</span>";
    }
    String cls = score < 0.4 ? "low" : score < 0.7 ? "mid" : "";
    return String.format(Locale.ROOT, "<span class=\"bar %s\"><span style=\"width:%.0f%%\"></span></span> %.2f",
        cls, score * 100, score);
  }

  private static String ci(Double v, Double lo, Double hi) {
    if (v == null) {
      return "<span class=\"muted\">n/a</span>";
    }
    return num(v) + (lo == null ? "" : " [" + num(lo) + ", " + num(hi) + "]");
  }

  private static String num(Double v) {
    return v == null ? "<span class=\"muted\">n/a</span>" : String.format(Locale.ROOT, "%.3f", v);
  }

  /** HTML-escapes text for element content and quoted attributes. */
  private static String esc(String s) {
    return Html.escape(s);
  }
}

package io.genlake.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the parts of a report page that tests compare: a chart's embedded values and a table's cells. */
public final class PageParts {
  private static final Pattern ROW = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL);
  private static final Pattern CELL = Pattern.compile("<t[dh][^>]*>(.*?)</t[dh]>", Pattern.DOTALL);

  private PageParts() {}

  /** The values embedded with figure {@code chart-<id>}; fails when the page has no such chart. */
  public static JsonNode chart(String html, String id) throws IOException {
    Matcher m = Pattern.compile("<figure class=\"chart\" id=\"chart-" + Pattern.quote(id)
        + "\"[^>]*>.*?<script type=\"application/json\" class=\"chart-data\">(.*?)</script></figure>", Pattern.DOTALL)
        .matcher(html);
    if (!m.find()) {
      throw new AssertionError("no chart " + id + " in the page");
    }
    return new ObjectMapper().readTree(m.group(1));
  }

  /** Ids of the page's charts, in page order. */
  public static List<String> chartIds(String html) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("<figure class=\"chart\" id=\"chart-([a-z0-9-]+)\"").matcher(html);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** Rows (header first) of the first table after {@code marker}, cells as plain text (tags dropped, entities read). */
  public static List<List<String>> tableAfter(String html, String marker) {
    int at = html.indexOf(marker);
    if (at < 0) {
      throw new AssertionError("no " + marker + " in the page");
    }
    int start = html.indexOf("<table", at);
    int end = html.indexOf("</table>", start);
    List<List<String>> rows = new ArrayList<>();
    Matcher r = ROW.matcher(html.substring(start, end));
    while (r.find()) {
      List<String> cells = new ArrayList<>();
      Matcher c = CELL.matcher(r.group(1));
      while (c.find()) {
        cells.add(text(c.group(1)));
      }
      rows.add(cells);
    }
    return rows;
  }

  private static String text(String cell) {
    return cell.replaceAll("<[^>]+>", "").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
        .replace("&#39;", "'").replace("&amp;", "&").trim();
  }
}

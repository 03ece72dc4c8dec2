package io.genlake.report;

/**
 * A drawn chart, ready for a page: the PNG as a data URI (no file, no request), a caption that says how to
 * read it (what n counts, what the whiskers are, what grey or faded means), and the drawn values as JSON.
 *
 * @param id chart id; the figure element is {@code chart-<id>}
 * @param title chart title
 * @param alt text alternative listing the drawn values
 * @param caption how to read the chart
 * @param dataUri the PNG, {@code data:image/png;base64,…}
 * @param width image width in pixels
 * @param height image height in pixels
 * @param json the drawn values (axis range, labels, n, values, intervals; fields in docs/reports.md)
 */
public record Figure(String id, String title, String alt, String caption, String dataUri, int width, int height,
    String json) {

  /** CSS for figures; pages include it once in their style sheet. */
  public static final String CSS = "figure.chart{margin:12px 0;display:inline-block;vertical-align:top;max-width:100%}"
      + "figure.chart img{display:block;max-width:100%;height:auto}"
      + "figure.chart figcaption{font-size:13px;color:#555;max-width:100%}";

  /**
   * The figure element: the image, its caption, and the values in a {@code <script type="application/json">}
   * (data only: browsers do not run it).
   */
  public String html() {
    return "<figure class=\"chart\" id=\"chart-" + id + "\" style=\"width:" + width + "px\">"
        + "<img src=\"" + dataUri + "\" width=\"" + width + "\" height=\"" + height + "\" alt=\""
        + Html.escape(alt) + "\"><figcaption>" + Html.escape(caption) + "</figcaption>"
        + "<script type=\"application/json\" class=\"chart-data\">" + json + "</script></figure>";
  }
}

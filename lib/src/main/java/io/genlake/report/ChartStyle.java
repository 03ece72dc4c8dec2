package io.genlake.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/** The look shared by every chart: colours, fonts, legend placement, PNG encoding. */
final class ChartStyle {
  /** Okabe–Ito colours (readable for the common colour-vision deficiencies), without the too-light yellow. */
  static final Color[] PALETTE = {new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
      new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000), new Color(0x8C564B)};
  /** Bars with enough observations. */
  static final Color SOLID = PALETTE[0];
  /** Bars with fewer than the minimum n. */
  static final Color UNCERTAIN = new Color(0xBDBDBD);
  /** Interval whiskers: near black, a colour no text or grid line uses (tests find whiskers by it). */
  static final Color WHISKER = new Color(0x1F2A44);
  /** Reference markers. */
  static final Color REFERENCE = PALETTE[1];
  /** Axis tick labels (category names). */
  static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  /** Alpha of the markers of points with fewer than the minimum n. */
  static final int FADED_ALPHA = 70;

  private static final FontRenderContext FRC = new FontRenderContext(null, true, false);

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private ChartStyle() {}

  /** White background, light grid, no plot border, legend under the plot (never over the data). */
  static void apply(AxesChartStyler s) {
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderVisible(false);
    s.setPlotGridLinesColor(new Color(0xDDDDDD));
    s.setPlotGridLinesStroke(new BasicStroke(1f));
    s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    s.setAxisTickLabelsFont(TICK_FONT);
    s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    s.setLegendPosition(Styler.LegendPosition.OutsideS);
    s.setLegendLayout(Styler.LegendLayout.Horizontal);
    s.setLegendBorderColor(Color.WHITE);
    s.setAntiAlias(true);
  }

  /** Width in pixels of {@code text} in {@code font}. */
  static double width(String text, Font font) {
    return font.getStringBounds(text, FRC).getWidth();
  }

  /** Line height in pixels of {@code font}. */
  static double lineHeight(Font font) {
    return font.getLineMetrics("Mg", FRC).getHeight();
  }

  /** {@code c} with the faded alpha. */
  static Color faded(Color c) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), FADED_ALPHA);
  }

  /** The chart as a PNG data URI. */
  static String dataUri(Chart<?, ?> chart) {
    try {
      byte[] bytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
      return "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot render chart " + chart.getTitle() + ": " + e.getMessage(), e);
    }
  }
}

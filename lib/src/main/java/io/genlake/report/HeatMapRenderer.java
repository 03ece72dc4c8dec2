package io.genlake.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws a {@link HeatMap} with Java2D (XChart's heat map can neither star significant cells nor label rows with n):
 * row labels with n on the left, column labels on top, one cell per value filled on a diverging scale from the
 * charts' colour-blind-safe palette (blue at min, white at the middle, vermilion at max) and labelled with the value
 * to two decimals, bold and starred when significant; cells without a value are hatched grey; a colour bar with
 * the scale's ends and middle under the grid. Cost: one PNG encoding.
 */
final class HeatMapRenderer {
  static final int ROW_HEIGHT = 24;
  static final int COLUMN_WIDTH = 130;
  static final int MARGIN = 16;
  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
  private static final Font LABEL = ChartStyle.TICK_FONT;
  private static final Font VALUE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final Font VALUE_SIGNIFICANT = new Font(Font.SANS_SERIF, Font.BOLD, 12);
  private static final Color NEGATIVE = ChartStyle.PALETTE[0];
  private static final Color POSITIVE = ChartStyle.PALETTE[1];
  private static final Color NO_VALUE = new Color(0xEEEEEE);

  /** The drawn image: its PNG as a data URI and its size. */
  record Drawn(String dataUri, int width, int height) {}

  private HeatMapRenderer() {}

  static Drawn render(HeatMap spec, List<String> rowLabels) {
    BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D pg = probe.createGraphics();
    FontMetrics labels = pg.getFontMetrics(LABEL);
    int labelWidth = rowLabels.stream().mapToInt(labels::stringWidth).max().orElse(0) + 12;
    pg.dispose();
    int gridX = MARGIN + labelWidth;
    int gridY = MARGIN + 30 + 22;
    int width = gridX + COLUMN_WIDTH * spec.columns().size() + MARGIN;
    int height = gridY + ROW_HEIGHT * spec.rows().size() + 84;
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.BLACK);
    g.setFont(TITLE);
    g.drawString(spec.title(), MARGIN, MARGIN + 14);
    g.setFont(LABEL);
    for (int c = 0; c < spec.columns().size(); c++) {
      String name = spec.columns().get(c);
      g.drawString(name, gridX + COLUMN_WIDTH * c + (COLUMN_WIDTH - labels.stringWidth(name)) / 2, gridY - 8);
    }
    for (int r = 0; r < spec.rows().size(); r++) {
      String name = rowLabels.get(r);
      g.setColor(Color.BLACK);
      g.setFont(LABEL);
      g.drawString(name, gridX - 8 - labels.stringWidth(name), gridY + ROW_HEIGHT * r + ROW_HEIGHT / 2 + 5);
      for (int c = 0; c < spec.columns().size(); c++) {
        fill(g, gridX + COLUMN_WIDTH * c, gridY + ROW_HEIGHT * r, null, spec);
      }
    }
    for (HeatMap.Cell cell : spec.cells()) {
      fill(g, gridX + COLUMN_WIDTH * cell.column(), gridY + ROW_HEIGHT * cell.row(), cell, spec);
    }
    g.setColor(new Color(0xBBBBBB));
    g.setStroke(new BasicStroke(1f));
    g.drawRect(gridX, gridY, COLUMN_WIDTH * spec.columns().size(), ROW_HEIGHT * spec.rows().size());
    legend(g, gridX, gridY + ROW_HEIGHT * spec.rows().size() + 24, Math.min(260, COLUMN_WIDTH * spec.columns().size()),
        spec);
    g.dispose();
    return new Drawn(png(img), width, height);
  }

  private static void fill(Graphics2D g, int x, int y, HeatMap.Cell cell, HeatMap spec) {
    boolean value = cell != null && cell.value().isPresent();
    g.setColor(value ? colour(cell.value().get(), spec) : NO_VALUE);
    g.fillRect(x, y, COLUMN_WIDTH, ROW_HEIGHT);
    g.setColor(Color.WHITE);
    g.drawRect(x, y, COLUMN_WIDTH, ROW_HEIGHT);
    if (value) {
      g.setColor(Color.BLACK);
      g.setFont(cell.significant() ? VALUE_SIGNIFICANT : VALUE);
      String text = String.format(Locale.ROOT, "%+.2f", cell.value().get()) + (cell.significant() ? " *" : "");
      g.drawString(text, x + (COLUMN_WIDTH - g.getFontMetrics().stringWidth(text)) / 2, y + ROW_HEIGHT / 2 + 5);
    }
  }

  /** White at the scale's middle, the palette's blue at min and vermilion at max, linear in between. */
  static Color colour(double v, HeatMap spec) {
    double mid = (spec.min() + spec.max()) / 2;
    double t = v >= mid ? (v - mid) / (spec.max() - mid) : (mid - v) / (mid - spec.min());
    Color end = v >= mid ? POSITIVE : NEGATIVE;
    t = Math.max(0, Math.min(1, t));
    return new Color((int) Math.round(255 + (end.getRed() - 255) * t), (int) Math.round(255 + (end.getGreen() - 255) * t),
        (int) Math.round(255 + (end.getBlue() - 255) * t));
  }

  private static void legend(Graphics2D g, int x, int y, int w, HeatMap spec) {
    for (int i = 0; i < w; i++) {
      g.setColor(colour(spec.min() + (spec.max() - spec.min()) * i / (w - 1.0), spec));
      g.fillRect(x + i, y, 1, 12);
    }
    g.setColor(Color.BLACK);
    g.setFont(LABEL);
    FontMetrics m = g.getFontMetrics();
    String lo = String.format(Locale.ROOT, "%.1f", spec.min());
    String mid = String.format(Locale.ROOT, "%.1f", (spec.min() + spec.max()) / 2);
    String hi = String.format(Locale.ROOT, "%+.1f", spec.max());
    g.drawString(lo, x, y + 28);
    g.drawString(mid, x + (w - m.stringWidth(mid)) / 2, y + 28);
    g.drawString(hi, x + w - m.stringWidth(hi), y + 28);
    g.drawString(spec.valueName() + " (* significant)", x, y + 46);
  }

  private static String png(BufferedImage img) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(img, "png", out);
      return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot encode heat map as PNG: " + e.getMessage(), e);
    }
  }
}

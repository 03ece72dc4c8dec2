package io.genlake.report;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Finds the interval whiskers in a drawn chart by their colour (antialiasing off, so whisker pixels have
 * exactly {@link ChartStyle#WHISKER}): for each run of adjacent columns holding whisker pixels, the topmost
 * and bottommost pixel row, left to right. A whisker's caps are rows, its line a column; runs under
 * {@value #MIN_HEIGHT} pixels tall (stray glyph pixels of the same grey) are not whiskers.
 */
final class Whiskers {
  /** One whisker: its centre column and its end rows in pixels. */
  record Found(int x, int top, int bottom) {}

  static final int MIN_HEIGHT = 3;

  private Whiskers() {}

  static List<Found> find(Chart<?, ?> chart) {
    chart.getStyler().setAntiAlias(false);
    BufferedImage img = BitmapEncoder.getBufferedImage(chart);
    int colour = ChartStyle.WHISKER.getRGB();
    List<Found> out = new ArrayList<>();
    int runStart = -1;
    int top = Integer.MAX_VALUE;
    int bottom = -1;
    int bestColumn = -1;
    int bestCount = 0;
    for (int x = 0; x <= img.getWidth(); x++) {
      int count = 0;
      int colTop = Integer.MAX_VALUE;
      int colBottom = -1;
      for (int y = 0; x < img.getWidth() && y < img.getHeight(); y++) {
        if (img.getRGB(x, y) == colour) {
          count++;
          colTop = Math.min(colTop, y);
          colBottom = Math.max(colBottom, y);
        }
      }
      if (count > 0) {
        if (runStart < 0) {
          runStart = x;
        }
        top = Math.min(top, colTop);
        bottom = Math.max(bottom, colBottom);
        if (count > bestCount) {
          bestCount = count;
          bestColumn = x;
        }
      } else if (runStart >= 0) {
        if (bottom - top + 1 >= MIN_HEIGHT) {
          out.add(new Found(bestColumn, top, bottom));
        }
        runStart = -1;
        top = Integer.MAX_VALUE;
        bottom = -1;
        bestCount = 0;
      }
    }
    return out;
  }
}

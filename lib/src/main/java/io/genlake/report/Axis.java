package io.genlake.report;

/**
 * A value axis: its title (with the unit, e.g. {@code "pass rate (%)"}) and its fixed range. Charts never pick
 * their range from the data, so an axis is never truncated to exaggerate a difference: the range is the
 * quantity's own (0–100 for a percentage, 1–5 for a rating, −1 to 1 for a correlation).
 *
 * @param title axis title, unit included
 * @param min lowest value shown
 * @param max highest value shown
 */
public record Axis(String title, double min, double max) {
  /** Checks that the range is finite and not empty. */
  public Axis {
    if (title == null || title.isBlank()) {
      throw new IllegalArgumentException("An axis needs a title that says what is measured and in which unit.");
    }
    if (!Double.isFinite(min) || !Double.isFinite(max) || min >= max) {
      throw new IllegalArgumentException("Axis '" + title + "' has range " + min + " to " + max
          + ": give finite bounds with min < max.");
    }
  }

  /** True when {@code v} lies within the axis range (bounds included). */
  public boolean contains(double v) {
    return v >= min && v <= max;
  }
}

package io.genlake.report;

import java.util.List;
import java.util.Optional;

/**
 * What a heat map shows: a matrix of values on a fixed, symmetric range (e.g. correlations from −1 to 1), rows and
 * columns labelled, each cell with its n and whether it is significant. Cells with a value are coloured and labelled
 * with it, significant ones bold and starred ({@link HeatMaps}); a grey cell has no value, and the page's table lists
 * every cell. The same object is embedded in the page as JSON.
 *
 * @param id identifier, unique in its page ({@code [a-z0-9-]+})
 * @param title chart title
 * @param rowAxis what the rows are, e.g. {@code "parameter"}
 * @param columnAxis what the columns are, e.g. {@code "outcome"}
 * @param valueName what the values are, e.g. {@code "Pearson r"}
 * @param min lowest value of the colour scale
 * @param max highest value of the colour scale
 * @param significanceName what significant means, e.g. {@code "BH q <= 0.05"}
 * @param rows row labels, top to bottom
 * @param columns column labels, left to right
 * @param cells the cells (any subset of rows × columns)
 */
public record HeatMap(String id, String title, String rowAxis, String columnAxis, String valueName, double min,
    double max, String significanceName, List<String> rows, List<String> columns, List<Cell> cells) {

  /** One cell: its row and column (indexes), n, value (empty when undefined) and significance. */
  public record Cell(int row, int column, long n, Optional<Double> value, boolean significant) {}

  /** Checks the id, the range and that every cell is inside the matrix and the range. */
  public HeatMap {
    if (id == null || !id.matches("[a-z0-9-]+")) {
      throw new IllegalArgumentException("Chart id '" + id + "' must match [a-z0-9-]+.");
    }
    if (!(min < max)) {
      throw new IllegalArgumentException("Heat map " + id + " needs min < max, got " + min + " and " + max + ".");
    }
    rows = List.copyOf(rows);
    columns = List.copyOf(columns);
    cells = List.copyOf(cells);
    if (rows.isEmpty() || columns.isEmpty()) {
      throw new IllegalArgumentException("Heat map " + id + " has no rows or no columns: leave it out instead.");
    }
    for (Cell c : cells) {
      if (c.row() < 0 || c.row() >= rows.size() || c.column() < 0 || c.column() >= columns.size()) {
        throw new IllegalArgumentException("Heat map " + id + " has a cell outside its " + rows.size() + " x "
            + columns.size() + " matrix: row " + c.row() + ", column " + c.column() + ".");
      }
      if (c.value().isPresent() && (c.value().get() < min || c.value().get() > max)) {
        throw new IllegalArgumentException("Heat map " + id + ": cell " + rows.get(c.row()) + " / "
            + columns.get(c.column()) + " has value " + c.value().get() + ", outside " + min + " to " + max + ".");
      }
    }
  }
}

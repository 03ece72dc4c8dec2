package io.genlake.warehouse;

/** A job needs a table that no run has written yet. */
public final class MissingTableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MissingTableException(TableId id, String location) {
    super("Table " + id + " does not exist yet (expected a Delta table at " + location
        + "). Run the step that writes it first, e.g. `bin/genlake nightly`.");
  }
}

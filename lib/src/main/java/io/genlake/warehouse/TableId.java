package io.genlake.warehouse;

import java.util.Objects;
import java.util.regex.Pattern;

/** A table's address in the warehouse: layer plus name, written {@code layer.name} in SQL. */
public record TableId(Layer layer, String name) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  public TableId {
    Objects.requireNonNull(layer, "layer");
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "Invalid table name '" + name + "': expected lower-case letters, digits and underscores.");
    }
  }

  public static TableId bronze(String name) {
    return new TableId(Layer.BRONZE, name);
  }

  public static TableId silver(String name) {
    return new TableId(Layer.SILVER, name);
  }

  public static TableId gold(String name) {
    return new TableId(Layer.GOLD, name);
  }

  public static TableId quarantine(String name) {
    return new TableId(Layer.QUARANTINE, name);
  }

  public static TableId ops(String name) {
    return new TableId(Layer.OPS, name);
  }

  /** {@code silver.generations}: the name tables are registered under in the session catalog. */
  public String qualifiedName() {
    return layer.dirName() + "." + name;
  }

  @Override
  public String toString() {
    return qualifiedName();
  }
}

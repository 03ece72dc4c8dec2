package io.genlake.warehouse;

import java.util.Locale;

/** The medallion layers; each is a directory under the warehouse root and a database in the catalog. */
public enum Layer {
  BRONZE,
  SILVER,
  GOLD,
  QUARANTINE,
  OPS;

  /** The directory and database name, e.g. {@code silver}. */
  public String dirName() {
    return name().toLowerCase(Locale.ROOT);
  }
}

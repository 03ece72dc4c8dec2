package io.genlake.ingest;

import io.genlake.table.BronzeTables;
import io.genlake.table.QuarantineTables;
import io.genlake.warehouse.TableId;
import java.util.Locale;

/** A landing stream: one bronze table and one quarantine table, feeding one or more silver tables. */
public enum Stream {
  GENERATIONS(BronzeTables.GENERATIONS, QuarantineTables.GENERATIONS),
  RATINGS(BronzeTables.RATINGS, QuarantineTables.RATINGS),
  FEEDBACK(BronzeTables.FEEDBACK, QuarantineTables.FEEDBACK),
  REFERENCE(BronzeTables.REFERENCE, QuarantineTables.REFERENCE);

  private final TableId bronze;
  private final TableId quarantine;

  Stream(TableId bronze, TableId quarantine) {
    this.bronze = bronze;
    this.quarantine = quarantine;
  }

  /** {@code bronze.<stream>}: raw records as received, with lineage. */
  public TableId bronze() {
    return bronze;
  }

  /** {@code quarantine.<stream>}: rejected records with their rule and reason. */
  public TableId quarantine() {
    return quarantine;
  }

  /** The name used on the command line and in counts: {@code generations}, {@code ratings}, ... */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}

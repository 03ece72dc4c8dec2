package io.genlake.table;

import static io.genlake.table.Fields.required;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.StructType;

/**
 * Quarantine contracts: {@code quarantine.generations|ratings|feedback|reference} hold every rejected landing
 * record, whole, with where it came from, the rule it broke and a message that names the field and value.
 * A record already quarantined (same source, line and checksum) is not quarantined again.
 */
public final class QuarantineTables {
  public static final TableId GENERATIONS = TableId.quarantine("generations");
  public static final TableId RATINGS = TableId.quarantine("ratings");
  public static final TableId FEEDBACK = TableId.quarantine("feedback");
  public static final TableId REFERENCE = TableId.quarantine("reference");

  public static final String SOURCE = Lineage.SOURCE;
  public static final String SOURCE_LINE = Lineage.SOURCE_LINE;
  public static final String KIND = BronzeTables.KIND;
  /** The rule id, e.g. {@code out_of_range} (see docs/ingest.md for the list). */
  public static final String RULE = "rule";
  /** The message, e.g. {@code line 42 has fit_rating 7, expected 1 to 5}. */
  public static final String REASON = "reason";
  public static final String RECORD = BronzeTables.RECORD;
  public static final String CHECKSUM = BronzeTables.CHECKSUM;
  public static final String INGEST_RUN_ID = Lineage.INGEST_RUN_ID;
  public static final String QUARANTINED_AT = "quarantined_at";

  public static final StructType SCHEMA = Fields.schema(
      required(SOURCE, StringType),
      required(SOURCE_LINE, LongType),
      required(KIND, StringType),
      required(RULE, StringType),
      required(REASON, StringType),
      required(RECORD, StringType),
      required(CHECKSUM, StringType),
      required(INGEST_RUN_ID, StringType),
      required(QUARANTINED_AT, TimestampType));

  private QuarantineTables() {}

  /** The contract of one quarantine table; file statistics on source and line only (as bronze). */
  public static TableSpec spec(TableId table) {
    return new TableSpec(table, SCHEMA, List.of(), List.of(), Map.of(), false).withStatsColumns(SOURCE, SOURCE_LINE);
  }
}

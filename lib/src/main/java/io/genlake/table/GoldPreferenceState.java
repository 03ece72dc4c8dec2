package io.genlake.table;

import static io.genlake.table.Fields.required;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold.preference_state}: one row per preference run, the watermark of the incremental update: the
 * decayed sums in {@code gold.preference_pair_stats} are as of {@code as_of} and include every event created
 * at or before it and ingested at or before {@code ingested_through}.
 */
public final class GoldPreferenceState {
  public static final TableId TABLE = TableId.gold("preference_state");

  public static final String RUN_ID = "run_id";
  public static final String AS_OF = "as_of";
  public static final String INGESTED_THROUGH = "ingested_through";
  /** full | incremental | import. */
  public static final String MODE = "mode";
  public static final String EVENTS_ADDED = "events_added";
  public static final String WRITTEN_AT = "written_at";

  public static final StructType SCHEMA = Fields.schema(
      required(RUN_ID, StringType),
      required(AS_OF, TimestampType),
      required(INGESTED_THROUGH, TimestampType),
      required(MODE, StringType),
      required(EVENTS_ADDED, LongType),
      required(WRITTEN_AT, TimestampType));

  public static final TableSpec SPEC = TableSpec.simple(TABLE, SCHEMA);

  private GoldPreferenceState() {}
}

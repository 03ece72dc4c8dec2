package io.genlake.table;

import static io.genlake.table.Fields.required;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold.preference_state}: one row per preference run, the watermark of the incremental update: the sums in
 * {@code gold.preference_pair_stats} include every event created at or before {@code as_of} (the end of the run
 * date) and ingested at or before {@code ingested_through}, decayed with the time constant
 * {@code time_constant_days}; {@code events_total} events in all since the last full recompute. The statistics are
 * the base {@code gold.preference_pair_stats} and {@code gold.preference_pair_increments} folded; the row counts of
 * both after the run ({@code pair_rows}, {@code increment_rows}) decide when the next run folds, without a scan.
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
  /** The decay time constant (days) the stored sums were computed with; another one forces a full recompute. */
  public static final String TIME_CONSTANT_DAYS = "time_constant_days";
  /** Events counted in the statistics since the last full recompute (the evaluation's refresh measure). */
  public static final String EVENTS_TOTAL = "events_total";
  /** Rows of the base {@code gold.preference_pair_stats} after the run (it is rewritten only by a fold). */
  public static final String PAIR_ROWS = "pair_rows";
  /** Rows of {@code gold.preference_pair_increments} after the run (0 after a fold). */
  public static final String INCREMENT_ROWS = "increment_rows";

  public static final StructType SCHEMA = Fields.schema(
      required(RUN_ID, StringType),
      required(AS_OF, TimestampType),
      required(INGESTED_THROUGH, TimestampType),
      required(MODE, StringType),
      required(EVENTS_ADDED, LongType),
      required(WRITTEN_AT, TimestampType),
      required(TIME_CONSTANT_DAYS, DoubleType),
      required(EVENTS_TOTAL, LongType),
      required(PAIR_ROWS, LongType),
      required(INCREMENT_ROWS, LongType));

  public static final TableSpec SPEC = TableSpec.simple(TABLE, SCHEMA);

  private GoldPreferenceState() {}
}

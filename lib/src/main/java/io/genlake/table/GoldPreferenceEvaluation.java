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
 * {@code gold.preference_evaluation}: time-split replay. Statistics are built from events up to {@code cutoff};
 * for each later selection, a method's recommendation among the candidates is a hit when it is the checkpoint
 * the user picked. One row per method: {@code context_aware}, {@code global_popularity} (baseline).
 */
public final class GoldPreferenceEvaluation {
  public static final TableId TABLE = TableId.gold("preference_evaluation");

  public static final String RUN_ID = "run_id";
  public static final String CUTOFF = "cutoff";
  public static final String METHOD = "method";
  public static final String TRAIN_EVENTS = "train_events";
  /** Held-out selections replayed (those with at least two candidate checkpoints). */
  public static final String TEST_EVENTS = "test_events";
  public static final String HITS = "hits";
  public static final String HIT_RATE = "hit_rate";
  /** Hit rate expected from a uniform random pick among the same candidates. */
  public static final String RANDOM_HIT_RATE = "random_hit_rate";

  public static final String CONTEXT_AWARE = "context_aware";
  public static final String GLOBAL_POPULARITY = "global_popularity";

  public static final StructType SCHEMA = Fields.schema(
      required(RUN_ID, StringType),
      required(CUTOFF, TimestampType),
      required(METHOD, StringType),
      required(TRAIN_EVENTS, LongType),
      required(TEST_EVENTS, LongType),
      required(HITS, LongType),
      required(HIT_RATE, DoubleType),
      required(RANDOM_HIT_RATE, DoubleType));

  public static final TableSpec SPEC = TableSpec.simple(TABLE, SCHEMA);

  private GoldPreferenceEvaluation() {}
}

package io.genlake.table;

import static io.genlake.table.Fields.required;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold.preference_evaluation}: offline replay with a time split. Statistics are built from the events up to
 * {@code cutoff}; every later event (selected or rejected) is replayed: a method's choice among the checkpoints seen
 * in training matches the event when it is the event's checkpoint, and the replay hit rate is the share of matched
 * events that were selected (how often people select what the method recommends). One row per method, with
 * bootstrap 95 % intervals of the hit rate and of its difference to global popularity (the baseline).
 */
public final class GoldPreferenceEvaluation {
  public static final TableId TABLE = TableId.gold("preference_evaluation");

  public static final String RUN_ID = "run_id";
  public static final String CUTOFF = "cutoff";
  /** One of {@link #METHODS}. */
  public static final String METHOD = "method";
  /** Whether this is the method {@code recommend} uses (config {@code preference.ranking}). */
  public static final String IS_DEFAULT = "is_default";
  public static final String TRAIN_EVENTS = "train_events";
  /** Held-out events replayed (selected and rejected). */
  public static final String TEST_EVENTS = "test_events";
  /** Held-out events whose checkpoint is the method's choice. */
  public static final String MATCHED = "matched";
  /** Matched events that were selected. */
  public static final String HITS = "hits";
  /** hits / matched: the replay hit rate. */
  public static final String HIT_RATE = "hit_rate";
  /** Bootstrap 95 % interval of the hit rate (2.5th and 97.5th percentiles). */
  public static final String HIT_RATE_LOW = "hit_rate_low";
  public static final String HIT_RATE_HIGH = "hit_rate_high";
  /** Bootstrap 95 % interval of (hit rate - global popularity's hit rate) over the same resamples. */
  public static final String VS_POPULARITY_LOW = "vs_popularity_low";
  public static final String VS_POPULARITY_HIGH = "vs_popularity_high";
  /** Held-out selections. */
  public static final String SELECTIONS = "selections";
  /** hits / selections: how often the method's choice was the checkpoint picked (favours frequently used ones). */
  public static final String PICK_RATE = "pick_rate";
  /** The held-out events' selection rate: a uniformly random choice's expected hit rate. */
  public static final String RANDOM_HIT_RATE = "random_hit_rate";
  /** The statistics' event total when evaluated (the evaluation is run again when it has grown enough). */
  public static final String EVENTS_TOTAL = "events_total";

  public static final String GLOBAL_POPULARITY = "global_popularity";
  public static final String KEYWORD_POPULARITY = "keyword_popularity";
  public static final String SEED_BAYESIAN = "seed_bayesian";
  public static final String BETA_POSTERIOR = "beta_posterior";
  public static final String THOMPSON_SAMPLING = "thompson_sampling";
  public static final String KEYWORD_LIFT = "keyword_lift";
  public static final List<String> METHODS =
      List.of(GLOBAL_POPULARITY, KEYWORD_POPULARITY, SEED_BAYESIAN, BETA_POSTERIOR, THOMPSON_SAMPLING, KEYWORD_LIFT);

  public static final StructType SCHEMA = Fields.schema(
      required(RUN_ID, StringType),
      required(CUTOFF, TimestampType),
      required(METHOD, StringType),
      required(IS_DEFAULT, BooleanType),
      required(TRAIN_EVENTS, LongType),
      required(TEST_EVENTS, LongType),
      required(MATCHED, LongType),
      required(HITS, LongType),
      required(HIT_RATE, DoubleType),
      required(HIT_RATE_LOW, DoubleType),
      required(HIT_RATE_HIGH, DoubleType),
      required(VS_POPULARITY_LOW, DoubleType),
      required(VS_POPULARITY_HIGH, DoubleType),
      required(SELECTIONS, LongType),
      required(PICK_RATE, DoubleType),
      required(RANDOM_HIT_RATE, DoubleType),
      required(EVENTS_TOTAL, LongType));

  public static final TableSpec SPEC = TableSpec.simple(TABLE, SCHEMA);

  private GoldPreferenceEvaluation() {}
}

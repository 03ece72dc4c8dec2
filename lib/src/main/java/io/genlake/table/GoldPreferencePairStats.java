package io.genlake.table;

import static io.genlake.table.Fields.required;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold.preference_pair_stats}: seed 003's preference_stats, one row per (user or global, kind, item a,
 * item b): raw select/reject counts and time-decayed sums kept as of the pair's own newest event
 * ({@link #LAST_EVENT_AT}), so sums of the same pair merge exactly. This table is the base as of the last fold: the
 * current statistics are it and {@link GoldPreferencePairIncrements} folded ({@code PreferenceLearning.pairStatistics},
 * the view {@code gold.preference_pair_stats_current}). Scores are not stored:
 * they depend on the anchor the decayed sums are read at (the scope's newest event, or the run date), and are
 * computed when read ({@code PreferenceLearning.scoredPairs}, the serving snapshot).
 */
public final class GoldPreferencePairStats {
  public static final TableId TABLE = TableId.gold("preference_pair_stats");

  /** The user the counts belong to, or {@link #GLOBAL} for the aggregate of the users who share. */
  public static final String USER_ID = "user_id";
  /** One of {@link #KINDS}. */
  public static final String KIND = "kind";
  /** The keyword (or the checkpoint for checkpoint_lora and checkpoint). */
  public static final String ITEM_A = "item_a";
  /** The checkpoint, LoRA or negative-prompt keyword; empty for the checkpoint kind. */
  public static final String ITEM_B = "item_b";
  public static final String SELECTED = "selected";
  public static final String REJECTED = "rejected";
  public static final String TOTAL = "total";
  /** Sum over selections of exp(-(last_event_at - t) / tau), tau the decay time constant in days. */
  public static final String DECAYED_SELECTED = "decayed_selected";
  /** Sum over rejections of exp(-(last_event_at - t) / tau). */
  public static final String DECAYED_REJECTED = "decayed_rejected";
  /** The pair's newest counted event: the time its decayed sums are kept as of. */
  public static final String LAST_EVENT_AT = "last_event_at";

  public static final String GLOBAL = "*";
  public static final String KEYWORD_CHECKPOINT = "keyword_checkpoint";
  public static final String KEYWORD_LORA = "keyword_lora";
  public static final String CHECKPOINT_LORA = "checkpoint_lora";
  public static final String KEYWORD_NEGATIVE = "keyword_negative";
  /** A checkpoint's events in the scope, whatever the prompt (item_b empty): popularity and the scope's newest event. */
  public static final String CHECKPOINT = "checkpoint";
  public static final List<String> KINDS =
      List.of(KEYWORD_CHECKPOINT, KEYWORD_LORA, CHECKPOINT_LORA, KEYWORD_NEGATIVE, CHECKPOINT);

  /** The key columns, in order. */
  public static final List<String> KEY = List.of(USER_ID, KIND, ITEM_A, ITEM_B);

  public static final StructType SCHEMA = Fields.schema(
      required(USER_ID, StringType),
      required(KIND, StringType),
      required(ITEM_A, StringType),
      required(ITEM_B, StringType),
      required(SELECTED, LongType),
      required(REJECTED, LongType),
      required(TOTAL, LongType),
      required(DECAYED_SELECTED, DoubleType),
      required(DECAYED_REJECTED, DoubleType),
      required(LAST_EVENT_AT, TimestampType));

  public static final TableSpec SPEC = new TableSpec(TABLE, SCHEMA, KEY, List.of(), java.util.Map.of(), false);

  // the scored form, computed when read (PreferenceLearning.scoredPairs): decayed sums at the scope's anchor
  /** The time the scored row's decayed sums are read at: its scope's newest event, or the end of the run date. */
  public static final String AS_OF = "as_of";
  /** decayed_selected + decayed_rejected at {@link #AS_OF}: the effective (decayed) number of events n. */
  public static final String DECAYED_TOTAL = "decayed_total";
  /** Seed formula: (1 - w) * prior + w * rate, w = n / (n + k), on the decayed counts. */
  public static final String SEED_SCORE = "seed_score";
  /** Beta posterior mean on the decayed counts. */
  public static final String BETA_MEAN = "beta_mean";
  /** Wilson score lower bound on the decayed counts. */
  public static final String WILSON_LOWER = "wilson_lower";
  /** min(decayed_total / 100, 1). */
  public static final String CONFIDENCE = "confidence";
  /** insufficient | some | strong. */
  public static final String EVIDENCE = "evidence";

  /**
   * The scored form: the stored columns up to {@link #DECAYED_REJECTED} (the decayed sums read at {@link #AS_OF}),
   * then the effective total, the scores, the anchor and {@link #LAST_EVENT_AT}.
   */
  public static final StructType SCORED = Fields.schema(
      List.of(SCHEMA.fields()).subList(0, SCHEMA.fieldIndex(DECAYED_REJECTED) + 1),
      List.of(
          required(DECAYED_TOTAL, DoubleType),
          required(SEED_SCORE, DoubleType),
          required(BETA_MEAN, DoubleType),
          required(WILSON_LOWER, DoubleType),
          required(CONFIDENCE, DoubleType),
          required(EVIDENCE, StringType),
          required(AS_OF, TimestampType),
          required(LAST_EVENT_AT, TimestampType)));

  private GoldPreferencePairStats() {}
}

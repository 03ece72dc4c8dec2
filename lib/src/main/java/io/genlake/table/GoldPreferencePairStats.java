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
 * item b): raw and time-decayed select/reject counts as of {@code as_of}, and the scores computed from the
 * decayed counts. Also the running state of the incremental nightly update.
 */
public final class GoldPreferencePairStats {
  public static final TableId TABLE = TableId.gold("preference_pair_stats");

  /** The user the counts belong to, or {@link #GLOBAL} for the aggregate of the users who share. */
  public static final String USER_ID = "user_id";
  /** One of {@link #KINDS}. */
  public static final String KIND = "kind";
  /** The keyword (or checkpoint for checkpoint_lora). */
  public static final String ITEM_A = "item_a";
  /** The checkpoint, LoRA or negative-prompt keyword. */
  public static final String ITEM_B = "item_b";
  public static final String SELECTED = "selected";
  public static final String REJECTED = "rejected";
  public static final String TOTAL = "total";
  /** Sum over selections of exp(-age_days / decay_days) at {@link #AS_OF}. */
  public static final String DECAYED_SELECTED = "decayed_selected";
  public static final String DECAYED_REJECTED = "decayed_rejected";
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
  public static final String AS_OF = "as_of";

  public static final String GLOBAL = "*";
  public static final String KEYWORD_CHECKPOINT = "keyword_checkpoint";
  public static final String KEYWORD_LORA = "keyword_lora";
  public static final String CHECKPOINT_LORA = "checkpoint_lora";
  public static final String KEYWORD_NEGATIVE = "keyword_negative";
  public static final List<String> KINDS = List.of(KEYWORD_CHECKPOINT, KEYWORD_LORA, CHECKPOINT_LORA, KEYWORD_NEGATIVE);

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
      required(DECAYED_TOTAL, DoubleType),
      required(SEED_SCORE, DoubleType),
      required(BETA_MEAN, DoubleType),
      required(WILSON_LOWER, DoubleType),
      required(CONFIDENCE, DoubleType),
      required(EVIDENCE, StringType),
      required(AS_OF, TimestampType));

  public static final TableSpec SPEC = new TableSpec(TABLE, SCHEMA, KEY, List.of(), java.util.Map.of(), false);

  private GoldPreferencePairStats() {}
}

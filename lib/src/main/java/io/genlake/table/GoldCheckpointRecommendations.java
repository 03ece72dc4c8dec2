package io.genlake.table;

import static io.genlake.table.Fields.optional;
import static io.genlake.table.Fields.required;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold.checkpoint_recommendations}: for each distinct (user, prompt, model family) of a day and each
 * checkpoint pool of that family, the ranked recommendation: best checkpoint, mode, checkpoints to try, the Thompson
 * choice with every candidate's choice probability (kept for off-policy evaluation), the keywords that drove the
 * recommended checkpoint's score, the LoRAs with their strengths and the parameters advised with it. The day is the
 * run date, or the newest earlier day with prompts when the data has not reached the run date ({@link #PROMPTS_DATE}).
 */
public final class GoldCheckpointRecommendations {
  public static final TableId TABLE = TableId.gold("checkpoint_recommendations");

  public static final String RUN_DATE = "run_date";
  /** The day whose prompts were ranked: the run date, or the newest earlier day with prompts. */
  public static final String PROMPTS_DATE = "prompts_date";
  /** Empty string for prompts without a user. */
  public static final String USER_ID = "user_id";
  public static final String PROMPT = "prompt";
  public static final String MODEL_FAMILY = "model_family";
  /** The pool's config key, {@code <family>_<tier>}, or {@code observed} (most selected checkpoints). */
  public static final String POOL = "pool";
  public static final String KEYWORDS = "keywords";
  public static final String RECOMMENDED = "recommended";
  /** exploit | exploit+explore | explore. */
  public static final String MODE = "mode";
  public static final String TO_TRY = "to_try";
  public static final String CONFIDENCE = "confidence";
  public static final String SCORE = "score";
  /** Every candidate's averaged keyword score. */
  public static final String SCORES = "scores";
  public static final String THOMPSON_CHOICE = "thompson_choice";
  public static final String CHOICE_PROBABILITIES = "choice_probabilities";
  /** The prompt's keywords without any statistics (all of them: ranked by the checkpoints' overall scores). */
  public static final String UNKNOWN_KEYWORDS = "unknown_keywords";
  /** Per keyword: what it contributed to the recommended checkpoint's score, largest first. */
  public static final String EXPLANATION = "explanation";
  /** LoRAs recommended with the checkpoint, best first, with their strength advice. */
  public static final String LORAS = "loras";
  /** Suggested parameters (steps, cfg_scale, sampler where known). */
  public static final String PARAMETERS = "parameters";

  /** One keyword's part in the score ({@code Recommender.KeywordDriver}). */
  public static final StructType DRIVER = Fields.schema(
      required("keyword", StringType), required("selected", DataTypes.LongType), required("total", DataTypes.LongType),
      required("decayed_total", DoubleType), required("weight", DoubleType), required("score", DoubleType),
      required("contribution", DoubleType));
  /** One recommended LoRA ({@code Advisor.LoraAdvice}); strength columns null when no selected use gave one. */
  public static final StructType LORA = Fields.schema(
      required("lora", StringType), required("score", DoubleType), required("evidence", DoubleType),
      optional("strength", DoubleType), optional("strength_sd", DoubleType),
      required("strength_evidence", DataTypes.LongType), optional("rejected_strength", DoubleType));
  /** One suggested parameter ({@code Advisor.ParameterAdvice}). */
  public static final StructType PARAMETER = Fields.schema(
      required("parameter", StringType), required("value", StringType), required("mean", DoubleType),
      optional("sd", DoubleType), required("evidence", DataTypes.LongType), optional("rejected_mean", DoubleType));

  public static final MapType DOUBLE_MAP = DataTypes.createMapType(StringType, DoubleType, true);

  public static final StructType SCHEMA = Fields.schema(
      required(RUN_DATE, DateType),
      required(PROMPTS_DATE, DateType),
      required(USER_ID, StringType),
      required(PROMPT, StringType),
      optional(MODEL_FAMILY, StringType),
      required(POOL, StringType),
      required(KEYWORDS, Fields.STRINGS),
      required(RECOMMENDED, StringType),
      required(MODE, StringType),
      required(TO_TRY, Fields.STRINGS),
      required(CONFIDENCE, DoubleType),
      required(SCORE, DoubleType),
      required(SCORES, DOUBLE_MAP),
      optional(THOMPSON_CHOICE, StringType),
      required(CHOICE_PROBABILITIES, DOUBLE_MAP),
      required(UNKNOWN_KEYWORDS, Fields.STRINGS),
      required(EXPLANATION, DataTypes.createArrayType(DRIVER, true)),
      required(LORAS, DataTypes.createArrayType(LORA, true)),
      required(PARAMETERS, DataTypes.createArrayType(PARAMETER, true)));

  public static final TableSpec SPEC = new TableSpec(TABLE, SCHEMA, List.of(RUN_DATE, USER_ID, PROMPT, MODEL_FAMILY, POOL),
      List.of(), java.util.Map.of(), false);

  private GoldCheckpointRecommendations() {}
}

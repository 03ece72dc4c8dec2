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
 * {@code gold.checkpoint_recommendations}: for each distinct (user, prompt, model family) of a run date and each
 * checkpoint pool of that family, the ranked recommendation: best checkpoint, mode, checkpoints to try, and the
 * Thompson choice with every candidate's choice probability (kept for off-policy evaluation).
 */
public final class GoldCheckpointRecommendations {
  public static final TableId TABLE = TableId.gold("checkpoint_recommendations");

  public static final String RUN_DATE = "run_date";
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

  public static final MapType DOUBLE_MAP = DataTypes.createMapType(StringType, DoubleType, true);

  public static final StructType SCHEMA = Fields.schema(
      required(RUN_DATE, DateType),
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
      required(CHOICE_PROBABILITIES, DOUBLE_MAP));

  public static final TableSpec SPEC = new TableSpec(TABLE, SCHEMA, List.of(RUN_DATE, USER_ID, PROMPT, MODEL_FAMILY, POOL),
      List.of(), java.util.Map.of(), false);

  private GoldCheckpointRecommendations() {}
}

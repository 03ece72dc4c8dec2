package io.genlake.table;

import static io.genlake.table.Fields.optional;
import static io.genlake.table.Fields.required;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.StructType;

/** {@code silver.preference_events}: seed 003's user_preferences, one select or reject of a checkpoint for a prompt. */
public final class SilverPreferenceEvents {
  public static final TableId TABLE = TableId.silver("preference_events");

  public static final String EVENT_ID = "event_id";
  public static final String USER_ID = "user_id";
  public static final String PROMPT = "prompt";
  public static final String NEGATIVE_PROMPT = "negative_prompt";
  /** Keywords as the app recorded them, if it did; genlake re-extracts its own from the prompt. */
  public static final String APP_KEYWORDS = "app_keywords";
  public static final String CHECKPOINT = "checkpoint";
  public static final String LORAS = "loras";
  /** selected | rejected. */
  public static final String ACTION = "action";
  public static final String MODEL_FAMILY = "model_family";
  public static final String TASK_TYPE = "task_type";
  public static final String GENERATION_ID = "generation_id";
  /** Whether the user shares preferences with the global statistics; null means the config default. */
  public static final String SHARE_PREFERENCES = "share_preferences";
  public static final String CREATED_AT = "created_at";

  public static final List<String> ACTIONS = List.of("selected", "rejected");

  public static final StructType SCHEMA = Fields.schema(List.of(
      required(EVENT_ID, StringType),
      optional(USER_ID, StringType),
      optional(PROMPT, StringType),
      optional(NEGATIVE_PROMPT, StringType),
      required(APP_KEYWORDS, Fields.STRINGS),
      required(CHECKPOINT, StringType),
      required(LORAS, Fields.LORAS),
      required(ACTION, StringType),
      optional(MODEL_FAMILY, StringType),
      optional(TASK_TYPE, StringType),
      optional(GENERATION_ID, StringType),
      optional(SHARE_PREFERENCES, BooleanType),
      required(CREATED_AT, TimestampType)), Lineage.COLUMNS);

  public static final TableSpec SPEC = new TableSpec(TABLE, SCHEMA, List.of(EVENT_ID), List.of(),
      Map.of("action_known", ACTION + " IN ('selected','rejected')"), true)
      .withStatsColumns(EVENT_ID, Lineage.EVENT_TIME);

  private SilverPreferenceEvents() {}
}

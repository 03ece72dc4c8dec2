package io.genlake.table;

import static io.genlake.table.Fields.optional;
import static io.genlake.table.Fields.required;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import org.apache.spark.sql.types.StructType;

/** {@code gold.feedback_examples}: The best feedback examples per category (seed 004's get_best_feedback_examples): passed attempts with feedback text, highest realism score first. */
public final class GoldFeedbackExamples {
  public static final TableId TABLE = TableId.gold("feedback_examples");

  public static final String FEEDBACK_CATEGORY = "feedback_category";
  /** 1 = best within the category. */
  public static final String RANK = "rank";
  public static final String ATTEMPT_ID = "attempt_id";
  public static final String MATERIAL = "material";
  public static final String REALISM_SCORE = "realism_score";
  public static final String FEEDBACK_TEXT = "feedback_text";
  public static final String FEEDBACK_SOURCE = "feedback_source";
  public static final String ATTEMPTED_AT = "attempted_at";

  public static final StructType SCHEMA = Fields.schema(
      required(FEEDBACK_CATEGORY, StringType),
      required(RANK, IntegerType),
      required(ATTEMPT_ID, StringType),
      required(MATERIAL, StringType),
      optional(REALISM_SCORE, IntegerType),
      required(FEEDBACK_TEXT, StringType),
      optional(FEEDBACK_SOURCE, StringType),
      required(ATTEMPTED_AT, TimestampType));

  public static final TableSpec SPEC = TableSpec.simple(TABLE, SCHEMA);

  private GoldFeedbackExamples() {}
}

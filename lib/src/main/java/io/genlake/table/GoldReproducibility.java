package io.genlake.table;

import static io.genlake.table.Fields.optional;
import static io.genlake.table.Fields.required;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold.reproducibility}: one row per canonical hash shared by two or more (not deleted) generations,
 * with how far their outcomes agree. The hash covers provider, operation, model and checkpoint, so each group
 * belongs to one provider. Same hash but different status, a selected and a rejected candidate, or average fit
 * ratings further apart than {@code enrich.rating_spread} = non-determinism.
 */
public final class GoldReproducibility {
  public static final TableId TABLE = TableId.gold("reproducibility");

  public static final String CANONICAL_HASH = "canonical_hash";
  public static final String PROVIDER = "provider";
  public static final String OPERATION_TYPE = "operation_type";
  public static final String MODEL_NAME = "model_name";
  public static final String CHECKPOINT = "checkpoint";
  public static final String GENERATIONS = "generations";
  /** Generations with a final status (completed, failed, cancelled). */
  public static final String FINISHED = "finished";
  public static final String COMPLETED = "completed";
  public static final String FAILED = "failed";
  /** The distinct final statuses seen, sorted. */
  public static final String STATUSES = "statuses";
  /** Share of finished generations in the most common final status (1.0 = full agreement); null if none finished. */
  public static final String OUTCOME_AGREEMENT = "outcome_agreement";
  public static final String SELECTED = "selected";
  public static final String REJECTED = "rejected";
  /** Generations with at least one block-fit rating. */
  public static final String RATED_GENERATIONS = "rated_generations";
  /** Lowest and highest per-generation average fit rating (1-5) in the group. */
  public static final String MIN_FIT_RATING = "min_fit_rating";
  public static final String MAX_FIT_RATING = "max_fit_rating";
  public static final String NON_DETERMINISTIC = "non_deterministic";
  /** Why the group is non-deterministic: any of status, selection, rating. */
  public static final String REASONS = "reasons";
  public static final String FIRST_CREATED_AT = "first_created_at";
  public static final String LAST_CREATED_AT = "last_created_at";

  public static final StructType SCHEMA = Fields.schema(
      required(CANONICAL_HASH, StringType),
      required(PROVIDER, StringType),
      optional(OPERATION_TYPE, StringType),
      optional(MODEL_NAME, StringType),
      optional(CHECKPOINT, StringType),
      required(GENERATIONS, LongType),
      required(FINISHED, LongType),
      required(COMPLETED, LongType),
      required(FAILED, LongType),
      required(STATUSES, Fields.STRINGS),
      optional(OUTCOME_AGREEMENT, DoubleType),
      required(SELECTED, LongType),
      required(REJECTED, LongType),
      required(RATED_GENERATIONS, LongType),
      optional(MIN_FIT_RATING, DoubleType),
      optional(MAX_FIT_RATING, DoubleType),
      required(NON_DETERMINISTIC, BooleanType),
      required(REASONS, Fields.STRINGS),
      required(FIRST_CREATED_AT, TimestampType),
      required(LAST_CREATED_AT, TimestampType));

  public static final TableSpec SPEC = TableSpec.simple(TABLE, SCHEMA);

  private GoldReproducibility() {}
}

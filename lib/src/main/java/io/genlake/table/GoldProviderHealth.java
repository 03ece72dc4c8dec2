package io.genlake.table;

import static io.genlake.table.Fields.optional;
import static io.genlake.table.Fields.required;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold.provider_health}: seed 001 phase 7 telemetry, one row per provider and UTC day of created_at
 * (not deleted generations): requests, outcome counts, success rate, most frequent failure reasons, latency
 * percentiles and cost.
 */
public final class GoldProviderHealth {
  public static final TableId TABLE = TableId.gold("provider_health");

  public static final String PROVIDER = "provider";
  public static final String DAY = "day";
  public static final String REQUESTS = "requests";
  public static final String COMPLETED = "completed";
  public static final String FAILED = "failed";
  public static final String CANCELLED = "cancelled";
  /** Still pending or processing. */
  public static final String IN_PROGRESS = "in_progress";
  /** completed / (completed + failed + cancelled); null when none finished. */
  public static final String SUCCESS_RATE = "success_rate";
  /** The enrich.failure_reasons_top most frequent first lines of error_message of failed generations. */
  public static final String FAILURE_REASONS = "failure_reasons";
  public static final String REASON = "reason";
  public static final String COUNT = "count";
  /** Latency percentiles (ms) over generations with a latency; approximate (relative error 1/10,000). */
  public static final String LATENCY_P50_MS = "latency_p50_ms";
  public static final String LATENCY_P95_MS = "latency_p95_ms";
  public static final String LATENCY_P99_MS = "latency_p99_ms";
  public static final String COST_USD_TOTAL = "cost_usd_total";
  /** cost_usd_total / completed; null when none completed. */
  public static final String COST_USD_PER_COMPLETED = "cost_usd_per_completed";

  public static final StructType REASON_COUNT = Fields.schema(
      optional(REASON, StringType), optional(COUNT, LongType));
  public static final ArrayType REASON_COUNTS = DataTypes.createArrayType(REASON_COUNT, true);

  public static final StructType SCHEMA = Fields.schema(
      required(PROVIDER, StringType),
      required(DAY, DateType),
      required(REQUESTS, LongType),
      required(COMPLETED, LongType),
      required(FAILED, LongType),
      required(CANCELLED, LongType),
      required(IN_PROGRESS, LongType),
      optional(SUCCESS_RATE, DoubleType),
      required(FAILURE_REASONS, REASON_COUNTS),
      optional(LATENCY_P50_MS, LongType),
      optional(LATENCY_P95_MS, LongType),
      optional(LATENCY_P99_MS, LongType),
      required(COST_USD_TOTAL, DoubleType),
      optional(COST_USD_PER_COMPLETED, DoubleType));

  public static final TableSpec SPEC = TableSpec.simple(TABLE, SCHEMA);

  private GoldProviderHealth() {}
}

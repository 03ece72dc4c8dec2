package io.genlake.failure;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.genlake.table.GoldFailureCounts;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The additive outcome counts of {@link GoldFailureCounts} from weighted outcome rows (weight +1 for an outcome,
 * −1 for the old row of a changed one): per source, dimension value, UTC day and failure category. Every outcome
 * counts once per dimension of its source: generation outcomes under all, model, provider, checkpoint, sampler,
 * template and session (when it has one); attempts under all, material_category and model. One aggregation.
 */
final class OutcomeCounts {
  static final String ALL = "all";
  static final String MODEL = "model";
  static final String PROVIDER = "provider";
  static final String CHECKPOINT = "checkpoint";
  static final String SAMPLER = "sampler";
  static final String TEMPLATE = "template";
  static final String SESSION = "session";
  static final String MATERIAL_CATEGORY = "material_category";

  private OutcomeCounts() {}

  /** Counts of {@code weighted} ({@link Outcomes} columns and {@link CombinationCounts#WEIGHT}); zero rows dropped. */
  static Dataset<Row> of(Dataset<Row> weighted) {
    Column generation = array(dim(ALL, lit(ALL)), dim(MODEL, col(Outcomes.MODEL)), dim(PROVIDER, col(Outcomes.PROVIDER)),
        dim(CHECKPOINT, col(Outcomes.CHECKPOINT)), dim(SAMPLER, col(Outcomes.SAMPLER)),
        dim(TEMPLATE, col(Outcomes.TEMPLATE)),
        struct(lit(SESSION).as("dimension"), col(Outcomes.SESSION_ID).as("value")));
    Column attempt = array(dim(ALL, lit(ALL)), dim(MATERIAL_CATEGORY, col(Outcomes.MATERIAL_CATEGORY)),
        dim(MODEL, col(Outcomes.MODEL)));
    Column w = col(CombinationCounts.WEIGHT).cast(DataTypes.LongType);
    return weighted
        .withColumn("d", explode(when(col(Outcomes.SOURCE).equalTo(Outcomes.ATTEMPT), attempt).otherwise(generation)))
        .filter(col("d.value").isNotNull())
        .groupBy(col(Outcomes.SOURCE).as(GoldFailureCounts.SOURCE), col("d.dimension").as(GoldFailureCounts.DIMENSION),
            col("d.value").as(GoldFailureCounts.VALUE), to_date(col(Outcomes.OCCURRED_AT)).as(GoldFailureCounts.DAY),
            col(Outcomes.FAILURE_CATEGORY).as(GoldFailureCounts.FAILURE_CATEGORY))
        .agg(sum(w).as(GoldFailureCounts.OUTCOMES),
            sum(when(col(Outcomes.FAILED), w).otherwise(0L)).as(GoldFailureCounts.FAILURES),
            sum(when(col(Outcomes.SCORE).isNotNull(), w).otherwise(0L)).as(GoldFailureCounts.SCORE_N),
            coalesce(sum(col(Outcomes.SCORE).multiply(w)), lit(0.0)).as(GoldFailureCounts.SCORE_SUM),
            sum(when(col(Outcomes.LIKED), w).otherwise(0L)).as(GoldFailureCounts.LIKED),
            sum(when(col(Outcomes.TECHNICAL_QUALITY).equalTo("perfect"), w).otherwise(0L)).as(GoldFailureCounts.PERFECT),
            sum(when(col(Outcomes.TECHNICAL_QUALITY).equalTo("imperfect"), w).otherwise(0L)).as(GoldFailureCounts.IMPERFECT))
        .filter(col(GoldFailureCounts.OUTCOMES).notEqual(0).or(col(GoldFailureCounts.FAILURES).notEqual(0)));
  }

  private static Column dim(String name, Column value) {
    return struct(lit(name).as("dimension"), coalesce(value, lit(Outcomes.UNKNOWN)).as("value"));
  }
}

package io.genlake.export;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import io.genlake.table.SilverBlockFitRatings;
import io.genlake.table.SilverGenerations;
import io.genlake.table.SilverImageRatings;
import io.genlake.text.Keywords;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * The per-generation feature table of the ML export: prompt features, parameters, model and LoRAs, with the
 * labels people gave (selected/rejected, mean fit rating, image ok/ko and failure category) and the outcome.
 * Cost: two small aggregations (ratings per generation) and two left joins on generation_id.
 */
final class GenerationFeatures {
  /** Column names of the exported table (its stable schema is documented in docs/exports.md). */
  static final String GENERATION_ID = "generation_id";
  static final String USER = "user_pseudonym";

  private GenerationFeatures() {}

  static Dataset<Row> build(Dataset<Row> generations, Dataset<Row> imageRatings, Dataset<Row> fitRatings,
      Optional<Pseudonymizer> pseudonymizer) {
    Keywords keywords = Keywords.defaults();
    UDF1<String, String[]> extract = prompt -> keywords.extract(prompt).toArray(new String[0]);
    Column promptKeywords = functions.udf(extract, DataTypes.createArrayType(DataTypes.StringType))
        .withName("prompt_keywords").apply(col(SilverGenerations.FINAL_PROMPT));

    Dataset<Row> images = imageRatings
        .where(col(SilverImageRatings.GENERATION_ID).isNotNull().and(col(SilverImageRatings.IS_DELETED).equalTo(false)))
        .groupBy(col(SilverImageRatings.GENERATION_ID).as("img_generation_id"))
        .agg(max(when(col(SilverImageRatings.STATUS).equalTo("ko"), 1).otherwise(0)).as("image_ko"),
            max(col(SilverImageRatings.FAILURE_CATEGORY)).as("image_failure_category"),
            max(when(col(SilverImageRatings.IS_LIKED), 1).otherwise(0)).as("image_liked"));
    Dataset<Row> fits = fitRatings.where(col(SilverBlockFitRatings.GENERATION_ID).isNotNull())
        .groupBy(col(SilverBlockFitRatings.GENERATION_ID).as("fit_generation_id"))
        .agg(avg(SilverBlockFitRatings.FIT_RATING).as("mean_fit_rating"), count(lit(1)).as("fit_rating_count"));

    Column user = pseudonymizer.map(p -> p.apply(col(SilverGenerations.USER_ID)))
        .orElse(lit(null).cast(DataTypes.StringType));
    Dataset<Row> g = generations.where(col(SilverGenerations.IS_DELETED).equalTo(false));
    return g.join(images, g.col(SilverGenerations.GENERATION_ID).equalTo(images.col("img_generation_id")), "left")
        .join(fits, g.col(SilverGenerations.GENERATION_ID).equalTo(fits.col("fit_generation_id")), "left")
        .select(
            col(SilverGenerations.GENERATION_ID),
            functions.to_date(col(SilverGenerations.CREATED_AT)).as(MlExportWriter.EVENT_DATE),
            user.as(USER),
            col(SilverGenerations.PROVIDER), col(SilverGenerations.OPERATION_TYPE),
            col(SilverGenerations.MODEL_FAMILY), col(SilverGenerations.MODEL_NAME), col(SilverGenerations.CHECKPOINT),
            functions.transform(col(SilverGenerations.LORAS), l -> l.getField("name")).as("lora_names"),
            size(col(SilverGenerations.LORAS)).as("lora_count"),
            col(SilverGenerations.SAMPLER), col(SilverGenerations.SCHEDULER), col(SilverGenerations.CFG_SCALE),
            col(SilverGenerations.STEPS), col(SilverGenerations.WIDTH), col(SilverGenerations.HEIGHT),
            functions.length(col(SilverGenerations.FINAL_PROMPT)).as("prompt_length"),
            promptKeywords.as("prompt_keywords"),
            functions.length(col(SilverGenerations.NEGATIVE_PROMPT)).as("negative_prompt_length"),
            col(SilverGenerations.VARIATIONS),
            col(SilverGenerations.CANONICAL_HASH),
            col(SilverGenerations.RESOLVED_PROMPT_VERSION_ID).as("prompt_version_id"),
            col(SilverGenerations.STATUS),
            col(SilverGenerations.LATENCY_MS), col(SilverGenerations.COST_USD),
            // labels
            col(SilverGenerations.SELECTION).equalTo("selected").as("label_selected"),
            col(SilverGenerations.SELECTION).equalTo("rejected").as("label_rejected"),
            col("mean_fit_rating").as("label_mean_fit_rating"),
            coalesce(col("fit_rating_count"), lit(0L)).as("label_fit_rating_count"),
            col(SilverGenerations.STATUS).equalTo("completed")
                .and(coalesce(col("image_ko"), lit(0)).equalTo(0)).as("label_passed"),
            col("image_failure_category").as("label_failure_category"),
            col("image_liked").equalTo(1).as("label_liked"));
  }
}

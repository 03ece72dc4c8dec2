package io.genlake.failure;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.genlake.table.GoldPredictionConfusion;
import io.genlake.table.SilverImageRatings;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Seed 002's ML predictions against human labels ({@code gold.prediction_confusion}): rated images (not deleted)
 * with a predicted category, counted per model version, human label and predicted label. One filtered scan of
 * silver.image_ratings, one small aggregation and two windows over its result.
 */
final class PredictionConfusion {
  static final String OK = "ok";

  private PredictionConfusion() {}

  /** The human label: ok, else the failure category (unspecified when none). */
  static Column actual() {
    return when(col(SilverImageRatings.STATUS).equalTo(OK), lit(OK))
        .otherwise(coalesce(col(SilverImageRatings.FAILURE_CATEGORY), lit(Outcomes.UNSPECIFIED)));
  }

  static Dataset<Row> of(Dataset<Row> ratings) {
    String p = SilverImageRatings.ML_PREDICTION + ".";
    Dataset<Row> cells = ratings
        .filter(col(SilverImageRatings.IS_DELETED).equalTo(false)
            .and(col(p + SilverImageRatings.PREDICTED_CATEGORY).isNotNull()))
        .groupBy(coalesce(col(p + SilverImageRatings.MODEL_VERSION), lit(Outcomes.UNKNOWN)).as("v"), actual().as("a"),
            col(p + SilverImageRatings.PREDICTED_CATEGORY).as("p"))
        .agg(count(lit(1)).as("n"), avg(col(p + SilverImageRatings.CONFIDENCE)).as("conf"));
    WindowSpec byActual = Window.partitionBy("v", "a");
    WindowSpec byVersion = Window.partitionBy("v");
    Column actualImages = sum("n").over(byActual);
    Column versionImages = sum("n").over(byVersion);
    Column correct = sum(when(col("a").equalTo(col("p")), col("n")).otherwise(0L)).over(byVersion);
    return cells.select(
        col("v").as(GoldPredictionConfusion.MODEL_VERSION),
        col("a").as(GoldPredictionConfusion.ACTUAL),
        col("p").as(GoldPredictionConfusion.PREDICTED),
        col("n").as(GoldPredictionConfusion.IMAGES),
        actualImages.as(GoldPredictionConfusion.ACTUAL_IMAGES),
        col("n").divide(actualImages).as(GoldPredictionConfusion.SHARE_OF_ACTUAL),
        col("conf").as(GoldPredictionConfusion.AVG_CONFIDENCE),
        versionImages.as(GoldPredictionConfusion.VERSION_IMAGES),
        correct.divide(versionImages).as(GoldPredictionConfusion.VERSION_ACCURACY));
  }
}

package io.genlake.table;

import static io.genlake.table.Fields.optional;
import static io.genlake.table.Fields.required;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold.prediction_confusion}: seed 002's ML predictions against the human labels, per model version: one
 * row per (actual, predicted) pair of rated images that have both (not deleted). The human label is {@code ok} for
 * status ok, else the failure category ({@code unspecified} when none); the predicted label is
 * ml_predictions.predicted_category as given.
 */
public final class GoldPredictionConfusion {
  public static final TableId TABLE = TableId.gold("prediction_confusion");

  /** ml_predictions.model_version; 'unknown' when absent. */
  public static final String MODEL_VERSION = "model_version";
  public static final String ACTUAL = "actual";
  public static final String PREDICTED = "predicted";
  public static final String IMAGES = "images";
  /** Images of this version with this actual label. */
  public static final String ACTUAL_IMAGES = "actual_images";
  /** images / actual_images: the row's share (recall on the diagonal). */
  public static final String SHARE_OF_ACTUAL = "share_of_actual";
  /** Mean confidence of the predictions (null when none gave one). */
  public static final String AVG_CONFIDENCE = "avg_confidence";
  /** Images of this version with a prediction and a label. */
  public static final String VERSION_IMAGES = "version_images";
  /** Share of this version's images whose prediction equals the label. */
  public static final String VERSION_ACCURACY = "version_accuracy";

  public static final StructType SCHEMA = Fields.schema(
      required(MODEL_VERSION, StringType),
      required(ACTUAL, StringType),
      required(PREDICTED, StringType),
      required(IMAGES, LongType),
      required(ACTUAL_IMAGES, LongType),
      required(SHARE_OF_ACTUAL, DoubleType),
      optional(AVG_CONFIDENCE, DoubleType),
      required(VERSION_IMAGES, LongType),
      required(VERSION_ACCURACY, DoubleType));

  public static final TableSpec SPEC = TableSpec.simple(TABLE, SCHEMA);

  private GoldPredictionConfusion() {}
}

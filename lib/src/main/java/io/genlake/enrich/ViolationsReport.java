package io.genlake.enrich;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.map;

import io.genlake.table.GoldContentRatingViolations;
import io.genlake.table.SilverGenerations;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Builds {@code gold.content_rating_violations}: generations whose requested content rating is above the
 * final (clamped) one, with the social context fields that explain it. A filter and projections, no shuffle.
 */
final class ViolationsReport {
  private ViolationsReport() {}

  static Dataset<Row> build(Dataset<Row> generations, ContentRatingPolicy policy) {
    Column requested = col(SilverGenerations.REQUESTED_CONTENT_RATING);
    Column allowed = col(SilverGenerations.CONTENT_RATING);
    Column level = social(ContentRatingPolicy.INTIMACY_LEVEL);
    Column appRating = social(ContentRatingPolicy.CONTENT_RATING);
    return generations
        .filter(Ratings.rank(requested).gt(Ratings.rank(allowed)))
        .select(
            col(SilverGenerations.GENERATION_ID).as(GoldContentRatingViolations.GENERATION_ID),
            col(SilverGenerations.CREATED_AT).as(GoldContentRatingViolations.CREATED_AT),
            col(SilverGenerations.PROVIDER).as(GoldContentRatingViolations.PROVIDER),
            col(SilverGenerations.USER_ID).as(GoldContentRatingViolations.USER_ID),
            level.as(GoldContentRatingViolations.INTIMACY_LEVEL_ID),
            coalesce(band(policy, level), social(ContentRatingPolicy.INTIMACY_BAND))
                .as(GoldContentRatingViolations.INTIMACY_BAND),
            requested.as(GoldContentRatingViolations.REQUESTED_CONTENT_RATING),
            social(ContentRatingPolicy.WORLD_MAX).as(GoldContentRatingViolations.WORLD_MAX_RATING),
            social(ContentRatingPolicy.USER_MAX).as(GoldContentRatingViolations.USER_MAX_RATING),
            allowed.as(GoldContentRatingViolations.CONTENT_RATING),
            appRating.as(GoldContentRatingViolations.APP_CONTENT_RATING),
            coalesce(Ratings.rank(lower(trim(appRating))).gt(Ratings.rank(allowed)), lit(false))
                .as(GoldContentRatingViolations.APP_EXCEEDED_LIMIT));
  }

  /** The configured band of an intimacy level, as a map literal lookup (null for unknown levels). */
  private static Column band(ContentRatingPolicy policy, Column level) {
    List<Column> entries = new ArrayList<>();
    policy.levelBands().forEach((k, v) -> {
      entries.add(lit(k));
      entries.add(lit(v));
    });
    return entries.isEmpty() ? lit(null).cast("string") : element_at(map(entries.toArray(new Column[0])), level);
  }

  /** A top-level field of the social_context JSON (path from the policy's constants). */
  private static Column social(String field) {
    return get_json_object(col(SilverGenerations.SOCIAL_CONTEXT), "$." + field);
  }
}

package io.genlake.failure;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.genlake.table.GoldAlerts;
import io.genlake.table.GoldCategoryStats;
import io.genlake.table.GoldFeedbackSuggestions;
import io.genlake.table.GoldSessionStats;
import io.genlake.table.SilverFeedbackAttempts;
import io.genlake.warehouse.Warehouse;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The browsing queries behind {@link FailureAnalytics}: small filtered reads of silver and gold tables. */
final class Browsing {
  /** Normalized texts of a category that are clustered for {@code feedback best} (most used first). */
  static final int BEST_TEXTS = 1000;

  private Browsing() {}

  static List<Views.FeedbackHit> searchFeedback(Warehouse warehouse, String keyword, int limit) {
    Dataset<Row> attempts = warehouse.readOrEmpty(SilverFeedbackAttempts.SPEC);
    List<Views.FeedbackHit> hits = new ArrayList<>();
    for (Row r : attempts
        .filter(lower(col(SilverFeedbackAttempts.FEEDBACK_TEXT)).contains(lit(keyword.toLowerCase(Locale.ROOT))))
        .orderBy(col(SilverFeedbackAttempts.ATTEMPTED_AT).desc(), col(SilverFeedbackAttempts.ATTEMPT_ID))
        .limit(limit)
        .collectAsList()) {
      hits.add(new Views.FeedbackHit(r.getAs(SilverFeedbackAttempts.ATTEMPT_ID), r.getAs(SilverFeedbackAttempts.MATERIAL),
          r.getAs(SilverFeedbackAttempts.CATEGORY), opt(r, SilverFeedbackAttempts.FEEDBACK_CATEGORY),
          r.getAs(SilverFeedbackAttempts.FEEDBACK_TEXT), opt(r, SilverFeedbackAttempts.REALISM_SCORE),
          r.getAs(SilverFeedbackAttempts.PASSED), r.getAs(SilverFeedbackAttempts.ATTEMPTED_AT)));
    }
    return hits;
  }

  /** One normalized text's best passed attempt and counts. */
  private record Text(String text, String material, Integer score, long uses, long passes, Timestamp at) {}

  static List<Views.BestFeedback> bestFeedback(Warehouse warehouse, String category, int limit, double similarity) {
    Column score = AttemptAnalytics.validScore();
    Column passedScore = when(col(SilverFeedbackAttempts.PASSED), score);
    Column rank = struct(passedScore.as("s"), col(SilverFeedbackAttempts.ATTEMPTED_AT).as("t"));
    List<Text> texts = new ArrayList<>();
    for (Row r : warehouse.readOrEmpty(SilverFeedbackAttempts.SPEC)
        .filter(col(SilverFeedbackAttempts.FEEDBACK_APPLIED).and(col(SilverFeedbackAttempts.FEEDBACK_TEXT).isNotNull())
            .and(lower(col(SilverFeedbackAttempts.FEEDBACK_CATEGORY)).equalTo(category.toLowerCase(Locale.ROOT))))
        .groupBy(FeedbackSuggestions.normalized(col(SilverFeedbackAttempts.FEEDBACK_TEXT)).as("norm"))
        .agg(count(lit(1)).as("uses"), sum(when(col(SilverFeedbackAttempts.PASSED), 1L).otherwise(0L)).as("passes"),
            max_by(struct(col(SilverFeedbackAttempts.FEEDBACK_TEXT).as("text"),
                col(SilverFeedbackAttempts.MATERIAL).as("material"), passedScore.as("score"),
                col(SilverFeedbackAttempts.ATTEMPTED_AT).as("at")), rank).as("best"))
        .filter(col("passes").gt(0))
        .orderBy(col("uses").desc(), col("norm")).limit(BEST_TEXTS).collectAsList()) {
      Row b = r.getStruct(3);
      texts.add(new Text(b.getString(0), b.getString(1), b.isNullAt(2) ? null : (int) b.getDouble(2), r.getLong(1),
          r.getLong(2), b.getTimestamp(3)));
    }
    List<Views.BestFeedback> out = new ArrayList<>();
    for (TextClusters.Cluster<Text> c : TextClusters.cluster(texts, Text::text, Text::uses, similarity)) {
      Text best = c.members().stream().max(Comparator.comparingInt((Text t) -> t.score() == null ? -1 : t.score())
          .thenComparing(Text::at)).orElseThrow();
      out.add(new Views.BestFeedback(c.representative().text(), best.material(), Optional.ofNullable(best.score()),
          c.members().stream().mapToLong(Text::uses).sum(), c.members().stream().mapToLong(Text::passes).sum(),
          c.members().size(), best.at()));
    }
    out.sort(Comparator.comparingInt((Views.BestFeedback b) -> b.bestScore().orElse(-1)).reversed()
        .thenComparing(Comparator.comparingLong(Views.BestFeedback::uses).reversed())
        .thenComparing(Views.BestFeedback::feedbackText));
    return out.subList(0, Math.min(limit, out.size()));
  }

  static List<Views.Suggestion> suggestions(Warehouse warehouse, Optional<String> category, Optional<String> issue,
      int limit) {
    Column scope = lower(col(GoldFeedbackSuggestions.SCOPE));
    Column which = lit(false);
    if (category.isPresent()) {
      which = which.or(col(GoldFeedbackSuggestions.SCOPE_KIND).equalTo(FeedbackSuggestions.CATEGORY)
          .and(scope.equalTo(category.get().toLowerCase(Locale.ROOT))));
    }
    if (issue.isPresent()) {
      which = which.or(col(GoldFeedbackSuggestions.SCOPE_KIND).notEqual(FeedbackSuggestions.CATEGORY)
          .and(scope.equalTo(issue.get().toLowerCase(Locale.ROOT))));
    }
    List<Views.Suggestion> out = new ArrayList<>();
    for (Row r : warehouse.readOrEmpty(GoldFeedbackSuggestions.SPEC).filter(which)
        .orderBy(col(GoldFeedbackSuggestions.SCOPE_KIND), col(GoldFeedbackSuggestions.SCOPE),
            col(GoldFeedbackSuggestions.RANK))
        .limit(limit).collectAsList()) {
      out.add(new Views.Suggestion(r.getAs(GoldFeedbackSuggestions.SCOPE_KIND), r.getAs(GoldFeedbackSuggestions.SCOPE),
          r.getAs(GoldFeedbackSuggestions.RANK), r.getAs(GoldFeedbackSuggestions.FEEDBACK_TEXT),
          opt(r, GoldFeedbackSuggestions.FEEDBACK_CATEGORY), r.getAs(GoldFeedbackSuggestions.VARIANTS),
          r.getAs(GoldFeedbackSuggestions.USES), r.getAs(GoldFeedbackSuggestions.SUCCESSES),
          r.getAs(GoldFeedbackSuggestions.SUCCESS_RATE), r.getAs(GoldFeedbackSuggestions.CI_LOW),
          r.getAs(GoldFeedbackSuggestions.CI_HIGH), opt(r, GoldFeedbackSuggestions.AVG_SCORE_GAIN)));
    }
    return out;
  }

  static List<Views.RecentAttempt> recentAttempts(Warehouse warehouse, int n) {
    List<Views.RecentAttempt> out = new ArrayList<>();
    for (Row r : warehouse.readOrEmpty(SilverFeedbackAttempts.SPEC)
        .orderBy(col(SilverFeedbackAttempts.ATTEMPTED_AT).desc(), col(SilverFeedbackAttempts.ATTEMPT_ID))
        .limit(n).collectAsList()) {
      out.add(new Views.RecentAttempt(r.getAs(SilverFeedbackAttempts.ATTEMPT_ID), r.getAs(SilverFeedbackAttempts.ATTEMPTED_AT),
          r.getAs(SilverFeedbackAttempts.MATERIAL), r.getAs(SilverFeedbackAttempts.CATEGORY),
          opt(r, SilverFeedbackAttempts.MODEL_NAME), opt(r, SilverFeedbackAttempts.REALISM_SCORE),
          r.getAs(SilverFeedbackAttempts.PASSED), r.getAs(SilverFeedbackAttempts.FEEDBACK_APPLIED),
          opt(r, SilverFeedbackAttempts.FEEDBACK_CATEGORY), opt(r, SilverFeedbackAttempts.FAILURE_CATEGORY),
          r.isNullAt(r.fieldIndex(SilverFeedbackAttempts.RETRY_COUNT)) ? 0 : r.getAs(SilverFeedbackAttempts.RETRY_COUNT)));
    }
    return out;
  }

  static List<Views.SessionStats> sessionStats(Warehouse warehouse, Optional<String> session, int limit) {
    Dataset<Row> stats = warehouse.readOrEmpty(GoldSessionStats.SPEC);
    if (session.isPresent()) {
      stats = stats.filter(col(GoldSessionStats.SESSION_ID).equalTo(lit(session.get()))
          .or(col(GoldSessionStats.FOLDER_NAME).equalTo(lit(session.get()))));
    }
    List<Views.SessionStats> out = new ArrayList<>();
    for (Row r : stats.orderBy(col(GoldSessionStats.OUTCOMES).desc(), col(GoldSessionStats.SESSION_ID))
        .limit(limit).collectAsList()) {
      out.add(new Views.SessionStats(r.getAs(GoldSessionStats.SESSION_ID), opt(r, GoldSessionStats.FOLDER_NAME),
          opt(r, GoldSessionStats.MODEL), r.getAs(GoldSessionStats.OUTCOMES), r.getAs(GoldSessionStats.OK),
          r.getAs(GoldSessionStats.KO), r.getAs(GoldSessionStats.LIKED), r.getAs(GoldSessionStats.PERFECT),
          r.getAs(GoldSessionStats.IMPERFECT), r.getAs(GoldSessionStats.FAILURE_RATE),
          new java.util.TreeMap<>(r.<String, Long>getJavaMap(r.fieldIndex(GoldSessionStats.FAILURES_BY_CATEGORY)))));
    }
    return out;
  }

  static List<Views.GroupStats> groupStats(Warehouse warehouse, String source, String dimension) {
    List<Views.GroupStats> out = new ArrayList<>();
    for (Row r : warehouse.readOrEmpty(GoldCategoryStats.SPEC)
        .filter(col(GoldCategoryStats.SOURCE).equalTo(source).and(col(GoldCategoryStats.DIMENSION).equalTo(dimension)))
        .orderBy(col(GoldCategoryStats.ATTEMPTS).desc(), col(GoldCategoryStats.VALUE)).collectAsList()) {
      long n = r.getAs(GoldCategoryStats.ATTEMPTS);
      long ok = r.getAs(GoldCategoryStats.PASSED);
      Stats.Interval ci = Stats.wilson(ok, n, Stats.Z95);
      out.add(new Views.GroupStats(source, dimension, r.getAs(GoldCategoryStats.VALUE), n, ok,
          r.getAs(GoldCategoryStats.PASS_RATE), ci.low(), ci.high(), opt(r, GoldCategoryStats.AVG_SCORE)));
    }
    return out;
  }

  static List<Views.Alert> alerts(Warehouse warehouse) {
    List<Views.Alert> out = new ArrayList<>();
    for (Row r : warehouse.readOrEmpty(GoldAlerts.SPEC).collectAsList()) {
      out.add(new Views.Alert(r.getAs(GoldAlerts.RULE), r.getAs(GoldAlerts.SEVERITY), r.getAs(GoldAlerts.SOURCE),
          r.getAs(GoldAlerts.SUBJECT), r.getAs(GoldAlerts.MESSAGE), r.<Date>getAs(GoldAlerts.WINDOW_START).toLocalDate(),
          r.<Date>getAs(GoldAlerts.WINDOW_END).toLocalDate()));
    }
    out.sort(Comparator.comparing((Views.Alert a) -> Alerts.Severity.of(a.severity())).reversed()
        .thenComparing(Views.Alert::rule).thenComparing(Views.Alert::subject));
    return out;
  }

  private static <T> Optional<T> opt(Row r, String column) {
    return r.isNullAt(r.fieldIndex(column)) ? Optional.empty() : Optional.of(r.getAs(column));
  }
}

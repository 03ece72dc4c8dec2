package io.genlake.preference;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.genlake.pipeline.StepResult;
import io.genlake.table.GoldCheckpointRecommendations;
import io.genlake.table.SilverGenerations;
import io.genlake.table.SilverPreferenceEvents;
import io.genlake.warehouse.Warehouse;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The day's recommendations ({@code gold.checkpoint_recommendations}): every distinct (user, prompt, model family)
 * of the day's generations and preference events, ranked per pool with explanation and advice. The day is the run
 * date when it has prompts, else the newest earlier day that has (data that ends weeks before the run still gets
 * its recommendations). Re-running a run date replaces that run date's rows only. Cost: one aggregation for the day,
 * a scan of the two silver tables for its prompts (cached with their recommendations: the counts read the cache),
 * per-row Java with the snapshot broadcast, one Delta commit.
 */
final class DayRecommendations {
  private static final String U = "u";
  private static final String P = "p";
  private static final String F = "f";
  private static final String D = "d";

  private DayRecommendations() {}

  static void write(Warehouse w, PreferenceSettings s, ServingSnapshot snapshot, LocalDate runDate, StepResult result) {
    Dataset<Row> gens = w.readOrEmpty(SilverGenerations.SPEC)
        .select(coalesce(col(SilverGenerations.USER_ID), lit("")).as(U),
            coalesce(col(SilverGenerations.RESOLVED_PROMPT), col(SilverGenerations.FINAL_PROMPT)).as(P),
            col(SilverGenerations.MODEL_FAMILY).as(F), to_date(col(SilverGenerations.CREATED_AT)).as(D));
    Dataset<Row> pe = w.readOrEmpty(SilverPreferenceEvents.SPEC)
        .select(coalesce(col(SilverPreferenceEvents.USER_ID), lit("")).as(U), col(SilverPreferenceEvents.PROMPT).as(P),
            col(SilverPreferenceEvents.MODEL_FAMILY).as(F), to_date(col(SilverPreferenceEvents.CREATED_AT)).as(D));
    Dataset<Row> all = gens.unionByName(pe).where(col(D).leq(lit(Date.valueOf(runDate))));
    Row newest = all.agg(max(col(D))).first();
    if (newest.isNullAt(0)) {
      result.note("recommendations: no prompt on or before " + runDate + ": nothing to recommend for");
      return;
    }
    LocalDate day = newest.getDate(0).toLocalDate();
    if (!day.equals(runDate)) {
      result.note("recommendations: no prompt on the run date " + runDate + "; ranked the prompts of " + day
          + ", the newest day with prompts");
    }
    Column empty = col(P).isNull().or(trim(col(P)).equalTo(""));
    // the day's distinct prompts and their recommendations are small and read several times: cached
    Dataset<Row> prompts = all.where(col(D).equalTo(lit(Date.valueOf(day)))).select(U, P, F).distinct()
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Row c = prompts.agg(count(lit(1)), sum(when(empty, 1).otherwise(0))).first();
      long blank = c.isNullAt(1) ? 0 : c.getLong(1);
      result.count("recommendations.empty_prompt", blank);
      if (blank > 0) {
        result.note("recommendations.empty_prompt: " + blank + " prompts of the day were empty: nothing to recommend "
            + "for");
      }
      Pools pools = new Pools(s.config().checkpointPools(), snapshot.checkpointsByPopularity());
      Dataset<Row> recs = Recommendations.compute(prompts.where(not(empty)), snapshot, pools, s.recommender(true),
          s.advisor(), s.extractor(), runDate, day).persist(StorageLevel.MEMORY_AND_DISK());
      try {
        Column keywords = size(col(GoldCheckpointRecommendations.KEYWORDS));
        Row r = recs.agg(count(lit(1)), sum(when(size(col(GoldCheckpointRecommendations.UNKNOWN_KEYWORDS))
            .equalTo(keywords).and(keywords.gt(0)), 1).otherwise(0))).first();
        long written = r.getLong(0);
        long unknown = r.isNullAt(1) ? 0 : r.getLong(1);
        result.count("recommendations.unknown_keywords", unknown);
        if (unknown > 0) {
          result.note("recommendations.unknown_keywords: " + unknown + " rows are for prompts none of whose keywords "
              + "has statistics: ranked by the checkpoints' overall scores, mode explore");
        }
        replaceRunDate(w, recs, runDate);
        result.table(GoldCheckpointRecommendations.TABLE, c.getLong(0) - blank, written,
            w.version(GoldCheckpointRecommendations.TABLE));
      } finally {
        recs.unpersist();
      }
    } finally {
      prompts.unpersist();
    }
  }

  /** Replaces the run date's rows in one commit (the whole table when it is of an earlier form). */
  private static void replaceRunDate(Warehouse w, Dataset<Row> recs, LocalDate runDate) {
    Optional<List<String>> columns = w.exists(GoldCheckpointRecommendations.TABLE)
        ? Optional.of(List.of(w.read(GoldCheckpointRecommendations.TABLE).columns())) : Optional.empty();
    if (columns.isEmpty() || !columns.get().equals(List.of(GoldCheckpointRecommendations.SCHEMA.fieldNames()))) {
      w.overwrite(GoldCheckpointRecommendations.TABLE, recs);
      return;
    }
    // the predicate holds a column of the contract and an ISO date, never data values
    recs.write().format("delta").mode("overwrite")
        .option("replaceWhere", GoldCheckpointRecommendations.RUN_DATE + " = DATE'" + runDate + "'")
        .save(w.location(GoldCheckpointRecommendations.TABLE));
  }
}

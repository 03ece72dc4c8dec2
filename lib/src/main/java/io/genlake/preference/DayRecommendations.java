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
import io.genlake.warehouse.TableId;
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
 * its recommendations). Re-running a run date replaces that run date's rows only. In two parts, so the first runs
 * while the statistics are updated: {@link #prompts} (one aggregation for the day, a scan of the two silver tables
 * for its prompts, cached and counted) needs no statistics; {@link #write} ranks them with the snapshot broadcast
 * (per-row Java; the rows cached, so the counts read the cache) and replaces the run date's partition in one Delta
 * commit (the table is partitioned by {@code run_date}: the rows replaced are dropped by file, no scan).
 */
final class DayRecommendations {
  private static final String U = "u";
  private static final String P = "p";
  private static final String F = "f";
  private static final String D = "d";

  /** The day's distinct prompts (cached until {@link #close}), or none when no day has prompts. */
  static final class Day implements AutoCloseable {
    private final Optional<LocalDate> day;
    private final Optional<Dataset<Row>> prompts;
    private final StepResult result;
    /** The day's non-empty distinct prompts. */
    private long count;

    private Day(Optional<LocalDate> day, Optional<Dataset<Row>> prompts, StepResult result) {
      this.day = day;
      this.prompts = prompts;
      this.result = result;
    }

    /** What finding the day noted and counted. */
    StepResult result() {
      return result;
    }

    @Override
    public void close() {
      prompts.ifPresent(Dataset::unpersist);
    }
  }

  private DayRecommendations() {}

  /**
   * Finds the day whose prompts are ranked (the run date, or the newest earlier day with prompts) and caches its
   * distinct (user, prompt, family), counting the empty prompts. Reads only the silver tables: runs before the
   * statistics exist. Close the result.
   */
  static Day prompts(Warehouse w, LocalDate runDate) {
    StepResult result = new StepResult();
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
      return new Day(Optional.empty(), Optional.empty(), result);
    }
    LocalDate day = newest.getDate(0).toLocalDate();
    if (!day.equals(runDate)) {
      result.note("recommendations: no prompt on the run date " + runDate + "; ranked the prompts of " + day
          + ", the newest day with prompts");
    }
    // the day's distinct prompts are small and read several times: cached
    Dataset<Row> prompts = all.where(col(D).equalTo(lit(Date.valueOf(day)))).select(U, P, F).distinct()
        .persist(StorageLevel.MEMORY_AND_DISK());
    Day out = new Day(Optional.of(day), Optional.of(prompts), result);
    try {
      Row c = prompts.agg(count(lit(1)), sum(when(empty(), 1).otherwise(0))).first();
      long blank = c.isNullAt(1) ? 0 : c.getLong(1);
      result.count("recommendations.empty_prompt", blank);
      out.count = c.getLong(0) - blank;
      if (blank > 0) {
        result.note("recommendations.empty_prompt: " + blank + " prompts of the day were empty: nothing to recommend "
            + "for");
      }
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  /** The length of an array value of a row made for an encoder: a Java array or a Scala sequence. */
  private static int length(Object array) {
    return array instanceof Object[] a ? a.length : ((scala.collection.Seq<?>) array).size();
  }

  private static Column empty() {
    return col(P).isNull().or(trim(col(P)).equalTo(""));
  }

  /**
   * Ranks the day's prompts with {@code snapshot} and replaces the run date's rows; notes and counts in result. A day
   * of at most {@code preference.local_max_rows} prompts is ranked on the driver (its cached prompts collected, the
   * rows written from memory); a larger one in Spark tasks, the snapshot broadcast.
   */
  static void write(Warehouse w, PreferenceSettings s, ServingSnapshot snapshot, LocalDate runDate, Day day,
      StepResult result) {
    if (day.day.isEmpty()) {
      return;
    }
    Pools pools = new Pools(s.config().checkpointPools(), snapshot.checkpointsByPopularity());
    Dataset<Row> prompts = day.prompts.get().where(not(empty()));
    Dataset<Row> recs;
    long written;
    long unknown;
    if (day.count <= s.config().localMaxRows()) {
      List<Row> rows = Recommendations.computeLocally(prompts.collectAsList(), snapshot, pools, s.recommender(true),
          s.advisor(), s.extractor(), runDate, day.day.get());
      recs = w.spark().createDataFrame(rows, GoldCheckpointRecommendations.SCHEMA);
      written = rows.size();
      int keywords = GoldCheckpointRecommendations.SCHEMA.fieldIndex(GoldCheckpointRecommendations.KEYWORDS);
      int unknownKeywords =
          GoldCheckpointRecommendations.SCHEMA.fieldIndex(GoldCheckpointRecommendations.UNKNOWN_KEYWORDS);
      unknown = rows.stream().filter(r -> {
        int n = length(r.get(keywords));
        return n > 0 && length(r.get(unknownKeywords)) == n;
      }).count();
    } else {
      recs = Recommendations.compute(prompts, snapshot, pools, s.recommender(true), s.advisor(), s.extractor(),
          runDate, day.day.get()).persist(StorageLevel.MEMORY_AND_DISK());
      Column keywords = size(col(GoldCheckpointRecommendations.KEYWORDS));
      Row r = recs.agg(count(lit(1)), sum(when(size(col(GoldCheckpointRecommendations.UNKNOWN_KEYWORDS))
          .equalTo(keywords).and(keywords.gt(0)), 1).otherwise(0))).first();
      written = r.getLong(0);
      unknown = r.isNullAt(1) ? 0 : r.getLong(1);
    }
    try {
      result.count("recommendations.unknown_keywords", unknown);
      if (unknown > 0) {
        result.note("recommendations.unknown_keywords: " + unknown + " rows are for prompts none of whose keywords "
            + "has statistics: ranked by the checkpoints' overall scores, mode explore");
      }
      replaceRunDate(w, recs, runDate);
      result.table(GoldCheckpointRecommendations.TABLE, day.count, written,
          w.version(GoldCheckpointRecommendations.TABLE));
    } finally {
      recs.unpersist();
    }
  }

  /**
   * Replaces the run date's rows in one commit: the run date's partition is dropped by file (no scan). A table not
   * partitioned by run date (an earlier genlake's) is rewritten once, partitioned, with its other run dates' rows
   * kept; one of other columns is replaced by these rows.
   */
  private static void replaceRunDate(Warehouse w, Dataset<Row> recs, LocalDate runDate) {
    TableId table = GoldCheckpointRecommendations.TABLE;
    boolean sameColumns = w.exists(table)
        && List.of(w.read(table).columns()).equals(List.of(GoldCheckpointRecommendations.SCHEMA.fieldNames()));
    Column thisDate = col(GoldCheckpointRecommendations.RUN_DATE).equalTo(lit(Date.valueOf(runDate)));
    if (sameColumns && w.partitionColumns(table).equals(List.of(GoldCheckpointRecommendations.RUN_DATE))) {
      // the predicate holds a column of the contract and an ISO date, never data values
      recs.write().format("delta").mode("overwrite")
          .option("replaceWhere", GoldCheckpointRecommendations.RUN_DATE + " = DATE'" + runDate + "'")
          .save(w.location(table));
      return;
    }
    Dataset<Row> rows = sameColumns ? w.read(table).where(not(thisDate)).unionByName(recs) : recs;
    rows.write().format("delta").mode("overwrite").option("overwriteSchema", "true")
        .partitionBy(GoldCheckpointRecommendations.RUN_DATE).save(w.location(table));
    w.register(table);
  }
}

package io.genlake.enrich;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import io.genlake.config.EnrichConfig;
import io.genlake.pipeline.PinnedInputs;
import io.genlake.pipeline.Progress;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StepResult;
import io.genlake.table.Lineage;
import io.genlake.table.SilverGenerations;
import io.genlake.table.SilverPromptVersions;
import io.genlake.warehouse.Warehouse;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The {@code enrich} step (seed 001): fills the enrichment columns of {@code silver.generations} (canonical
 * hash, prompt resolution, content rating) with one Delta MERGE on generation_id, then recomputes
 * {@code gold.reproducibility}, {@code gold.provider_health}, {@code gold.prompt_version_performance} and
 * {@code gold.content_rating_violations}.
 *
 * <p>Incremental from the step's baseline ({@link PinnedInputs#since()}): only generations whose row changed between
 * the baseline and the pinned version of silver.generations (new or re-ingested: the Change Data Feed), and, when
 * silver.prompt_versions changed in between, those still waiting for a prompt version; a re-run with no new data
 * reads nothing and writes nothing to silver. Without a baseline (first run, changed enrich settings, --full) every
 * row is recomputed. Cost: one scan of silver.generations at the pinned version, a broadcast semi-join with the
 * changed ids, broadcast joins with the prompt versions (no shuffle of generations), one per-partition Java pass,
 * one MERGE touching only the files of changed rows (a full run rewrites the table in one overwrite instead, with no
 * join back); the gold tables cost a few shuffles on provider/day, hash and version, and read silver.generations
 * after the merge.
 */
public final class EnrichJob {
  /** Count names in the step result (per status: {@code resolution.<status>}, {@code content_rating.<status>}). */
  public static final String CANDIDATES = "generations.candidates";
  public static final String ENRICHED = "generations.enriched";
  public static final String VIOLATIONS = "content_rating.violations";
  private static final String TOUCHED = "_touched";

  private EnrichJob() {}

  /** Runs the whole step on {@code inputs}: enrichment, then the gold tables. */
  public static StepResult run(RunContext ctx, PinnedInputs inputs) {
    StepResult result = enrichGenerations(ctx, inputs);
    if (inputs.exists(SilverGenerations.TABLE)) {
      result.add(GoldTables.write(ctx.warehouse(), ctx.config().enrich()));
    }
    return result;
  }

  /** Only the silver enrichment (the benchmark times it alone). */
  public static StepResult enrichGenerations(RunContext ctx, PinnedInputs inputs) {
    Warehouse w = ctx.warehouse();
    EnrichConfig config = ctx.config().enrich();
    StepResult result = new StepResult();
    if (!inputs.exists(SilverGenerations.TABLE)) {
      return result.note("silver.generations does not exist yet: nothing to enrich. Run `genlake ingest` first.");
    }
    Timestamp now = Timestamp.from(ctx.now());
    Dataset<Row> versions = inputs.readOrEmpty(SilverPromptVersions.SPEC);
    Dataset<Row> generations = inputs.read(SilverGenerations.TABLE);
    boolean full = ctx.full() || inputs.since().isEmpty();
    if (!full) {
      generations = stale(generations, inputs);
    }
    ContentRatingPolicy policy = new ContentRatingPolicy(config.intimacyBands());
    Dataset<Row> enriched = GenerationEnricher.enrich(generations, versions, config.hashAlgorithm(), policy, now)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long candidates = countStatuses(enriched, result);
      HashChanges.record(w, enriched, ctx.runId(), result);
      ctx.progress().step("enrich", Progress.count(candidates) + (full ? " generations (full"
          + (ctx.full() ? "" : ": " + inputs.whyFull()) + ")" : " changed generations"));
      if (candidates > 0 && full) {
        rewrite(w, enriched);
        result.count(ENRICHED, candidates);
      } else if (candidates > 0) {
        merge(w, enriched);
        result.count(ENRICHED, candidates);
      }
      result.table(SilverGenerations.TABLE, candidates, candidates, w.version(SilverGenerations.TABLE));
    } finally {
      enriched.unpersist();
    }
    return result;
  }

  /**
   * The rows to enrich again (see the class comment): those whose generation_id has a change row since the baseline,
   * and, when prompt versions arrived, those waiting for one. One scan with a broadcast join of the (small) change set.
   */
  private static Dataset<Row> stale(Dataset<Row> generations, PinnedInputs inputs) {
    Dataset<Row> touched = inputs.changes(SilverGenerations.SPEC, SilverGenerations.GENERATION_ID)
        .withColumn(TOUCHED, lit(true));
    Column s = col(TOUCHED).isNotNull();
    if (inputs.changed(SilverPromptVersions.TABLE)) {
      Object[] waiting = Arrays.stream(Resolution.Status.values()).filter(Resolution.Status::awaitsReference)
          .map(Resolution.Status::label).toArray();
      s = s.or(col(SilverGenerations.PROMPT_RESOLUTION_STATUS).isin(waiting));
    }
    return generations.join(broadcast(touched), generations.col(SilverGenerations.GENERATION_ID)
            .equalTo(touched.col(SilverGenerations.GENERATION_ID)), "left_outer")
        .where(s).select(generations.col("*"));
  }

  /** Counts per resolution, social-context and parameters status in one small aggregation; returns the total. */
  private static long countStatuses(Dataset<Row> enriched, StepResult result) {
    List<Row> groups = enriched
        .groupBy(col(SilverGenerations.PROMPT_RESOLUTION_STATUS), col(EnrichRows.SOCIAL_STATUS),
            col(EnrichRows.PARAMETERS_STATUS), violation())
        .agg(count(lit(1)))
        .collectAsList();
    Map<String, Long> counts = new LinkedHashMap<>();
    long total = 0;
    for (Row g : groups) {
      long n = g.getLong(4);
      total += n;
      counts.merge("resolution." + g.getString(0), n, Long::sum);
      counts.merge("content_rating." + g.getString(1), n, Long::sum);
      counts.merge("parameters." + g.getString(2), n, Long::sum);
      counts.merge(VIOLATIONS, g.getBoolean(3) ? n : 0, Long::sum);
    }
    result.count(CANDIDATES, total);
    counts.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> result.count(e.getKey(), e.getValue()));
    return total;
  }

  private static Column violation() {
    return Ratings.rank(col(SilverGenerations.REQUESTED_CONTENT_RATING))
        .gt(Ratings.rank(col(SilverGenerations.CONTENT_RATING))).as("violation");
  }

  /**
   * A full run rewrites the table in one overwrite commit (its schema, constraints and properties kept):
   * every row was recomputed from the snapshot read, so no join back to the target is needed. The single
   * writer lock guarantees no ingestion commits in between.
   */
  private static void rewrite(Warehouse w, Dataset<Row> enriched) {
    Column[] columns = Arrays.stream(SilverGenerations.SCHEMA.fieldNames()).map(c -> col(c)).toArray(Column[]::new);
    enriched.select(columns).write().format("delta").mode("overwrite").save(w.location(SilverGenerations.TABLE));
  }

  /** One MERGE on generation_id; a row re-ingested meanwhile (other ingested_at) is left for the next run. */
  private static void merge(Warehouse w, Dataset<Row> enriched) {
    Map<String, Column> set = new LinkedHashMap<>();
    for (String c : List.of(SilverGenerations.CANONICAL_HASH, SilverGenerations.RESOLVED_PROMPT,
        SilverGenerations.RESOLVED_PROMPT_VERSION_ID, SilverGenerations.PROMPT_SOURCE_TYPE,
        SilverGenerations.PROMPT_RESOLUTION_STATUS, SilverGenerations.UNRESOLVED_PLACEHOLDERS,
        SilverGenerations.REQUESTED_CONTENT_RATING, SilverGenerations.CONTENT_RATING, SilverGenerations.ENRICHED_AT)) {
      set.put(c, col("s." + c));
    }
    DeltaTable.forPath(w.spark(), w.location(SilverGenerations.TABLE)).as("t")
        .merge(enriched.as("s"), col("t." + SilverGenerations.GENERATION_ID).equalTo(col("s." + SilverGenerations.GENERATION_ID)))
        .whenMatched(col("t." + Lineage.INGESTED_AT).equalTo(col("s." + Lineage.INGESTED_AT)))
        .update(set)
        .execute();
  }
}

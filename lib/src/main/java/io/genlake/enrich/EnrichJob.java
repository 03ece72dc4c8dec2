package io.genlake.enrich;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import io.delta.tables.DeltaTable;
import io.genlake.config.EnrichConfig;
import io.genlake.pipeline.Progress;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StepResult;
import io.genlake.table.Lineage;
import io.genlake.table.SilverGenerations;
import io.genlake.table.SilverPromptVersions;
import io.genlake.warehouse.Warehouse;
import java.sql.Timestamp;
import java.time.Instant;
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
 * <p>Incremental by default: only rows never enriched, re-ingested since (enriched_at &lt; ingested_at), or
 * waiting for a prompt version when silver.prompt_versions has received rows since they were enriched; a
 * re-run with no new data reads the table once and writes nothing to silver. {@link RunContext#full()}
 * recomputes every row. Cost: one scan of silver.generations, broadcast joins with the prompt versions (no
 * shuffle of generations), one per-partition Java pass, one MERGE touching only the files of changed rows
 * (a full run rewrites the table in one overwrite instead, with no join back);
 * the gold tables cost a few shuffles on provider/day, hash and version.
 */
public final class EnrichJob {
  /** Count names in the step result (per status: {@code resolution.<status>}, {@code content_rating.<status>}). */
  public static final String CANDIDATES = "generations.candidates";
  public static final String ENRICHED = "generations.enriched";
  public static final String VIOLATIONS = "content_rating.violations";

  private EnrichJob() {}

  /** Runs the whole step: enrichment, then the gold tables. */
  public static StepResult run(RunContext ctx) {
    StepResult result = enrichGenerations(ctx);
    if (ctx.warehouse().exists(SilverGenerations.TABLE)) {
      result.add(GoldTables.write(ctx.warehouse(), ctx.config().enrich()));
    }
    return result;
  }

  /** Only the silver enrichment (the benchmark times it alone). */
  public static StepResult enrichGenerations(RunContext ctx) {
    Warehouse w = ctx.warehouse();
    EnrichConfig config = ctx.config().enrich();
    StepResult result = new StepResult();
    if (!w.exists(SilverGenerations.TABLE)) {
      return result.note("silver.generations does not exist yet: nothing to enrich. Run `genlake ingest` first.");
    }
    Timestamp now = Timestamp.from(Instant.now());
    Dataset<Row> versions = w.readOrEmpty(SilverPromptVersions.SPEC);
    Dataset<Row> generations = w.read(SilverGenerations.TABLE);
    if (!ctx.full()) {
      generations = generations.filter(stale(versions));
    }
    ContentRatingPolicy policy = new ContentRatingPolicy(config.intimacyBands());
    Dataset<Row> enriched = GenerationEnricher.enrich(generations, versions, config.hashAlgorithm(), policy, now)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long candidates = countStatuses(enriched, result);
      HashChanges.record(w, enriched, ctx.runId(), result);
      ctx.progress().step("enrich", Progress.count(candidates) + (ctx.full() ? " generations (full)" : " stale generations"));
      if (candidates > 0 && ctx.full()) {
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

  /** Rows whose enrichment is missing or stale (see the class comment). */
  private static Column stale(Dataset<Row> versions) {
    Column enrichedAt = col(SilverGenerations.ENRICHED_AT);
    Column s = enrichedAt.isNull().or(enrichedAt.lt(col(Lineage.INGESTED_AT)));
    Row last = versions.agg(max(col(Lineage.INGESTED_AT))).first();
    if (!last.isNullAt(0)) {
      Object[] waiting = Arrays.stream(Resolution.Status.values()).filter(Resolution.Status::awaitsReference)
          .map(Resolution.Status::label).toArray();
      s = s.or(col(SilverGenerations.PROMPT_RESOLUTION_STATUS).isin(waiting).and(enrichedAt.lt(lit(last.getTimestamp(0)))));
    }
    return s;
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

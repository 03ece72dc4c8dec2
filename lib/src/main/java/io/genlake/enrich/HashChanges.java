package io.genlake.enrich;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.genlake.pipeline.StepResult;
import io.genlake.table.GoldCanonicalHashChanges;
import io.genlake.table.SilverGenerations;
import io.genlake.warehouse.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Seed 001 phase 9's change detection: the rows of an enrichment whose recomputed canonical hash differs from the one
 * silver held are appended to {@code gold.canonical_hash_changes} (old, new, why), so a hash is never overwritten
 * silently. Cost: a filter over the (persisted) enrichment result and one append when anything changed.
 */
final class HashChanges {
  static final String COUNT = "canonical_hash.changed";

  private HashChanges() {}

  /** Appends the changed hashes of {@code enriched} ({@link EnrichRows#SCHEMA} rows); counts them in the result. */
  static void record(Warehouse w, Dataset<Row> enriched, String runId, StepResult result) {
    Dataset<Row> changes = enriched.where(col(EnrichRows.HASH_CHANGE).isNotNull()).select(
        col(SilverGenerations.GENERATION_ID).as(GoldCanonicalHashChanges.GENERATION_ID),
        col(EnrichRows.PREVIOUS_HASH).as(GoldCanonicalHashChanges.PREVIOUS_HASH),
        col(SilverGenerations.CANONICAL_HASH).as(GoldCanonicalHashChanges.CANONICAL_HASH),
        col(EnrichRows.HASH_CHANGE).as(GoldCanonicalHashChanges.REASON),
        col(EnrichRows.PREVIOUS_VERSION).as(GoldCanonicalHashChanges.PREVIOUS_RESOLVED_PROMPT_VERSION_ID),
        col(SilverGenerations.RESOLVED_PROMPT_VERSION_ID).as(GoldCanonicalHashChanges.RESOLVED_PROMPT_VERSION_ID),
        lit(runId).as(GoldCanonicalHashChanges.RUN_ID),
        col(SilverGenerations.ENRICHED_AT).as(GoldCanonicalHashChanges.CHANGED_AT));
    long n = changes.count();
    result.count(COUNT, n);
    w.ensure(GoldCanonicalHashChanges.SPEC);
    if (n > 0) {
      w.append(GoldCanonicalHashChanges.TABLE, changes);
      result.note(n + " canonical hashes changed: old and new hash and why in " + GoldCanonicalHashChanges.TABLE);
    }
  }
}

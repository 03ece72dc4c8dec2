package io.genlake.table;

import static io.genlake.table.Fields.optional;
import static io.genlake.table.Fields.required;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold.canonical_hash_changes}: seed 001 phase 9's hash-based change detection. Append-only: one row each
 * time {@code enrich} recomputes a generation's canonical hash and gets a different one than silver held, with the
 * old and new hash and why, instead of overwriting it silently.
 */
public final class GoldCanonicalHashChanges {
  public static final TableId TABLE = TableId.gold("canonical_hash_changes");

  public static final String GENERATION_ID = "generation_id";
  public static final String PREVIOUS_HASH = "previous_hash";
  public static final String CANONICAL_HASH = "canonical_hash";
  /** {@link #RECORD_CHANGED}, {@link #PROMPT_RESOLUTION} or {@link #CANONICAL_FORM}. */
  public static final String REASON = "reason";
  public static final String PREVIOUS_RESOLVED_PROMPT_VERSION_ID = "previous_resolved_prompt_version_id";
  public static final String RESOLVED_PROMPT_VERSION_ID = "resolved_prompt_version_id";
  public static final String RUN_ID = "run_id";
  public static final String CHANGED_AT = "changed_at";

  /** The generation's record was re-ingested since its last enrichment (its inputs changed at the source). */
  public static final String RECORD_CHANGED = "record_changed";
  /** The prompt resolved differently (a prompt version arrived or changed). */
  public static final String PROMPT_RESOLUTION = "prompt_resolution";
  /** Same record, same resolved prompt: the canonical form itself changed (hashing code or configuration). */
  public static final String CANONICAL_FORM = "canonical_form";
  public static final List<String> REASONS = List.of(RECORD_CHANGED, PROMPT_RESOLUTION, CANONICAL_FORM);

  public static final StructType SCHEMA = Fields.schema(
      required(GENERATION_ID, StringType),
      required(PREVIOUS_HASH, StringType),
      required(CANONICAL_HASH, StringType),
      required(REASON, StringType),
      optional(PREVIOUS_RESOLVED_PROMPT_VERSION_ID, StringType),
      optional(RESOLVED_PROMPT_VERSION_ID, StringType),
      required(RUN_ID, StringType),
      required(CHANGED_AT, TimestampType));

  public static final TableSpec SPEC = TableSpec.simple(TABLE, SCHEMA);

  private GoldCanonicalHashChanges() {}
}

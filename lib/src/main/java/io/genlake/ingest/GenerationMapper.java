package io.genlake.ingest;

import static io.genlake.table.SilverGenerations.*;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Maps a landing generation record (docs/landing-formats.md, generations) to a {@code silver.generations} row. */
final class GenerationMapper {
  static final Map<String, List<String>> ALIASES = Map.of(
      GENERATION_ID, List.of("id"),
      SESSION_ID, List.of("folder"),
      ERROR_MESSAGE, List.of("error"));
  /** Columns the enrich step fills; null after ingestion (and reset when a generation changes). */
  static final Set<String> ENRICHMENT = Set.of(CANONICAL_HASH, RESOLVED_PROMPT, RESOLVED_PROMPT_VERSION_ID,
      PROMPT_SOURCE_TYPE, PROMPT_RESOLUTION_STATUS, UNRESOLVED_PLACEHOLDERS, REQUESTED_CONTENT_RATING, CONTENT_RATING,
      ENRICHED_AT);
  private static final Map<String, List<String>> PARAMETER_ALIASES = Map.of("cfg_scale", List.of("guidance_scale"));

  private GenerationMapper() {}

  static RowValues map(RecordFields in, RowValues out) {
    Timestamp created = in.requireTimestamp(CREATED_AT);
    Timestamp completed = in.timestamp(COMPLETED_AT);
    Timestamp updated = in.timestamp(UPDATED_AT);
    out.put(GENERATION_ID, in.requireId(GENERATION_ID))
        .put(CREATED_AT, created)
        .put(COMPLETED_AT, completed)
        .put(UPDATED_AT, updated)
        .put(STATUS, in.requireEnum(STATUS, STATUSES))
        .put(OPERATION_TYPE, in.requireEnum(OPERATION_TYPE, OPERATION_TYPES))
        .put(PROVIDER, in.requireString(PROVIDER))
        .put(MODEL_FAMILY, in.string(MODEL_FAMILY))
        .put(MODEL_NAME, in.string(MODEL_NAME))
        .put(CHECKPOINT, in.string(CHECKPOINT))
        .put(LORAS, in.loras(LORAS))
        .put(FINAL_PROMPT, in.string(FINAL_PROMPT))
        .put(NEGATIVE_PROMPT, in.string(NEGATIVE_PROMPT))
        .put(PROMPT_VERSION_ID, in.id(PROMPT_VERSION_ID))
        .put(PROMPT_CONFIG, in.objectText(PROMPT_CONFIG))
        .put(PARAMETERS, in.objectText(PARAMETERS))
        .put(VARIATIONS, in.stringMap(VARIATIONS))
        .put(SESSION_ID, in.id(SESSION_ID))
        .put(TEMPLATE, in.string(TEMPLATE))
        .put(USER_ID, in.id(USER_ID))
        .put(COST_USD, in.decimal(COST_USD, 0, Double.MAX_VALUE))
        .put(LATENCY_MS, in.int64(LATENCY_MS, 0, Long.MAX_VALUE))
        .put(ERROR_MESSAGE, in.string(ERROR_MESSAGE))
        .put(ASSET_IDS, in.strings(ASSET_IDS))
        .put(SELECTION, in.enumOf(SELECTION, SELECTIONS, null))
        .put(SOCIAL_CONTEXT, in.objectText(SOCIAL_CONTEXT))
        .put(IS_DELETED, in.bool(IS_DELETED, false));
    RecordFields params = in.nested(PARAMETERS, PARAMETER_ALIASES);
    if (params != null) {
      out.put(CFG_SCALE, params.decimal(CFG_SCALE, 0, 1000))
          .put(STEPS, params.integer(STEPS, 1, 10_000))
          .put(SAMPLER, params.string(SAMPLER))
          .put(SCHEDULER, params.string(SCHEDULER))
          .put(SEED, params.int64(SEED, Long.MIN_VALUE, Long.MAX_VALUE))
          .put(WIDTH, params.integer(WIDTH, 1, 65_536))
          .put(HEIGHT, params.integer(HEIGHT, 1, 65_536));
    }
    return out.eventTime(RowValues.firstOf(updated, completed, created));
  }
}

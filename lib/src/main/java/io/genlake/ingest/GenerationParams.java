package io.genlake.ingest;

import java.util.List;
import java.util.Map;

/**
 * Generation parameters recorded in a seed 002 metadata object: at its top level (an image's PNG metadata) or in
 * its {@code generation_params} object (a session's), the top level winning. {@code guidance_scale} is accepted
 * for {@code cfg_scale}. Values are validated like the generation stream's parameters (steps 1 to 10,000, cfg 0 to
 * 1,000); a bad value rejects the record with the field named.
 */
record GenerationParams(String checkpoint, String sampler, String scheduler, Integer steps, Double cfgScale) {
  static final String NESTED = "generation_params";
  static final Map<String, List<String>> ALIASES = Map.of("cfg_scale", List.of("guidance_scale"));

  /** The parameters of {@code meta} (a metadata object's fields); all null when it names none. */
  static GenerationParams of(RecordFields meta) {
    RecordFields nested = meta.nested(NESTED, ALIASES);
    return new GenerationParams(
        first(meta.string("checkpoint"), nested == null ? null : nested.string("checkpoint")),
        first(meta.string("sampler"), nested == null ? null : nested.string("sampler")),
        first(meta.string("scheduler"), nested == null ? null : nested.string("scheduler")),
        first(meta.integer("steps", 1, 10_000), nested == null ? null : nested.integer("steps", 1, 10_000)),
        first(meta.decimal("cfg_scale", 0, 1000), nested == null ? null : nested.decimal("cfg_scale", 0, 1000)));
  }

  private static <T> T first(T a, T b) {
    return a != null ? a : b;
  }
}

package io.genlake.enrich;

import io.genlake.enrich.Resolution.SourceType;
import io.genlake.enrich.Resolution.Status;
import java.util.Optional;

/**
 * Seed 001's {@code _resolve_prompt_config} for one generation, once the prompt versions it may refer to
 * have been joined to it. Precedence as in the seed: versionId, then familyId + autoSelectLatest, then
 * inlinePrompt; variables fill the chosen text's placeholders. Pure logic, no Spark.
 */
final class PromptResolver {
  /** A prompt version as joined to a generation. */
  record Version(String id, String text) {}

  /** What the joins found for one generation. */
  record Candidates(Optional<Version> byId, boolean familyKnown, Optional<Version> latestAtCreation) {}

  private PromptResolver() {}

  /** Resolves {@code config} (empty: not valid JSON) against {@code found}. */
  static Resolution resolve(Optional<String> configJson, Optional<PromptConfig> config, Candidates found) {
    if (configJson.isEmpty()) {
      return Resolution.failed(Status.NO_CONFIG);
    }
    if (config.isEmpty()) {
      return Resolution.failed(Status.INVALID_JSON);
    }
    PromptConfig c = config.get();
    if (c.versionId().isPresent()) {
      return found.byId().map(v -> fill(v.text(), Optional.of(v.id()), SourceType.VERSIONED, c))
          .orElse(Resolution.failed(Status.VERSION_NOT_FOUND));
    }
    if (c.familyId().isPresent() && c.autoSelectLatest()) {
      if (!found.familyKnown()) {
        return Resolution.failed(Status.FAMILY_NOT_FOUND);
      }
      return found.latestAtCreation().map(v -> fill(v.text(), Optional.of(v.id()), SourceType.VERSIONED, c))
          .orElse(Resolution.failed(Status.NO_VERSION_AT_TIME));
    }
    if (c.inlinePrompt().isPresent()) {
      return fill(c.inlinePrompt().get(), Optional.empty(), SourceType.INLINE, c);
    }
    return Resolution.failed(Status.UNSUPPORTED_CONFIG);
  }

  private static Resolution fill(String template, Optional<String> versionId, SourceType type, PromptConfig c) {
    Templates.Filled filled = Templates.fill(template, c.variables());
    Status status = !filled.unresolved().isEmpty() ? Status.UNRESOLVED_PLACEHOLDERS
        : type == SourceType.INLINE ? Status.INLINE_DEPRECATED : Status.RESOLVED;
    return new Resolution(Optional.of(filled.text()), versionId, type, status, filled.unresolved());
  }
}

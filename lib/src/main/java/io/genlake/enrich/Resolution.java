package io.genlake.enrich;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The outcome of resolving one generation's prompt_config (seed 001's {@code _resolve_prompt_config}):
 * the final prompt, the version it came from, its source type and a status.
 */
record Resolution(
    Optional<String> prompt,
    Optional<String> versionId,
    SourceType sourceType,
    Status status,
    List<String> unresolvedPlaceholders) {

  /** Where the prompt came from: {@code versioned}, {@code inline} or {@code unknown}. */
  enum SourceType {
    VERSIONED, INLINE, UNKNOWN;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The resolution status written to {@code prompt_resolution_status} and counted per run. */
  enum Status {
    /** A prompt version was found and every placeholder had a variable. */
    RESOLVED,
    /** The deprecated inlinePrompt was used (every placeholder filled). */
    INLINE_DEPRECATED,
    /** A prompt was produced but placeholders without a variable remain in it (listed). */
    UNRESOLVED_PLACEHOLDERS,
    /** The generation has no prompt_config. */
    NO_CONFIG,
    /** prompt_config is not a JSON object. */
    INVALID_JSON,
    /** versionId names no row of silver.prompt_versions. */
    VERSION_NOT_FOUND,
    /** familyId (with autoSelectLatest) names no family of silver.prompt_versions. */
    FAMILY_NOT_FOUND,
    /** The family exists but had no version yet at the generation's created_at. */
    NO_VERSION_AT_TIME,
    /** A JSON object without versionId, familyId + autoSelectLatest or inlinePrompt. */
    UNSUPPORTED_CONFIG;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Statuses caused by a prompt version that may still arrive: re-tried when prompt_versions changes. */
    boolean awaitsReference() {
      return this == VERSION_NOT_FOUND || this == FAMILY_NOT_FOUND || this == NO_VERSION_AT_TIME;
    }
  }

  static Resolution failed(Status status) {
    return new Resolution(Optional.empty(), Optional.empty(), SourceType.UNKNOWN, status, List.of());
  }
}

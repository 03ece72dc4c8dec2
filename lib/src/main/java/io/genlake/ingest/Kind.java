package io.genlake.ingest;

import io.genlake.table.SilverActionBlocks;
import io.genlake.table.SilverAssets;
import io.genlake.table.SilverBlockFitRatings;
import io.genlake.table.SilverFeedbackAttempts;
import io.genlake.table.SilverGenerations;
import io.genlake.table.SilverImageRatings;
import io.genlake.table.SilverPreferenceEvents;
import io.genlake.table.SilverPromptVersions;
import io.genlake.table.SilverSessions;
import io.genlake.warehouse.TableSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * What a landing record is: its stream, its landing folder, the SQLite table it may also come from, its silver
 * contract, its field aliases and its mapper (docs/landing-formats.md). Listed in dependency order.
 */
enum Kind {
  PROMPT_VERSION("prompt_version", Stream.REFERENCE, "reference/prompt_versions", null, SilverPromptVersions.SPEC,
      ReferenceMappers.PROMPT_VERSION_ALIASES, ReferenceMappers::promptVersion),
  SESSION("session", Stream.REFERENCE, "reference/sessions", "sessions", SilverSessions.SPEC,
      ReferenceMappers.SESSION_ALIASES, ReferenceMappers::session),
  ACTION_BLOCK("action_block", Stream.REFERENCE, "reference/action_blocks", null, SilverActionBlocks.SPEC,
      ReferenceMappers.ACTION_BLOCK_ALIASES, ReferenceMappers::actionBlock),
  ASSET("asset", Stream.REFERENCE, "reference/assets", null, SilverAssets.SPEC,
      ReferenceMappers.ASSET_ALIASES, ReferenceMappers::asset),
  GENERATION("generation", Stream.GENERATIONS, "generations", null, SilverGenerations.SPEC,
      GenerationMapper.ALIASES, GenerationMapper::map),
  BLOCK_FIT_RATING("block_fit_rating", Stream.RATINGS, "ratings/block_fit", null, SilverBlockFitRatings.SPEC,
      RatingMappers.BLOCK_FIT_ALIASES, RatingMappers::blockFit),
  IMAGE_RATING("image_rating", Stream.RATINGS, "ratings/image", "images", SilverImageRatings.SPEC,
      RatingMappers.IMAGE_ALIASES, RatingMappers::image),
  PREFERENCE_EVENT("preference_event", Stream.RATINGS, "ratings/preference", "user_preferences",
      SilverPreferenceEvents.SPEC, RatingMappers.PREFERENCE_ALIASES, RatingMappers::preference),
  FEEDBACK_ATTEMPT("feedback_attempt", Stream.FEEDBACK, "feedback", "generation_attempts", SilverFeedbackAttempts.SPEC,
      FeedbackMapper.ALIASES, FeedbackMapper::map);

  private final String label;
  private final Stream stream;
  private final String folder;
  private final String sqliteTable;
  private final TableSpec silver;
  private final Map<String, List<String>> aliases;
  private final transient BiFunction<RecordFields, RowValues, RowValues> mapper;
  private final transient RowValues.Layout layout;

  Kind(String label, Stream stream, String folder, String sqliteTable, TableSpec silver,
      Map<String, List<String>> aliases, BiFunction<RecordFields, RowValues, RowValues> mapper) {
    this.label = label;
    this.stream = stream;
    this.folder = folder;
    this.sqliteTable = sqliteTable;
    this.silver = silver;
    this.aliases = aliases;
    this.mapper = mapper;
    this.layout = new RowValues.Layout(silver.schema());
  }

  /** Stored in {@code bronze.*.kind} and {@code quarantine.*.kind}. */
  String label() {
    return label;
  }

  Stream stream() {
    return stream;
  }

  /** The landing folder, relative to the landing directory. */
  String folder() {
    return folder;
  }

  /** The SQLite table under {@code sqlite/} this kind is also read from, if any. */
  Optional<String> sqliteTable() {
    return Optional.ofNullable(sqliteTable);
  }

  TableSpec silver() {
    return silver;
  }

  Map<String, List<String>> aliases() {
    return aliases;
  }

  RowValues.Layout layout() {
    return layout;
  }

  /** Validates and maps one record's fields; throws {@link Rejection} on the first broken rule. */
  RowValues map(RecordFields fields) {
    return mapper.apply(fields, new RowValues(layout));
  }

  /** False for columns a later step fills (generation enrichment): ingestion leaves them null. */
  boolean ingests(String column) {
    return this != GENERATION || !GenerationMapper.ENRICHMENT.contains(column);
  }

  /** The kind read from SQLite table {@code table}, if any. */
  static Optional<Kind> ofSqliteTable(String table) {
    for (Kind k : values()) {
      if (table.equals(k.sqliteTable)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}

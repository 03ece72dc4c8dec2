package io.genlake.enrich;

import io.genlake.table.Lineage;
import io.genlake.table.SilverBlockFitRatings;
import io.genlake.table.SilverGenerations;
import io.genlake.table.SilverPromptVersions;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/** Builds silver rows for tests from the table contracts: required columns defaulted, the rest null. */
final class Rows {
  static final Timestamp INGESTED = Timestamp.valueOf("2026-11-20 01:00:00");

  private Rows() {}

  static Timestamp ts(String text) {
    return Timestamp.valueOf(text);
  }

  /** A silver.generations row: {@code values} by column name over defaults. */
  static Row generation(String id, String createdAt, Map<String, Object> values) {
    Object[] cells = new Object[SilverGenerations.SCHEMA.size()];
    set(cells, SilverGenerations.SCHEMA, SilverGenerations.GENERATION_ID, id);
    set(cells, SilverGenerations.SCHEMA, SilverGenerations.CREATED_AT, ts(createdAt));
    set(cells, SilverGenerations.SCHEMA, SilverGenerations.STATUS, "completed");
    set(cells, SilverGenerations.SCHEMA, SilverGenerations.OPERATION_TYPE, "text_to_image");
    set(cells, SilverGenerations.SCHEMA, SilverGenerations.PROVIDER, "comfyui");
    set(cells, SilverGenerations.SCHEMA, SilverGenerations.LORAS, List.of());
    set(cells, SilverGenerations.SCHEMA, SilverGenerations.VARIATIONS, Map.of());
    set(cells, SilverGenerations.SCHEMA, SilverGenerations.ASSET_IDS, List.of());
    set(cells, SilverGenerations.SCHEMA, SilverGenerations.IS_DELETED, false);
    lineage(cells, SilverGenerations.SCHEMA, ts(createdAt));
    values.forEach((k, v) -> set(cells, SilverGenerations.SCHEMA, k, v));
    return RowFactory.create(cells);
  }

  static Row version(String id, String family, int number, String text, String createdAt) {
    Object[] cells = new Object[SilverPromptVersions.SCHEMA.size()];
    set(cells, SilverPromptVersions.SCHEMA, SilverPromptVersions.VERSION_ID, id);
    set(cells, SilverPromptVersions.SCHEMA, SilverPromptVersions.FAMILY_ID, family);
    set(cells, SilverPromptVersions.SCHEMA, SilverPromptVersions.FAMILY_NAME, family + " name");
    set(cells, SilverPromptVersions.SCHEMA, SilverPromptVersions.VERSION_NUMBER, number);
    set(cells, SilverPromptVersions.SCHEMA, SilverPromptVersions.PROMPT_TEXT, text);
    set(cells, SilverPromptVersions.SCHEMA, SilverPromptVersions.CREATED_AT, ts(createdAt));
    lineage(cells, SilverPromptVersions.SCHEMA, ts(createdAt));
    return RowFactory.create(cells);
  }

  static Row fitRating(String key, String generationId, int rating) {
    Object[] cells = new Object[SilverBlockFitRatings.SCHEMA.size()];
    set(cells, SilverBlockFitRatings.SCHEMA, SilverBlockFitRatings.RATING_KEY, key);
    set(cells, SilverBlockFitRatings.SCHEMA, SilverBlockFitRatings.BLOCK_ID, "block-1");
    set(cells, SilverBlockFitRatings.SCHEMA, SilverBlockFitRatings.GENERATION_ID, generationId);
    set(cells, SilverBlockFitRatings.SCHEMA, SilverBlockFitRatings.ROLE_IN_SEQUENCE, "initial");
    // one rater per rating: the enrichment counts the latest rating per user and role
    set(cells, SilverBlockFitRatings.SCHEMA, SilverBlockFitRatings.USER_ID, "rater-" + key);
    set(cells, SilverBlockFitRatings.SCHEMA, SilverBlockFitRatings.FIT_RATING, rating);
    set(cells, SilverBlockFitRatings.SCHEMA, SilverBlockFitRatings.CREATED_AT, INGESTED);
    lineage(cells, SilverBlockFitRatings.SCHEMA, INGESTED);
    return RowFactory.create(cells);
  }

  private static void lineage(Object[] cells, StructType schema, Timestamp eventTime) {
    set(cells, schema, Lineage.SOURCE, "test.jsonl");
    set(cells, schema, Lineage.SOURCE_LINE, 1L);
    set(cells, schema, Lineage.INGEST_RUN_ID, "ingest-test");
    set(cells, schema, Lineage.INGESTED_AT, INGESTED);
    set(cells, schema, Lineage.EVENT_TIME, eventTime);
  }

  private static void set(Object[] cells, StructType schema, String column, Object value) {
    cells[schema.fieldIndex(column)] = value;
  }
}

package io.genlake.preference;

import io.genlake.config.ConfigLoader;
import io.genlake.config.GenlakeConfig;
import io.genlake.pipeline.Progress;
import io.genlake.pipeline.RunContext;
import io.genlake.table.SilverGenerations;
import io.genlake.table.SilverImageRatings;
import io.genlake.table.SilverPreferenceEvents;
import io.genlake.warehouse.Warehouse;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** Builds silver rows straight from the table contracts (no ingestion code), and run contexts. */
final class SilverRows {
  private SilverRows() {}

  static Timestamp ts(String iso) {
    return Timestamp.from(Instant.parse(iso));
  }

  /** A preference event; {@code loras} are names at strength 1. */
  static Row event(String id, String user, String prompt, String negative, String checkpoint, List<String> loras,
      String action, Boolean share, String createdAt, String ingestedAt) {
    List<Row> l = new ArrayList<>();
    for (String name : loras) {
      l.add(lora(name, 1.0));
    }
    return eventWithLoras(id, user, prompt, negative, checkpoint, l, action, share, createdAt, ingestedAt);
  }

  /** A LoRA of an event or generation; {@code strength} null when the source gives none. */
  static Row lora(String name, Double strength) {
    return RowFactory.create(name, strength);
  }

  /** A preference event with LoRA rows ({@link #lora}). */
  static Row eventWithLoras(String id, String user, String prompt, String negative, String checkpoint, List<Row> loras,
      String action, Boolean share, String createdAt, String ingestedAt) {
    return RowFactory.create(id, user, prompt, negative, List.of(), checkpoint, loras, action, "sdxl", "standard", null,
        share, ts(createdAt), "test.jsonl", 1L, "ingest-1", ts(ingestedAt), ts(createdAt));
  }

  static void appendEvents(Warehouse w, List<Row> rows) {
    w.ensure(SilverPreferenceEvents.SPEC);
    w.append(SilverPreferenceEvents.TABLE, w.spark().createDataFrame(rows, SilverPreferenceEvents.SCHEMA));
  }

  /** A completed generation with a selection and parameters. */
  static Row generation(String id, String user, String prompt, String checkpoint, String selection, Integer steps,
      Double cfg, String createdAt) {
    Object[] v = new Object[SilverGenerations.SCHEMA.size()];
    v[SilverGenerations.SCHEMA.fieldIndex(SilverGenerations.GENERATION_ID)] = id;
    v[SilverGenerations.SCHEMA.fieldIndex(SilverGenerations.CREATED_AT)] = ts(createdAt);
    v[SilverGenerations.SCHEMA.fieldIndex(SilverGenerations.STATUS)] = "completed";
    v[SilverGenerations.SCHEMA.fieldIndex(SilverGenerations.OPERATION_TYPE)] = "text_to_image";
    v[SilverGenerations.SCHEMA.fieldIndex(SilverGenerations.PROVIDER)] = "comfyui";
    v[SilverGenerations.SCHEMA.fieldIndex(SilverGenerations.MODEL_FAMILY)] = "sdxl";
    v[SilverGenerations.SCHEMA.fieldIndex(SilverGenerations.CHECKPOINT)] = checkpoint;
    v[SilverGenerations.SCHEMA.fieldIndex(SilverGenerations.LORAS)] = List.of();
    v[SilverGenerations.SCHEMA.fieldIndex(SilverGenerations.FINAL_PROMPT)] = prompt;
    v[SilverGenerations.SCHEMA.fieldIndex(SilverGenerations.STEPS)] = steps;
    v[SilverGenerations.SCHEMA.fieldIndex(SilverGenerations.CFG_SCALE)] = cfg;
    v[SilverGenerations.SCHEMA.fieldIndex(SilverGenerations.VARIATIONS)] = Map.of();
    v[SilverGenerations.SCHEMA.fieldIndex(SilverGenerations.USER_ID)] = user;
    v[SilverGenerations.SCHEMA.fieldIndex(SilverGenerations.ASSET_IDS)] = List.of();
    v[SilverGenerations.SCHEMA.fieldIndex(SilverGenerations.SELECTION)] = selection;
    v[SilverGenerations.SCHEMA.fieldIndex(SilverGenerations.IS_DELETED)] = false;
    v[SilverGenerations.SCHEMA.fieldIndex("source")] = "gen.jsonl";
    v[SilverGenerations.SCHEMA.fieldIndex("source_line")] = 1L;
    v[SilverGenerations.SCHEMA.fieldIndex("ingest_run_id")] = "ingest-1";
    v[SilverGenerations.SCHEMA.fieldIndex("ingested_at")] = ts(createdAt);
    v[SilverGenerations.SCHEMA.fieldIndex("event_time")] = ts(createdAt);
    return RowFactory.create(v);
  }

  static void appendGenerations(Warehouse w, List<Row> rows) {
    w.ensure(SilverGenerations.SPEC);
    w.append(SilverGenerations.TABLE, w.spark().createDataFrame(rows, SilverGenerations.SCHEMA));
  }

  /** An image rating of a generation: liked, or status ko. */
  static Row rating(String imageId, String generationId, boolean liked, String status, String createdAt) {
    Object[] v = new Object[SilverImageRatings.SCHEMA.size()];
    v[SilverImageRatings.SCHEMA.fieldIndex(SilverImageRatings.IMAGE_ID)] = imageId;
    v[SilverImageRatings.SCHEMA.fieldIndex(SilverImageRatings.SESSION_ID)] = "s1";
    v[SilverImageRatings.SCHEMA.fieldIndex(SilverImageRatings.FILENAME)] = imageId + ".png";
    v[SilverImageRatings.SCHEMA.fieldIndex(SilverImageRatings.STATUS)] = status;
    v[SilverImageRatings.SCHEMA.fieldIndex(SilverImageRatings.IS_LIKED)] = liked;
    v[SilverImageRatings.SCHEMA.fieldIndex(SilverImageRatings.GENERATION_ID)] = generationId;
    v[SilverImageRatings.SCHEMA.fieldIndex(SilverImageRatings.VARIATIONS)] = Map.of();
    v[SilverImageRatings.SCHEMA.fieldIndex(SilverImageRatings.IS_DELETED)] = false;
    v[SilverImageRatings.SCHEMA.fieldIndex(SilverImageRatings.CREATED_AT)] = ts(createdAt);
    v[SilverImageRatings.SCHEMA.fieldIndex("source")] = "ratings.db";
    v[SilverImageRatings.SCHEMA.fieldIndex("source_line")] = 1L;
    v[SilverImageRatings.SCHEMA.fieldIndex("ingest_run_id")] = "ingest-1";
    v[SilverImageRatings.SCHEMA.fieldIndex("ingested_at")] = ts(createdAt);
    v[SilverImageRatings.SCHEMA.fieldIndex("event_time")] = ts(createdAt);
    return RowFactory.create(v);
  }

  static void appendRatings(Warehouse w, List<Row> rows) {
    w.ensure(SilverImageRatings.SPEC);
    w.append(SilverImageRatings.TABLE, w.spark().createDataFrame(rows, SilverImageRatings.SCHEMA));
  }

  static RunContext context(Warehouse w, LocalDate date, Path dir) {
    return context(w, date, dir, ConfigLoader.defaults());
  }

  static RunContext context(Warehouse w, LocalDate date, Path dir, GenlakeConfig config) {
    return new RunContext(w.spark(), w, config, "test-" + date, date, dir, dir, dir, Progress.silent(), Optional.empty());
  }

  /** Each test has its own warehouse: forget the previous test's catalog entries (metadata only). */
  static void forgetCatalog() {
    for (String db : List.of("silver", "gold", "ops")) {
      io.genlake.testing.TestSpark.session().sql("DROP DATABASE IF EXISTS " + db + " CASCADE");
    }
  }

  /** The current pair rows (base and increments folded, default decay) by "user|kind|a|b". */
  static Map<String, Row> stats(Warehouse w) {
    Map<String, Row> out = new java.util.TreeMap<>();
    Decay decay = new Decay(ConfigLoader.defaults().preference().timeConstantDays());
    for (Row r : PairTables.current(w, decay).collectAsList()) {
      out.put(r.getString(0) + "|" + r.getString(1) + "|" + r.getString(2) + "|" + r.getString(3), r);
    }
    return out;
  }
}

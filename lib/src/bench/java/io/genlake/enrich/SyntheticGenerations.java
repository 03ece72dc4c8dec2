package io.genlake.enrich;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.when;

import io.genlake.table.Lineage;
import io.genlake.table.SilverGenerations;
import io.genlake.table.SilverPromptVersions;
import io.genlake.warehouse.Warehouse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Synthetic silver generations and prompt versions for the enrich benchmark, built with Spark expressions
 * over {@code range(n)} (no driver-side loop). Deterministic: row i is always the same. Mix of prompt configs:
 * 60% familyId + autoSelectLatest, 20% versionId, 10% inlinePrompt, 5% none, 3% invalid JSON, 2% unknown
 * versionId; 20% carry a social context; seeds repeat every 1,000 rows so canonical hashes form groups.
 */
public final class SyntheticGenerations {
  static final long BASE_SECONDS = 1_767_225_600L; // 2026-01-01T00:00:00Z
  static final int VERSIONS_PER_FAMILY = 5;

  private SyntheticGenerations() {}

  /**
   * Writes {@code generations} synthetic rows to silver.generations and {@code families} x 5 prompt versions
   * to silver.prompt_versions (appending; benchmarks use an empty warehouse). Returns the generations written.
   */
  public static long write(Warehouse w, long generations, int families) {
    w.ensure(SilverPromptVersions.SPEC);
    w.append(SilverPromptVersions.TABLE, versions(w.spark(), families));
    w.ensure(SilverGenerations.SPEC);
    w.append(SilverGenerations.TABLE, generations(w.spark(), generations, families));
    return generations;
  }

  static Dataset<Row> versions(SparkSession spark, int families) {
    Column id = col("id");
    Column family = pmod(id, lit(families));
    Column number = id.divide(families).cast("int").plus(1);
    Map<String, Column> c = new LinkedHashMap<>();
    c.put(SilverPromptVersions.VERSION_ID, format_string("fam-%d-v%d", family, number));
    c.put(SilverPromptVersions.FAMILY_ID, format_string("fam-%d", family));
    c.put(SilverPromptVersions.FAMILY_NAME, format_string("family %d", family));
    c.put(SilverPromptVersions.VERSION_NUMBER, number);
    c.put(SilverPromptVersions.PROMPT_TEXT, format_string("a {{subject}} in style %d, version %d, {{mood}}", family, number));
    c.put(SilverPromptVersions.AUTHOR, lit("bench"));
    c.put(SilverPromptVersions.COMMIT_MESSAGE, lit("synthetic"));
    // version k of every family appears 20 days after version k-1, starting a month before the generations
    c.put(SilverPromptVersions.CREATED_AT, timestamp_seconds(lit(BASE_SECONDS - 30L * 86_400).plus(number.minus(1).multiply(20L * 86_400))));
    lineage(c, col(SilverPromptVersions.CREATED_AT));
    return conform(spark.range(0, (long) families * VERSIONS_PER_FAMILY).select(named(c)), SilverPromptVersions.SCHEMA);
  }

  static Dataset<Row> generations(SparkSession spark, long n, int families) {
    Column id = col("id");
    Column bucket = pmod(id.multiply(7919L), lit(100L));
    Column family = pmod(id, lit(families));
    Column created = timestamp_seconds(lit(BASE_SECONDS).plus(pmod(id.multiply(104_729L), lit(90L * 86_400))));
    Column status = element_at(array(lit("completed"), lit("completed"), lit("completed"), lit("failed"),
        lit("completed"), lit("cancelled"), lit("completed"), lit("failed")), pmod(id, lit(8L)).cast("int").plus(1));
    Map<String, Column> c = new LinkedHashMap<>();
    c.put(SilverGenerations.GENERATION_ID, format_string("gen-%d", id));
    c.put(SilverGenerations.CREATED_AT, created);
    c.put(SilverGenerations.STATUS, status);
    c.put(SilverGenerations.OPERATION_TYPE, lit("text_to_image"));
    c.put(SilverGenerations.PROVIDER, element_at(array(lit("comfyui"), lit("pixverse"), lit("imagen")),
        pmod(id, lit(3L)).cast("int").plus(1)));
    c.put(SilverGenerations.MODEL_NAME, lit("sdxl-base-1.0"));
    c.put(SilverGenerations.CHECKPOINT, format_string("checkpoint_%d.safetensors", pmod(id, lit(7L))));
    c.put(SilverGenerations.LORAS, array(struct(lit("detail_tweaker").as("name"), lit(0.75).as("strength")),
        struct(format_string("lora_%d", pmod(id, lit(5L))).as("name"), lit(0.5).as("strength"))));
    c.put(SilverGenerations.FINAL_PROMPT, format_string("a subject %d", pmod(id, lit(50L))));
    c.put(SilverGenerations.NEGATIVE_PROMPT, lit("blurry, lowres"));
    c.put(SilverGenerations.PROMPT_CONFIG,
        when(bucket.lt(60), format_string("{\"familyId\":\"fam-%d\",\"autoSelectLatest\":true,"
            + "\"variables\":{\"subject\":\"fox %d\",\"mood\":\"calm\"}}", family, pmod(id, lit(50L))))
        .when(bucket.lt(80), format_string("{\"versionId\":\"fam-%d-v%d\",\"variables\":{\"subject\":\"owl\"}}",
            family, pmod(id, lit(3L)).plus(1)))
        .when(bucket.lt(90), lit("{\"inlinePrompt\":\"a {{subject}}\",\"variables\":{\"subject\":\"cat\"}}"))
        .when(bucket.lt(95), lit(null).cast("string"))
        .when(bucket.lt(98), lit("{oops"))
        .otherwise(lit("{\"versionId\":\"no-such-version\"}")));
    c.put(SilverGenerations.CFG_SCALE, lit(7.5));
    c.put(SilverGenerations.STEPS, lit(30));
    c.put(SilverGenerations.SAMPLER, lit("euler_a"));
    c.put(SilverGenerations.SEED, pmod(id, lit(1000L)));
    c.put(SilverGenerations.WIDTH, lit(1024));
    c.put(SilverGenerations.HEIGHT, lit(1024));
    c.put(SilverGenerations.PARAMETERS, format_string("{\"steps\":30,\"cfg_scale\":7.50,\"sampler\":\"euler_a\","
        + "\"seed\":%d,\"width\":1024,\"height\":1024,\"hires\":{\"scale\":1.5,\"steps\":10}}", pmod(id, lit(1000L))));
    c.put(SilverGenerations.VARIATIONS, map(lit("Pose"), lit("profile")));
    c.put(SilverGenerations.USER_ID, format_string("user-%d", pmod(id, lit(100L))));
    c.put(SilverGenerations.COST_USD, pmod(id, lit(10L)).multiply(0.001));
    c.put(SilverGenerations.LATENCY_MS, pmod(id.multiply(37L), lit(20_000L)).plus(500L));
    c.put(SilverGenerations.ERROR_MESSAGE, when(status.equalTo("failed"),
        element_at(array(lit("timeout"), lit("out of memory"), lit("nsfw filter")), pmod(id, lit(3L)).cast("int").plus(1))));
    c.put(SilverGenerations.ASSET_IDS, array(format_string("asset-%d", id)));
    c.put(SilverGenerations.SELECTION, when(pmod(id, lit(4L)).equalTo(0), lit("selected"))
        .when(pmod(id, lit(4L)).equalTo(1), lit("rejected")));
    c.put(SilverGenerations.SOCIAL_CONTEXT, when(pmod(id, lit(5L)).equalTo(0),
        lit("{\"intimacyLevelId\":\"very_intimate\",\"worldMaxRating\":\"romantic\",\"userMaxRating\":\"mature_implied\"}")));
    c.put(SilverGenerations.IS_DELETED, lit(false));
    lineage(c, created);
    return conform(spark.range(0, n).select(named(c)), SilverGenerations.SCHEMA);
  }

  private static void lineage(Map<String, Column> c, Column eventTime) {
    c.put(Lineage.SOURCE, lit("synthetic"));
    c.put(Lineage.SOURCE_LINE, col("id"));
    c.put(Lineage.INGEST_RUN_ID, lit("bench"));
    c.put(Lineage.INGESTED_AT, timestamp_seconds(lit(BASE_SECONDS + 120L * 86_400)));
    c.put(Lineage.EVENT_TIME, eventTime);
  }

  private static Column[] named(Map<String, Column> columns) {
    return columns.entrySet().stream().map(e -> e.getValue().as(e.getKey())).toArray(Column[]::new);
  }

  /** Every column of {@code schema} in order, cast to its type; columns not generated are null. */
  private static Dataset<Row> conform(Dataset<Row> data, StructType schema) {
    java.util.Set<String> present = new java.util.HashSet<>(Arrays.asList(data.columns()));
    Column[] out = Arrays.stream(schema.fields())
        .map(f -> (present.contains(f.name()) ? col(f.name()) : lit(null)).cast(f.dataType()).as(f.name()))
        .toArray(Column[]::new);
    return data.select(out);
  }
}

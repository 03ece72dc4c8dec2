package io.genlake.preference;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.when;

import io.genlake.table.Lineage;
import io.genlake.table.SilverPreferenceEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Synthetic preference events for benchmarks, shaped like {@code silver.preference_events}: plain-word prompts
 * of six words (some stop words) from a 400-word vocabulary, two negative words, 0 to 2 LoRAs, 16 checkpoints
 * whose selection rate depends on the prompt's first word (so there is a signal to learn), 70 % sharing users,
 * events spread over 90 days before {@code asOf}. Built with Spark expressions only (hashes of the row id):
 * deterministic, no driver-side data.
 */
public final class SyntheticPreferenceEvents {
  private static final int WORDS = 400;
  private static final int CHECKPOINTS = 16;
  private static final int LORAS = 24;
  private static final int DAYS = 90;

  private SyntheticPreferenceEvents() {}

  /** {@code n} events of {@code users} users. */
  public static Dataset<Row> generate(SparkSession spark, long n, int users, Instant asOf) {
    Column id = col("id");
    List<Column> words = new ArrayList<>();
    for (int i = 0; i < WORDS; i++) {
      words.add(lit(i % 10 == 0 ? List.of("of", "with", "a", "the", "in").get(i / 10 % 5) : word(i)));
    }
    Column vocab = array(words.toArray(new Column[0]));
    List<Column> prompt = new ArrayList<>();
    for (int k = 0; k < 6; k++) {
      prompt.add(element_at(vocab, pmod(hash(id, lit(k)), lit(WORDS)).plus(1).cast("int")));
    }
    Column negatives = concat_ws(", ", lit("blurry"),
        element_at(array(lit("low quality"), lit("watermark"), lit("extra fingers"), lit("jpeg artifacts")),
            pmod(hash(id, lit(11)), lit(4)).plus(1).cast("int")));
    Column style = pmod(hash(id, lit(0)), lit(WORDS));
    Column checkpoint = pmod(hash(id, lit(21)), lit(CHECKPOINTS));
    Column affinity = pmod(hash(style, checkpoint), lit(100));
    Column selected = pmod(hash(id, lit(22)), lit(100)).lt(affinity);
    Column loraCount = pmod(hash(id, lit(31)), lit(3));
    Column lora1 = pmod(hash(id, lit(32)), lit(LORAS));
    Column lora2 = pmod(lora1.plus(1).plus(pmod(hash(id, lit(33)), lit(LORAS - 1))), lit(LORAS));
    Column loras = slice(array(
        struct(concat(lit("lora_"), lora1.cast("string")).as("name"), lit(0.8).as("strength")),
        struct(concat(lit("lora_"), lora2.cast("string")).as("name"), lit(0.6).as("strength"))), lit(1),
        loraCount.cast("int"));
    Column user = pmod(hash(id, lit(41)), lit(users));
    Column share = when(pmod(hash(user, lit(42)), lit(10)).lt(7), lit(true))
        .when(pmod(hash(user, lit(42)), lit(10)).lt(9), lit(false)).otherwise(lit(null).cast("boolean"));
    Column created = timestamp_seconds(lit(asOf.getEpochSecond()).minus(pmod(hash(id, lit(51)), lit(DAYS * 86_400))));
    return spark.range(n).select(
        concat(lit("ev"), id.cast("string")).as(SilverPreferenceEvents.EVENT_ID),
        concat(lit("user"), user.cast("string")).as(SilverPreferenceEvents.USER_ID),
        concat_ws(" ", prompt.toArray(new Column[0])).as(SilverPreferenceEvents.PROMPT),
        negatives.as(SilverPreferenceEvents.NEGATIVE_PROMPT),
        concat(lit("checkpoint_"), checkpoint.cast("string"), lit(".safetensors")).as(SilverPreferenceEvents.CHECKPOINT),
        loras.as(SilverPreferenceEvents.LORAS),
        when(selected, lit("selected")).otherwise(lit("rejected")).as(SilverPreferenceEvents.ACTION),
        lit("sdxl").as(SilverPreferenceEvents.MODEL_FAMILY),
        share.as(SilverPreferenceEvents.SHARE_PREFERENCES),
        created.as(SilverPreferenceEvents.CREATED_AT),
        created.as(Lineage.INGESTED_AT));
  }

  /** A pronounceable lower-case word for vocabulary index {@code i}: w0 -> "baka", ... (distinct per index). */
  static String word(int i) {
    String consonants = "bdfgklmnprstvz";
    String vowels = "aeiou";
    StringBuilder b = new StringBuilder();
    int v = i + 1;
    while (v > 0) {
      b.append(consonants.charAt(v % consonants.length())).append(vowels.charAt((v / 3) % vowels.length()));
      v /= consonants.length();
    }
    return b.toString();
  }
}

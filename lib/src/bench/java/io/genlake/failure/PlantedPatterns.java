package io.genlake.failure;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * A fast generator of generation outcomes with known failing combinations, to measure the miner's recall and
 * false-discovery share. Every outcome has 6 variation dimensions (Expression, Pose, Lighting, Background,
 * Outfit, Camera), a checkpoint, a sampler, a cfg scale and steps, drawn uniformly; ten planted patterns
 * (sizes 2 and 3) make an outcome fail with probability {@value #PLANTED_FAILURE_RATE}, every other outcome
 * fails with probability {@value #BASE_FAILURE_RATE}. Each row's randomness depends only on (seed, row id),
 * so the data are the same for any partitioning. Generated inside the executors (no driver-side data).
 */
public final class PlantedPatterns {
  /** The model every generated outcome belongs to. */
  public static final String MODEL = "sd-v1.5";
  static final double PLANTED_FAILURE_RATE = 0.9;
  static final double BASE_FAILURE_RATE = 0.12;

  static final String[][] DIMENSIONS = {
      {"Expression", "happy", "angry", "sad", "neutral", "surprised", "smiling"},
      {"Pose", "standing", "sitting", "profile", "walking", "kneeling", "lying"},
      {"Lighting", "daylight", "backlit", "studio", "neon", "candle"},
      {"Background", "forest", "city", "beach", "studio", "ruins"},
      {"Outfit", "casual", "armor", "dress", "suit", "uniform", "swimsuit"},
      {"Camera", "closeup", "wide", "fisheye", "overhead"},
      {"checkpoint", "dreamshaper_8", "realisticVision_v51", "juggernautXL", "deliberate_v3"},
      {"sampler", "Euler a", "DPM++ 2M", "DDIM", "UniPC"}};
  static final double[] CFG_VALUES = {3.5, 5, 7, 7.5, 9, 12};
  static final int[] STEP_VALUES = {15, 20, 25, 30, 40, 50};
  static final String[] MATERIAL_CATEGORIES = {"wood_hardwood", "wood_softwood", "metal_ferrous", "metal_nonferrous",
      "stone", "plastic", "fabric", "glass"};
  static final String[] CATEGORIES = {"malformed", "noise", "incomplete", "off_prompt"};

  /** The planted patterns (items sorted) and the failure category each produces. */
  static final List<List<String>> PLANTED = List.of(
      sorted("Expression=angry", "Pose=profile"),
      sorted("Camera=fisheye", "Lighting=backlit"),
      sorted("checkpoint=deliberate_v3", "sampler=DDIM"),
      sorted("Background=ruins", "Outfit=armor", "Pose=lying"),
      sorted("Camera=overhead", "Expression=surprised", "cfg=" + Outcomes.CFG.label(12)),
      sorted("Lighting=neon", "steps=" + Outcomes.STEPS.label(15)),
      sorted("Background=beach", "Outfit=suit", "sampler=UniPC"),
      sorted("Camera=wide", "Pose=kneeling"),
      sorted("Lighting=candle", "Outfit=swimsuit", "checkpoint=juggernautXL"),
      sorted("Background=city", "Expression=sad"));
  static final String[] PLANTED_CATEGORY = {"malformed", "noise", "noise", "malformed", "off_prompt", "incomplete",
      "off_prompt", "malformed", "incomplete", "noise"};

  /** An empty attribute_sources map (rows encoded by Spark's row encoder take Scala maps). */
  private static final scala.collection.Map<String, String> NO_SOURCES =
      scala.collection.JavaConverters.mapAsScalaMap(new java.util.HashMap<String, String>());

  private PlantedPatterns() {}

  /** The planted patterns' keys, as {@link MinedPattern#key()} writes them. */
  public static List<String> plantedKeys() {
    return PLANTED.stream().map(p -> String.join(" & ", p)).toList();
  }

  /** {@code n} outcome rows over {@code partitions} partitions, reproducible from {@code seed}. */
  public static Dataset<Row> generate(SparkSession spark, long n, long seed, int partitions) {
    return spark.range(0, n, 1, partitions)
        .mapPartitions((MapPartitionsFunction<Long, Row>) ids -> rows(ids, seed), Encoders.row(Outcomes.SCHEMA));
  }

  private static Iterator<Row> rows(Iterator<Long> ids, long seed) {
    long start = Instant.parse("2026-10-01T00:00:00Z").toEpochMilli();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return ids.hasNext();
      }

      @Override
      public Row next() {
        long id = ids.next();
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + id);
        List<String> items = new ArrayList<>(10);
        String checkpoint = null;
        String sampler = null;
        for (String[] dim : DIMENSIONS) {
          String value = dim[1 + r.nextInt(dim.length - 1)];
          items.add(dim[0] + "=" + value);
          if (dim[0].equals("checkpoint")) {
            checkpoint = value;
          } else if (dim[0].equals("sampler")) {
            sampler = value;
          }
        }
        items.add("cfg=" + Outcomes.CFG.label(CFG_VALUES[r.nextInt(CFG_VALUES.length)]));
        items.add("steps=" + Outcomes.STEPS.label(STEP_VALUES[r.nextInt(STEP_VALUES.length)]));
        int matched = matchedPlanted(items);
        boolean failed = r.nextDouble() < (matched >= 0 ? PLANTED_FAILURE_RATE : BASE_FAILURE_RATE);
        String category = !failed ? null : matched >= 0 ? PLANTED_CATEGORY[matched] : CATEGORIES[r.nextInt(CATEGORIES.length)];
        double score = failed ? 40 + r.nextInt(35) : 75 + r.nextInt(26);
        Timestamp at = new Timestamp(start + r.nextLong(30L * 86_400_000L));
        return RowFactory.create(Outcomes.GENERATION, Outcomes.GENERATION, "g" + id, MODEL, Outcomes.UNKNOWN, at, failed,
            category, score, MATERIAL_CATEGORIES[r.nextInt(MATERIAL_CATEGORIES.length)], checkpoint, sampler, null, null,
            null, null, "g" + id, items.toArray(new String[0]), true, NO_SOURCES, null, null);
      }
    };
  }

  /**
   * The generated outcomes as seed 004's generation_attempts columns that its category statistics read:
   * id, timestamp (ISO text), category, realism_score (integer), passed (0/1). For the SQLite comparison.
   */
  public static Dataset<Row> asSeedAttempts(Dataset<Row> outcomes) {
    return outcomes.select(
        org.apache.spark.sql.functions.col(Outcomes.OUTCOME_ID).as("id"),
        org.apache.spark.sql.functions.date_format(org.apache.spark.sql.functions.col(Outcomes.OCCURRED_AT),
            "yyyy-MM-dd'T'HH:mm:ss").as("timestamp"),
        org.apache.spark.sql.functions.col(Outcomes.MATERIAL_CATEGORY).as("category"),
        org.apache.spark.sql.functions.col(Outcomes.SCORE).cast("int").as("realism_score"),
        org.apache.spark.sql.functions.not(org.apache.spark.sql.functions.col(Outcomes.FAILED)).cast("int").as("passed"));
  }

  /** The index of the first planted pattern all of whose items are in {@code items}, or −1. */
  static int matchedPlanted(List<String> items) {
    Set<String> set = new HashSet<>(items);
    for (int i = 0; i < PLANTED.size(); i++) {
      if (set.containsAll(PLANTED.get(i))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * How well reported patterns recover the planted ones.
   *
   * @param found planted patterns reported exactly
   * @param explained reported patterns that are supersets of a planted pattern (not planted themselves)
   * @param unexplained reported patterns that neither are nor contain a planted pattern
   */
  public record Evaluation(int planted, int reported, int found, int explained, int unexplained) {
    /** found / planted. */
    public double recall() {
      return planted == 0 ? 1.0 : (double) found / planted;
    }

    /** Share of reported patterns that are not planted and not explained by (a superset of) a planted one. */
    public double falseDiscoveryShare() {
      return reported == 0 ? 0.0 : (double) unexplained / reported;
    }

    /** Share of reported patterns that are not exactly a planted one. */
    public double strictFalseDiscoveryShare() {
      return reported == 0 ? 0.0 : (double) (explained + unexplained) / reported;
    }
  }

  /** Scores the {@code REPORTED} patterns of {@code patterns} against the planted ones. */
  public static Evaluation evaluate(List<MinedPattern> patterns) {
    Set<String> planted = new HashSet<>(plantedKeys());
    int reported = 0;
    int found = 0;
    int explained = 0;
    int unexplained = 0;
    for (MinedPattern p : patterns) {
      if (p.status() != MinedPattern.Status.REPORTED) {
        continue;
      }
      reported++;
      if (planted.contains(p.key())) {
        found++;
      } else if (matchedPlanted(Arrays.asList(p.key().split(" & "))) >= 0) {
        explained++;
      } else {
        unexplained++;
      }
    }
    return new Evaluation(planted.size(), reported, found, explained, unexplained);
  }

  private static List<String> sorted(String... items) {
    String[] a = items.clone();
    Arrays.sort(a);
    return List.of(a);
  }
}

package io.genlake.generate;

import io.genlake.pipeline.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;

/**
 * Writes realistic synthetic landing data for every kind of docs/landing-formats.md: N generations with
 * proportional assets, sessions, ratings, preference events, feedback attempts, action blocks and prompt
 * versions, in JSON Lines part files, CSV and the seeds' SQLite databases, with a share of bad rows and
 * planted signals ({@code _planted.json}). Plain Java, no Spark; deterministic: the same arguments give
 * byte-identical files. Cost: one sequential pass, constant memory beyond the action blocks (N/20), about
 * 10 landing rows per generation.
 */
public final class LandingGenerator {
  /** Rows per JSON Lines part file at which another part is added (2 to 8 parts per kind). */
  static final long ROWS_PER_PART = 125_000;
  /** The planted signals, as JSON, at the landing root (outside every kind's folder, so never ingested). */
  public static final String PLANTED_FILE = "_planted.json";
  /** {@link GenerationSummary#toJson()} at the landing root, for tests that reconcile ingestion's counts. */
  public static final String SUMMARY_FILE = "_summary.json";
  /** Numeric ids of batch B start after B times this (far above any id a batch writes). */
  static final long BATCH_ID_STRIDE = 10_000_000_000L;

  private LandingGenerator() {}

  /**
   * Writes the landing data for {@code scale} generations under {@code out} (created if missing; existing
   * files of the same names are overwritten, nothing is deleted).
   *
   * @param badRate the share of all rows that are bad, in [0, 0.5]
   */
  public static GenerationSummary write(Path out, long scale, long seed, double badRate) {
    return write(out, scale, seed, badRate, Progress.silent());
  }

  /** As {@link #write(Path, long, long, double)}, telling {@code progress} how far it got. */
  public static GenerationSummary write(Path out, long scale, long seed, double badRate, Progress progress) {
    return write(out, scale, seed, badRate, 0, progress);
  }

  /**
   * Writes batch {@code batch} of a landing: batch 0 is the landing itself; batch B &gt; 0 is more data for the
   * same landing, as new files ({@code <kind>/batch-000B/...}, {@code sqlite/batch-000B/*.db}) with new ids
   * (numeric ids offset by B x 10^10, other keys drawn from a stream seeded by seed and B), in the same time
   * window, with its summary in {@code _summary.batch-000B.json}. Deterministic for (seed, batch).
   */
  public static GenerationSummary write(Path out, long scale, long seed, double badRate, int batch,
      Progress progress) {
    return write(out, scale, seed, badRate, batch, 0, progress);
  }

  /**
   * As {@link #write(Path, long, long, double, int, Progress)}, with {@code preferenceRounds} extra preference rounds
   * per checkpoint generation: the same prompt tried again in seed 003's preference app on its own, two or three
   * candidates from other checkpoints, events without a generation id. 0 (the default) writes none and leaves every
   * other stream as it was; the bundled sample uses a few so that its small window holds enough preference evidence.
   */
  public static GenerationSummary write(Path out, long scale, long seed, double badRate, int batch,
      int preferenceRounds, Progress progress) {
    if (preferenceRounds < 0 || preferenceRounds > 100) {
      throw new IllegalArgumentException("Cannot use " + preferenceRounds + " preference rounds per generation: "
          + "expected 0 to 100.");
    }
    if (batch < 0 || batch > 9999) {
      throw new IllegalArgumentException("Cannot generate batch " + batch + ": batches are numbered 0 (the landing)"
          + " to 9999 (added data).");
    }
    if (scale < 1) {
      throw new IllegalArgumentException("Cannot generate " + scale + " generations: the scale must be at least 1.");
    }
    if (!(badRate >= 0 && badRate <= 0.5)) {
      throw new IllegalArgumentException("Cannot use bad rate " + badRate + ": expected a share from 0 to 0.5 (0.02 = 2% bad rows).");
    }
    long t0 = System.nanoTime();
    long end = Timestamps.windowEnd(seed);
    long start = end - Timestamps.WINDOW_SECONDS;
    Rng rng = new Rng(batch == 0 ? seed : seed * 1_000_003L + batch);
    String subfolder = batch == 0 ? "" : batchName(batch);
    long idBase = batch * BATCH_ID_STRIDE;
    Tally tally = new Tally();
    int parts = (int) Math.max(2, Math.min(8, 2 + scale / ROWS_PER_PART));
    Map<Kind, Integer> jsonlParts = new EnumMap<>(Kind.class);
    for (Kind kind : new Kind[] {Kind.GENERATIONS, Kind.ASSETS, Kind.IMAGE_RATINGS, Kind.PREFERENCE_EVENTS,
        Kind.BLOCK_FIT, Kind.FEEDBACK, Kind.SESSIONS}) {
      jsonlParts.put(kind, parts);
    }
    try {
      Files.createDirectories(out);
      try (Landing landing = new Landing(out, subfolder, jsonlParts, rng, badRate, tally, idBase)) {
        progress.step("generate", "reference data (action blocks, prompt versions)");
        ReferenceData ref = ReferenceData.write(landing, rng, scale, start);
        progress.step("generate", "generations, sessions, assets and ratings: " + Progress.count(scale) + " generations");
        new GenerationPass(landing, rng, ref, scale, start, end - start, idBase, preferenceRounds).run(done ->
            progress.step("generate", Progress.count(done) + " generations written ("
                + Progress.seconds(System.nanoTime() - t0) + ")"));
        progress.step("generate", "feedback attempts");
        new FeedbackPass(landing, rng, scale, start, end - start).run();
        if (badRate > 0) {
          landing.addMissingRules();
        }
        progress.step("generate", "committing the SQLite databases");
      }
      GenerationSummary summary = tally.summary(scale, seed, badRate, System.nanoTime() - t0);
      Files.writeString(out.resolve(suffixed(PLANTED_FILE, subfolder)), summary.plantedSignalsJson() + "\n",
          StandardCharsets.UTF_8);
      Files.writeString(out.resolve(suffixed(SUMMARY_FILE, subfolder)), summary.toJson() + "\n", StandardCharsets.UTF_8);
      return summary;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write landing data under " + out + ": " + e.getMessage(), e);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create the SQLite databases under " + out.resolve("sqlite") + ": "
          + e.getMessage(), e);
    }
  }

  /** {@code batch-0001}: the folder of an added batch. */
  public static String batchName(int batch) {
    return String.format(java.util.Locale.ROOT, "batch-%04d", batch);
  }

  private static String suffixed(String file, String subfolder) {
    return subfolder.isEmpty() ? file : file.replace(".json", "." + subfolder + ".json");
  }
}

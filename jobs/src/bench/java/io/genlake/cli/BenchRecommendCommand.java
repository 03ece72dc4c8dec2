package io.genlake.cli;

import io.genlake.config.PreferenceConfig;
import io.genlake.pipeline.Progress;
import io.genlake.preference.PairCounts;
import io.genlake.preference.ParameterStat;
import io.genlake.preference.SnapshotData;
import io.genlake.preference.ValueStats;
import io.genlake.table.GoldParameterStats;
import io.genlake.preference.ServingSnapshot;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code genlake bench recommend --prompts N}: the {@code recommend} lookup (keyword extraction, scoring of the
 * candidates, Thompson sampling, JSON answer) timed over N prompts built from the snapshot's keywords; prints
 * p50, p99 and the snapshot load time. Uses the warehouse's snapshot, or a synthetic one when there is none.
 * {@code --end-to-end N} also times N whole {@code bin/genlake recommend} processes ({@link EndToEnd}).
 */
@Command(name = "recommend", mixinStandardHelpOptions = true,
    description = "Benchmark the recommend lookup (no Spark): p50/p99 over N prompts.")
final class BenchRecommendCommand implements Callable<Integer> {
  @Mixin WarehouseOptions warehouse;

  @Option(names = "--prompts", defaultValue = "10000", description = "Prompts timed. Default: ${DEFAULT-VALUE}.")
  int prompts;

  @Option(names = "--save-synthetic",
      description = "When the warehouse has no snapshot, save the synthetic one there (to time `recommend` end to end).")
  boolean saveSynthetic;

  @Option(names = "--end-to-end", paramLabel = "N", defaultValue = "0",
      description = "Also time N runs of the real `bin/genlake recommend` process on the warehouse's snapshot "
          + "(wall time per process, p50/p95). Default: off.")
  int endToEnd;

  @Override
  public Integer call() throws Exception {
    PreferenceConfig config = warehouse.config().preference();
    Progress p = new Progress(System.err, false);
    long t0 = System.nanoTime();
    Optional<ServingSnapshot> stored = ServingSnapshot.readIfPresent(Path.of(warehouse.warehouseRoot()));
    ServingSnapshot snap = stored.orElseGet(BenchRecommendCommand::synthetic);
    if (stored.isEmpty() && saveSynthetic) {
      Path file = Path.of(warehouse.warehouseRoot()).resolve(ServingSnapshot.RELATIVE_PATH);
      java.nio.file.Files.createDirectories(file.getParent());
      try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(file)) {
        snap.write(out);
      }
      p.step("bench recommend", "saved the synthetic snapshot to " + file);
    }
    p.step("bench recommend", (stored.isPresent() ? "loaded snapshot" : "built a synthetic snapshot") + " with "
        + Progress.count(snap.pairCount()) + " pairs in " + Progress.seconds(System.nanoTime() - t0));
    List<String> keywords = snap.keywords();
    List<String> candidates = snap.checkpointsByPopularity().subList(0, Math.min(8, snap.checkpointsByPopularity().size()));
    SplittableRandom random = new SplittableRandom(7);
    String[] stop = {"of", "a", "with", "the"};
    long[] nanos = new long[prompts];
    int warmup = Math.min(2000, prompts);
    for (int i = -warmup; i < prompts; i++) {
      StringBuilder prompt = new StringBuilder();
      int words = 3 + random.nextInt(6);
      for (int k = 0; k < words; k++) {
        prompt.append(k % 3 == 2 ? stop[random.nextInt(stop.length)] : keywords.get(random.nextInt(keywords.size())))
            .append(k == words - 1 ? "" : " ");
      }
      long s = System.nanoTime();
      RecommendCommand.answer(snap, config, prompt.toString(), candidates, Optional.of("user" + random.nextInt(100)),
          Optional.empty(), "standard").toString();
      if (i >= 0) {
        nanos[i] = System.nanoTime() - s;
      }
    }
    Arrays.sort(nanos);
    p.step("bench recommend", String.format(Locale.ROOT,
        "%d prompts x %d candidates (Thompson %s, %d draws): p50 %.3f ms, p99 %.3f ms, max %.3f ms",
        prompts, candidates.size(), config.thompsonSampling() ? "on" : "off", config.thompsonDraws(),
        nanos[prompts / 2] / 1e6, nanos[(int) Math.min(prompts - 1, Math.ceil(prompts * 0.99) - 1)] / 1e6,
        nanos[prompts - 1] / 1e6));
    if (endToEnd > 0) {
      if (stored.isEmpty() && !saveSynthetic) {
        throw new IllegalStateException("--end-to-end times `bin/genlake recommend` on the warehouse's snapshot, and "
            + warehouse.warehouseRoot() + " has none. Run `genlake nightly` there first, or add --save-synthetic.");
      }
      EndToEnd.time(endToEnd, warehouse, keywords, candidates, p);
    }
    return 0;
  }

  /**
   * 2,000 keywords x 16 checkpoints, global and 100 users, random counts; per keyword 4 of 24 LoRAs with strengths
   * and the steps, cfg and 4 samplers; per checkpoint its totals, 4 LoRAs and parameters.
   */
  private static ServingSnapshot synthetic() {
    SnapshotData s = new SnapshotData(Instant.parse("2026-11-21T00:00:00Z"));
    SplittableRandom r = new SplittableRandom(3);
    List<String> checkpoints = new ArrayList<>();
    for (int c = 0; c < 16; c++) {
      checkpoints.add("checkpoint_" + c + ".safetensors");
      s.putCheckpoint(checkpoints.get(c), new PairCounts(500, 500, 400, 400));
      advice(s, false, checkpoints.get(c), r);
    }
    for (int k = 0; k < 2000; k++) {
      for (String c : checkpoints) {
        long total = r.nextInt(200);
        long sel = total == 0 ? 0 : r.nextLong(total + 1);
        s.putGlobal("kw" + k, c, new PairCounts(sel, total - sel, sel * 0.8, (total - sel) * 0.8));
        if (r.nextInt(10) == 0) {
          s.putUser("user" + r.nextInt(100), "kw" + k, c, new PairCounts(1, 1, 0.9, 0.9));
        }
      }
      advice(s, true, "kw" + k, r);
    }
    return s.build();
  }

  private static void advice(SnapshotData s, boolean keyword, String context, SplittableRandom r) {
    String kind = keyword ? GoldParameterStats.KEYWORD : GoldParameterStats.CHECKPOINT;
    for (int l = 0; l < 4; l++) {
      String lora = "lora_" + r.nextInt(24);
      long total = 1 + r.nextInt(100);
      long sel = r.nextLong(total + 1);
      PairCounts counts = new PairCounts(sel, total - sel, sel * 0.8, (total - sel) * 0.8);
      if (keyword) {
        s.putKeywordLora(context, lora, counts);
      } else {
        s.putCheckpointLora(context, lora, counts);
      }
      s.putParameter(kind, context, new ParameterStat(GoldParameterStats.LORA_STRENGTH, lora,
          new ValueStats(sel, 0.6 + r.nextDouble() * 0.3, 0.01, total - sel, 0.8, 0.02)));
    }
    s.putParameter(kind, context, new ParameterStat("steps", "", new ValueStats(50, 28, 16, 40, 31, 20)));
    s.putParameter(kind, context, new ParameterStat("cfg_scale", "", new ValueStats(50, 7, 1, 40, 8, 2)));
    for (int i = 0; i < 4; i++) {
      s.putParameter(kind, context, new ParameterStat(GoldParameterStats.SAMPLER, "sampler_" + i,
          ValueStats.counts(r.nextInt(50), r.nextInt(50))));
    }
  }
}

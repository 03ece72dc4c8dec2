package io.genlake.cli;

import io.genlake.pipeline.Progress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * {@code bench recommend --end-to-end N}: starts the real {@code bin/genlake recommend} process N times (after one
 * untimed run that also creates the class-data-sharing archive when missing) with prompts built from the
 * snapshot's keywords, checks each answer, and prints the wall time per process: p50, p95 and max. This is what a
 * caller of the command waits: bash launcher, staleness check, JVM start, configuration, snapshot and answer.
 * Interleaved with those runs it times the floor no JVM command can go under on the machine, {@code java -version}
 * with the launcher's fast-path flags, and prints it beside them (machines differ about 2x in process start-up).
 */
final class EndToEnd {
  private EndToEnd() {}

  static void time(int runs, WarehouseOptions warehouse, List<String> keywords, List<String> candidates, Progress p)
      throws IOException, InterruptedException {
    Path launcher = launcher();
    SplittableRandom random = new SplittableRandom(11);
    long[] nanos = new long[runs];
    long[] floor = new long[runs];
    for (int i = -1; i < runs; i++) {
      String prompt = keywords.get(random.nextInt(keywords.size())) + " of " + keywords.get(random.nextInt(keywords.size()))
          + " with " + keywords.get(random.nextInt(keywords.size()));
      List<String> command = new ArrayList<>(List.of(launcher.toString(), "recommend", "--warehouse",
          warehouse.warehouseRoot(), "--prompt", prompt, "--checkpoints", String.join(",", candidates),
          "--user", "user" + random.nextInt(100)));
      warehouse.config.ifPresent(c -> command.addAll(List.of("--config", c.toString())));
      long s = System.nanoTime();
      Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int status = process.waitFor();
      long elapsed = System.nanoTime() - s;
      if (status != 0 || !out.contains("\"recommended\"")) {
        throw new IllegalStateException("`" + String.join(" ", command) + "` exited with " + status
            + " and printed no recommendation: " + out.strip() + ". Fix that run before timing it.");
      }
      if (i >= 0) {
        nanos[i] = elapsed;
        floor[i] = jvmFloor();
      }
    }
    Arrays.sort(nanos);
    Arrays.sort(floor);
    p.step("bench recommend", String.format(Locale.ROOT,
        "end to end, %d `bin/genlake recommend` processes: p50 %.1f ms, p95 %.1f ms, max %.1f ms", runs,
        nanos[runs / 2] / 1e6, nanos[(int) Math.min(runs - 1, Math.ceil(runs * 0.95) - 1)] / 1e6, nanos[runs - 1] / 1e6));
    p.step("bench recommend", String.format(Locale.ROOT,
        "JVM floor in the same run (`java -version`, fast-path flags): p50 %.1f ms; recommend beyond it: %.1f ms",
        floor[runs / 2] / 1e6, (nanos[runs / 2] - floor[runs / 2]) / 1e6));
  }

  /** Nanoseconds of one {@code java -version} with the flags {@code bin/genlake} gives {@code recommend}. */
  private static long jvmFloor() throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    long s = System.nanoTime();
    Process process = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
        "-Xshare:auto", "-Xlog:disable", "-Xmx512m", "-version").redirectErrorStream(true).start();
    process.getInputStream().readAllBytes();
    if (process.waitFor() != 0) {
      throw new IllegalStateException("`" + java + " -version` failed: the JVM floor cannot be measured");
    }
    return System.nanoTime() - s;
  }

  /** {@code $GENLAKE_HOME/bin/genlake}, which the launcher exports. */
  private static Path launcher() {
    String home = System.getenv("GENLAKE_HOME");
    Path launcher = home == null ? null : Path.of(home, "bin", "genlake");
    if (launcher == null || !Files.isExecutable(launcher)) {
      throw new IllegalStateException("--end-to-end starts bin/genlake, but GENLAKE_HOME does not point at a genlake "
          + "checkout (it is " + home + "). Run the benchmark through bin/genlake, which sets it.");
    }
    return launcher;
  }
}

package io.genlake.cli;

import io.genlake.ops.StartupTimings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where cold processes spend their time, from the marks they append to a {@link StartupTimings} file: each run's
 * phases (launcher, JVM start to {@code main}, command line and configuration, Spark start, then the command's own
 * phases, exit) are collected, and {@link #summary} prints each phase's median over the runs and its share of the
 * median total. One instance per kind of process (cold {@code sql}, cold {@code nightly}).
 */
final class ColdBreakdown {
  /** What each phase covers, for the printed line. */
  private static final Map<String, String> NAMES = Map.of(
      "launcher", "launcher (bash, class path)",
      "main", "JVM start to main",
      "config", "command line and configuration",
      "spark", "Spark session start",
      "tables", "table registration (Delta snapshots)",
      "plan", "read-only check and planning",
      "query", "execution and output",
      "steps", "pipeline steps",
      "exit", "exit (Spark stop, shutdown hooks)");

  private final Map<String, List<Long>> phases = new LinkedHashMap<>();
  private final List<Long> totals = new ArrayList<>();

  /** A fresh timings file for one process: pass it as {@link StartupTimings#ENV}. */
  static Path newFile() throws IOException {
    Path f = Files.createTempFile("genlake-timings-", ".txt");
    Files.delete(f); // the process creates it on its first mark
    return f;
  }

  /** Adds one run: the process started at {@code spawnedAt} and ended at {@code endedAt} (epoch ms). */
  void add(Path timings, long spawnedAt, long endedAt) throws IOException {
    if (!Files.exists(timings)) {
      throw new IllegalStateException("the process wrote no timings to " + timings + " (is the jar up to date?)");
    }
    StartupTimings.phases(timings, spawnedAt, endedAt)
        .forEach((phase, ms) -> phases.computeIfAbsent(phase, k -> new ArrayList<>()).add(ms));
    totals.add(endedAt - spawnedAt);
    Files.delete(timings);
  }

  /** One line: the median total, then each phase's median with its share of the median total. */
  String summary(String what) {
    long total = median(totals);
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s, median of %d: %.1f s =", what, totals.size(),
        total / 1e3));
    String sep = " ";
    for (var e : phases.entrySet()) {
      long m = median(e.getValue());
      s.append(sep).append(String.format(Locale.ROOT, "%s %.2f s (%.0f%%)", NAMES.getOrDefault(e.getKey(), e.getKey()),
          m / 1e3, 100.0 * m / Math.max(1, total)));
      sep = ", ";
    }
    return s.toString();
  }

  private static long median(List<Long> values) {
    List<Long> s = new ArrayList<>(values);
    s.sort(null);
    return s.get(s.size() / 2);
  }
}

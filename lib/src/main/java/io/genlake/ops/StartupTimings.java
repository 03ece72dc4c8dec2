package io.genlake.ops;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a command's fixed time goes (JVM start, configuration, Spark start, Delta snapshots, the work, exit), for
 * {@code bin/genlake bench sql-endpoint}. Off unless the environment variable {@value #ENV} names a file; then the
 * first mark appends {@code jvm_start <epoch ms>} (the JVM's own start time) and every mark appends
 * {@code <phase> <epoch ms>}, one line each. The reader ({@link #phases}) turns the marks into durations: each phase
 * lasts from the previous mark to its own. Cost when off: one environment lookup per mark.
 */
public final class StartupTimings {
  /** The environment variable naming the file the marks are appended to. */
  public static final String ENV = "GENLAKE_TIMINGS";

  /** The first line's name: the JVM's start, from the runtime bean. */
  public static final String JVM_START = "jvm_start";

  private static boolean started;

  private StartupTimings() {}

  /** Appends {@code phase} and the current time when timings are on; the first call also appends the JVM's start. */
  public static synchronized void mark(String phase) {
    String file = System.getenv(ENV);
    if (file == null || file.isBlank()) {
      return;
    }
    StringBuilder lines = new StringBuilder();
    if (!started) {
      started = true;
      lines.append(JVM_START).append(' ').append(ManagementFactory.getRuntimeMXBean().getStartTime()).append('\n');
    }
    lines.append(phase).append(' ').append(System.currentTimeMillis()).append('\n');
    try {
      Files.writeString(Path.of(file), lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      // timings are diagnostics: a file that cannot be written must not fail the command
    }
  }

  /**
   * The phases of a timings file as (phase, milliseconds) in order: {@code launcher} from {@code spawnedAt} to the
   * JVM's start, each mark from the previous one, and {@code exit} from the last mark to {@code endedAt}.
   */
  public static Map<String, Long> phases(Path file, long spawnedAt, long endedAt) throws IOException {
    List<String[]> marks = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String[] parts = line.trim().split(" ");
      if (parts.length == 2) {
        marks.add(parts);
      }
    }
    Map<String, Long> phases = new LinkedHashMap<>();
    long previous = spawnedAt;
    for (String[] m : marks) {
      long at = Long.parseLong(m[1]);
      phases.merge(m[0].equals(JVM_START) ? "launcher" : m[0], at - previous, Long::sum);
      previous = at;
    }
    phases.put("exit", endedAt - previous);
    return phases;
  }
}

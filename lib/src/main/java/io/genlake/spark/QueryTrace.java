package io.genlake.spark;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionEnd;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart;

/**
 * Prints one line per Spark SQL execution that took at least {@code minMillis}, with the genlake source line
 * that started it: {@code [trace] 1.23 s  FitJob.java:95 (count), ended at 42.10 s} (seconds since the JVM started). Enabled by {@code GENLAKE_TRACE=1} (or a
 * number of milliseconds, default 200); it shows where a step spends its time without a profiler.
 */
public final class QueryTrace extends SparkListener {
  private final PrintStream out;
  private final long minMillis;
  private final Map<Long, Started> started = new ConcurrentHashMap<>();

  /** A running execution: when it started, the genlake lines that ran it, Spark's description. */
  private record Started(long time, String origin, String description) {}

  QueryTrace(PrintStream out, long minMillis) {
    this.out = out;
    this.minMillis = minMillis;
  }

  /** The trace the environment asks for, if any. */
  static Optional<QueryTrace> fromEnvironment() {
    String v = System.getenv("GENLAKE_TRACE");
    if (v == null || v.isBlank() || v.trim().equals("0")) {
      return Optional.empty();
    }
    long min;
    try {
      min = v.trim().equals("1") ? 200 : Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("GENLAKE_TRACE must be 1 (queries over 200 ms) or a number of milliseconds, not '"
          + v + "'", e);
    }
    return Optional.of(new QueryTrace(System.err, min));
  }

  @Override
  public void onOtherEvent(SparkListenerEvent event) {
    if (event instanceof SparkListenerSQLExecutionStart s) {
      started.put(s.executionId(), new Started(s.time(), origin(s.details()), s.description()));
    } else if (event instanceof SparkListenerSQLExecutionEnd e) {
      Started s = started.remove(e.executionId());
      if (s != null) {
        long ms = e.time() - s.time();
        if (ms >= minMillis) {
          String what = s.description().length() > 60 ? s.description().substring(0, 60) : s.description();
          double ended = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
          out.println(String.format(Locale.ROOT, "[trace] %6.2f s  %s  (%s), ended at %.2f s", ms / 1000.0, s.origin(),
              what, ended));
        }
      }
    }
  }

  /** The first genlake frames of a call-site stack, e.g. {@code FitJob.java:95 < FitJob.java:60}. */
  static String origin(String details) {
    StringBuilder b = new StringBuilder();
    int frames = 0;
    for (String line : details.split("\n")) {
      String t = line.trim();
      if (t.startsWith("io.genlake.") && frames < 3) {
        int open = t.lastIndexOf('(');
        String where = open >= 0 ? t.substring(open + 1, t.length() - 1) : t;
        b.append(frames == 0 ? "" : " < ").append(where);
        frames++;
      }
    }
    return frames == 0 ? "?" : b.toString();
  }
}

package io.genlake.spark;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionEnd;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart;

/**
 * Prints one line per Spark SQL execution that took at least {@code minMillis}, with the genlake source line
 * that started it: {@code [trace] 1.23 s  FitJob.java:95 (count)}. Enabled by {@code GENLAKE_TRACE=1} (or a
 * number of milliseconds, default 200); it shows where a step spends its time without a profiler.
 */
public final class QueryTrace extends SparkListener {
  private final PrintStream out;
  private final long minMillis;
  private final Map<Long, String[]> started = new ConcurrentHashMap<>();

  QueryTrace(PrintStream out, long minMillis) {
    this.out = out;
    this.minMillis = minMillis;
  }

  /** The trace the environment asks for, if any. */
  static java.util.Optional<QueryTrace> fromEnvironment() {
    String v = System.getenv("GENLAKE_TRACE");
    if (v == null || v.isBlank() || v.equals("0")) {
      return java.util.Optional.empty();
    }
    long min = v.equals("1") ? 200 : Long.parseLong(v.trim());
    return java.util.Optional.of(new QueryTrace(System.err, min));
  }

  @Override
  public void onOtherEvent(SparkListenerEvent event) {
    if (event instanceof SparkListenerSQLExecutionStart s) {
      started.put(s.executionId(), new String[] {Long.toString(s.time()), origin(s.details()), s.description()});
    } else if (event instanceof SparkListenerSQLExecutionEnd e) {
      String[] s = started.remove(e.executionId());
      if (s != null) {
        long ms = e.time() - Long.parseLong(s[0]);
        if (ms >= minMillis) {
          String what = s[2].length() > 60 ? s[2].substring(0, 60) : s[2];
          out.println(String.format(Locale.ROOT, "[trace] %6.2f s  %s  (%s)", ms / 1000.0, s[1], what));
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

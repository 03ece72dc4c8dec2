package io.genlake.pipeline;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress lines for long work, on standard error so that standard output stays clean for results
 * ({@code sql --format csv}, JSON answers). Each line is prefixed with the step name, and, when the environment
 * sets {@code GENLAKE_PROGRESS_TIMES=1}, with the seconds since genlake's progress output began (close to the
 * command's start), to see where a long step spends its time.
 */
public final class Progress {
  private static final boolean TIMES = "1".equals(System.getenv("GENLAKE_PROGRESS_TIMES"));
  private static final long START = System.nanoTime();
  private final PrintStream out;
  private final boolean quiet;

  public Progress(PrintStream out, boolean quiet) {
    this.out = out;
    this.quiet = quiet;
  }

  /** Progress that prints nothing (tests). */
  public static Progress silent() {
    return new Progress(System.err, true);
  }

  public void step(String step, String message) {
    if (!quiet) {
      String clock = TIMES ? String.format(Locale.ROOT, "%8.2f ", (System.nanoTime() - START) / 1e9) : "";
      out.println(clock + "[" + step + "] " + message);
      out.flush();
    }
  }

  /** Formats a count with thousands separators: 1,234,567. */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** Formats seconds from nanoseconds: 2.31 s. */
  public static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
  }
}

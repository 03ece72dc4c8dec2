package io.genlake.pipeline;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;

/**
 * What long work is doing and how far it is, on standard error so that standard output stays clean for results
 * ({@code sql --format csv}, JSON answers). Each line is prefixed with the step name, and, when the environment sets
 * {@code GENLAKE_PROGRESS_TIMES=1}, with the seconds since genlake's progress output began.
 *
 * <p>Three kinds of output: {@link #step} lines say what a step is doing (hidden by {@code -q}); {@link #task}
 * counts work done out of a known total, and {@link SparkWatch} shows the tasks of the Spark stages running under
 * the current step; {@link #result} and {@link #error} are always printed, so {@code -q} leaves only errors and the
 * final result. On a terminal counted work is a bar redrawn in place; in logs (no console) it is a plain line now
 * and then. {@code GENLAKE_PROGRESS=bar|lines} overrides the detection.
 */
public final class Progress {
  private static final boolean TIMES = "1".equals(System.getenv("GENLAKE_PROGRESS_TIMES"));
  private static final long START = System.nanoTime();
  /** Counted work prints a plain line at most this often (lines mode). */
  private static final long LINE_EVERY_NANOS = 10_000_000_000L;
  private static final int BAR_WIDTH = 24;

  private final PrintStream out;
  private final boolean quiet;
  private final boolean bar;
  /** The bar currently drawn on the last line (bar mode), cleared before any other line. */
  private String drawn = "";
  private String lastStep = "";
  private String lastMessage = "";

  /** Progress to {@code out}; {@code quiet} keeps only errors and results. Bar or lines as detected. */
  public Progress(PrintStream out, boolean quiet) {
    this(out, quiet, barMode(out));
  }

  /** Progress to {@code out} with the bar mode given (tests). */
  public Progress(PrintStream out, boolean quiet, boolean bar) {
    this.out = out;
    this.quiet = quiet;
    this.bar = bar;
  }

  /** Progress that prints nothing but errors and results (tests). */
  public static Progress silent() {
    return new Progress(System.err, true, false);
  }

  /** True when only errors and the final result are printed ({@code -q}). */
  public boolean quiet() {
    return quiet;
  }

  /** A line saying what {@code step} is doing; hidden by {@code -q}. */
  public synchronized void step(String step, String message) {
    lastStep = step;
    lastMessage = message;
    if (!quiet) {
      line(step, message);
    }
  }

  /** A final result ("nightly: succeeded in 42.10 s"): printed even with {@code -q}. */
  public synchronized void result(String step, String message) {
    line(step, message);
  }

  /** An error: printed even with {@code -q}. */
  public synchronized void error(String step, String message) {
    line(step, message);
  }

  /** The step and message of the latest {@link #step} line, if any (what a Spark stage running now belongs to). */
  synchronized Optional<String[]> current() {
    return lastStep.isEmpty() ? Optional.empty() : Optional.of(new String[] {lastStep, lastMessage});
  }

  /**
   * Counted work of {@code step}: {@code what} ("writing gold tables") with {@code total} units. Prints the first
   * state at once, then a redrawn bar (terminal) or a line at most every 10 s (logs), and a last line on close.
   */
  public Task task(String step, String what, long total) {
    Task t = new Task(step, what, total);
    step(step, what + ": 0 of " + count(total));
    return t;
  }

  /** Draws the live state of counted work: a bar in place on a terminal, else a plain line. */
  synchronized void live(String step, String what, long done, long total, long startedNanos) {
    if (quiet) {
      return;
    }
    String elapsed = String.format(Locale.ROOT, "%.0f s", (System.nanoTime() - startedNanos) / 1e9);
    if (bar) {
      int filled = total <= 0 ? 0 : (int) Math.min(BAR_WIDTH, BAR_WIDTH * done / total);
      drawn = "[" + step + "] " + what + " [" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] "
          + count(done) + "/" + count(total) + " " + elapsed;
      out.print("\r\033[K" + drawn);
      out.flush();
    } else {
      line(step, what + ": " + count(done) + " of " + count(total) + " (" + percent(done, total) + "), " + elapsed);
    }
  }

  /** True when counted work is a bar redrawn in place (a terminal), false for plain lines (logs). */
  boolean bar() {
    return bar;
  }

  private void line(String step, String message) {
    if (!drawn.isEmpty()) {
      out.print("\r\033[K");
      drawn = "";
    }
    String clock = TIMES ? String.format(Locale.ROOT, "%8.2f ", (System.nanoTime() - START) / 1e9) : "";
    out.println(clock + "[" + step + "] " + message);
    out.flush();
  }

  /** Formats a count with thousands separators: 1,234,567. */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** Formats seconds from nanoseconds: 2.31 s. */
  public static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
  }

  private static String percent(long done, long total) {
    return total <= 0 ? "100%" : String.format(Locale.ROOT, "%d%%", 100 * done / total);
  }

  /** Bar mode: {@code GENLAKE_PROGRESS=bar|lines}, else a bar when writing to standard error of a console. */
  private static boolean barMode(PrintStream out) {
    String forced = System.getenv("GENLAKE_PROGRESS");
    if ("bar".equals(forced) || "lines".equals(forced)) {
      return "bar".equals(forced);
    }
    return out == System.err && System.console() != null;
  }

  /** Counted work in progress; thread-safe, so concurrent parts may advance it. */
  public final class Task implements AutoCloseable {
    private final String step;
    private final String what;
    private final long total;
    private final long started = System.nanoTime();
    private long done;
    private long lastLine = System.nanoTime();

    private Task(String step, String what, long total) {
      this.step = step;
      this.what = what;
      this.total = total;
    }

    /** One more unit done. */
    public void advance() {
      advance(1);
    }

    /** {@code n} more units done; redraws the bar, or prints a line when 10 s passed since the last. */
    public void advance(long n) {
      synchronized (Progress.this) {
        done += n;
        long now = System.nanoTime();
        if (bar || now - lastLine >= LINE_EVERY_NANOS) {
          lastLine = now;
          live(step, what, done, total, started);
        }
      }
    }

    /** The last line: what was done, how much, in how long. */
    @Override
    public void close() {
      step(step, what + ": " + count(done) + " of " + count(total) + " done in " + seconds(System.nanoTime() - started));
    }
  }
}

package io.genlake.cli;

import java.util.function.BooleanSupplier;

/**
 * The JIT compilers of a pipeline command, chosen by the data it runs on. {@code bin/genlake} starts pipeline
 * commands (nightly, ingest, enrich, fit, preference, failures analyze, export, report, maintain, restore, prefs
 * import) with both HotSpot compilers and {@code -Dgenlake.jit=relaunch} when {@code GENLAKE_JIT} is {@code auto}.
 * When such a run's Spark session will interpret its queries ({@link io.genlake.spark.SparkSessions#mode}: a
 * warehouse and landing under {@code spark.interpreted_below_mb}), it stops before it prints, locks or opens anything,
 * with {@link #EXIT_RELAUNCH}, and the launcher starts it again with the C1 compiler only.
 *
 * <p>Why: on a small warehouse a run's CPU is fixed cost (Spark's and Delta's own code, compiled once per JVM), and
 * the optimizing C2 compiler is most of it. The bundled sample's nightly spent 68 of its 129 CPU seconds in C2
 * ({@code -XX:+CITime}), on code that then runs a few times; with C1 only it took 58 s instead of 67 s (2 cores),
 * and first nightlies of 3,000 to 10,000 generations (9 to 28.5 MB, still interpreted) took 10–13% less. Compiled
 * runs over more data keep both compilers: there C2's code pays off (a full preference step over 100,000
 * generations took 62 s with C1 only against 40 s). The first JVM costs the launch and the configuration.
 */
final class QuickJit {
  /** Exit status by which a run asks {@code bin/genlake} to start it again with C1 only. */
  static final int EXIT_RELAUNCH = 76;
  /**
   * The system property {@code bin/genlake} sets to {@code relaunch} on a JVM that may be started again, and to
   * {@code quick} on one it started with C1 only.
   */
  static final String PROPERTY = "genlake.jit";

  private QuickJit() {}

  /**
   * What the run's progress line about its queries adds when {@code bin/genlake} started this JVM with C1 only
   * ({@code -Dgenlake.jit=quick}).
   */
  static String note() {
    return "quick".equals(System.getProperty(PROPERTY)) ? "; JIT: C1 only" : "";
  }

  /** Thrown (before the run does anything) to end the JVM with {@link #EXIT_RELAUNCH}. */
  static final class Relaunch extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Relaunch() {
      super("queries interpreted: run again with the C1 compiler only", null, false, false);
    }
  }

  /**
   * Throws {@link Relaunch} when this JVM was started to be started again and {@code interpreted} says the run's
   * queries will be interpreted; {@code interpreted} is only asked then.
   */
  static void relaunchIfInterpreted(BooleanSupplier interpreted) {
    if ("relaunch".equals(System.getProperty(PROPERTY)) && interpreted.getAsBoolean()) {
      throw new Relaunch();
    }
  }
}

package io.genlake.pipeline;

import java.util.Optional;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkStageInfo;

/**
 * Shows how far the Spark work of the current step is: a daemon thread reads Spark's status tracker once a second
 * and, once stages have been running for {@link #AFTER_NANOS}, reports their tasks done out of all through
 * {@link Progress} (a bar on a terminal, a line every 10 s in logs) as {@code [spark]}, naming the step that printed
 * the latest progress line. Costs one status-tracker read a second (no Spark job); nothing is printed with {@code -q}.
 */
public final class SparkWatch implements AutoCloseable {
  /** Work shorter than this shows no Spark progress. */
  static final long AFTER_NANOS = 3_000_000_000L;
  private static final long POLL_MILLIS = 1000;
  private static final long LINE_EVERY_NANOS = 10_000_000_000L;

  private final Thread thread;
  private volatile boolean stopped;

  private SparkWatch(SparkContext sc, Progress progress) {
    this.thread = new Thread(() -> watch(sc, progress), "genlake-progress");
    thread.setDaemon(true);
  }

  /** Starts watching {@code sc} for {@code progress}; close to stop. Nothing is watched when it is quiet. */
  public static SparkWatch start(SparkContext sc, Progress progress) {
    SparkWatch w = new SparkWatch(sc, progress);
    if (!progress.quiet()) {
      w.thread.start();
    }
    return w;
  }

  private void watch(SparkContext sc, Progress progress) {
    long busySince = 0;
    long lastShown = 0;
    while (!stopped && !sc.isStopped()) {
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      long done = 0;
      long total = 0;
      for (int id : sc.statusTracker().getActiveStageIds()) {
        Optional<SparkStageInfo> info = Optional.ofNullable(sc.statusTracker().getStageInfo(id).getOrElse(() -> null));
        if (info.isPresent()) {
          done += info.get().numCompletedTasks();
          total += info.get().numTasks();
        }
      }
      long now = System.nanoTime();
      if (total == 0) {
        busySince = 0;
        continue;
      }
      if (busySince == 0) {
        busySince = now;
      }
      Optional<String[]> current = progress.current();
      if (current.isEmpty() || now - busySince < AFTER_NANOS
          || (!progress.bar() && now - lastShown < LINE_EVERY_NANOS)) {
        continue;
      }
      lastShown = now;
      // which step a stage belongs to is not known when steps run side by side: the line says Spark
      progress.live("spark", "tasks of the running stages (latest step: " + current.get()[0] + ")", done, total,
          busySince);
    }
  }

  /** Stops watching. */
  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
  }
}

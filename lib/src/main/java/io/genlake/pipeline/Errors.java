package io.genlake.pipeline;

/**
 * Turns an exception into the one line a user reads: the deepest meaningful message. Used for the error column of
 * {@code ops.pipeline_runs} and by the command line.
 */
public final class Errors {
  private Errors() {}

  /** The message worth reading: Spark's and executors' wrappers unwrapped, its first line only. */
  public static String describe(Throwable e) {
    Throwable t = e;
    String message = t.getMessage();
    // Spark wraps task failures; the root cause usually holds the message worth reading
    while (t.getCause() != null && t.getCause() != t
        && (message == null || t instanceof java.util.concurrent.ExecutionException
            || t.getClass().getName().startsWith("org.apache.spark.SparkException"))) {
      t = t.getCause();
      message = t.getMessage() == null ? message : t.getMessage();
    }
    if (message == null || message.isBlank()) {
      return t.getClass().getSimpleName();
    }
    return message.lines().findFirst().orElse(message)
        + (message.lines().count() > 1 ? " (more with GENLAKE_DEBUG=1)" : "");
  }
}

package io.genlake.pipeline;

import java.util.List;

/**
 * Turns an exception into the line a user reads: the deepest meaningful message's first non-empty line, and the
 * items of a list it announces (lines starting with "  - ", e.g. every unreadable landing source). Used for the
 * error column of {@code ops.pipeline_runs} and by the command line.
 */
public final class Errors {
  private Errors() {}

  /** The message worth reading: Spark's and executors' wrappers unwrapped, its first line and any list items. */
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
    // the first line that says something (Spark's parse errors start with an empty one), then any list items
    List<String> lines = message.lines().toList();
    int first = 0;
    while (lines.get(first).isBlank()) {
      first++;
    }
    // a sentence may run over several lines (Delta's messages do): keep them, up to a blank line or a plan
    StringBuilder out = new StringBuilder(lines.get(first).strip());
    int shown = first + 1;
    while (shown < lines.size() && shown - first < 6 && continues(lines.get(shown))) {
      out.append(' ').append(lines.get(shown++).strip());
    }
    while (shown < lines.size() && lines.get(shown).startsWith("  - ")) {
      out.append('\n').append(lines.get(shown++));
    }
    boolean more = lines.subList(shown, lines.size()).stream().anyMatch(l -> !l.isBlank());
    return out + (more ? " (more with GENLAKE_DEBUG=1)" : "");
  }

  /** True for a line that goes on with the message's text (not blank, not a list item, not a plan or SQL excerpt). */
  private static boolean continues(String line) {
    String t = line.strip();
    return !t.isEmpty() && !line.startsWith("  - ") && !t.startsWith("==") && !t.startsWith(";")
        && !t.startsWith("+-") && !t.startsWith(":") && !t.startsWith("'") && !t.startsWith("at ")
        && !t.startsWith("^");
  }
}

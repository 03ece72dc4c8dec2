package io.genlake.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What progress prints: lines in logs, a bar redrawn in place on a terminal, only errors and results with -q. */
class ProgressTest {
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

  private Progress progress(boolean quiet, boolean bar) {
    return new Progress(new PrintStream(buffer, true, StandardCharsets.UTF_8), quiet, bar);
  }

  private String printed() {
    return buffer.toString(StandardCharsets.UTF_8).replaceAll("done in \\d+\\.\\d\\d s", "done in T");
  }

  @Test
  void quietKeepsOnlyErrorsAndTheResult() {
    Progress p = progress(true, false);
    p.step("ingest", "reading");
    try (Progress.Task t = p.task("failure", "gold tables written", 8)) {
      t.advance(8);
    }
    p.error("fit", "failed in 1.00 s: no ontology");
    p.result("nightly", "succeeded in 9.00 s");
    assertEquals("[fit] failed in 1.00 s: no ontology\n[nightly] succeeded in 9.00 s\n", printed());
  }

  @Test
  void inLogsCountedWorkIsPlainLines() {
    Progress p = progress(false, false);
    try (Progress.Task t = p.task("failure", "gold tables written", 8)) {
      t.advance(3); // within 10 s of the first line: no line
    }
    assertEquals("[failure] gold tables written: 0 of 8\n[failure] gold tables written: 3 of 8 done in T\n",
        printed());
  }

  @Test
  void onATerminalCountedWorkIsABarRedrawnInPlaceAndClearedBeforeTheNextLine() {
    Progress p = progress(false, true);
    try (Progress.Task t = p.task("failure", "gold tables", 4)) {
      t.advance(1);
      t.advance(1);
    }
    assertEquals("[failure] gold tables: 0 of 4\n"
        + "\r\033[K[failure] gold tables [######..................] 1/4 0 s"
        + "\r\033[K[failure] gold tables [############............] 2/4 0 s"
        + "\r\033[K[failure] gold tables: 2 of 4 done in T\n", printed());
  }
}

package io.genlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The launcher's JIT relaunch: a pipeline run on interpreted queries asks for C1 only before it does anything. */
class QuickJitTest {
  @TempDir Path dir;

  @AfterEach
  void clearProperty() {
    System.clearProperty(QuickJit.PROPERTY);
  }

  @Test
  void aSmallRunStartedToBeRelaunchedExitsWith76AndTouchesNothing() throws Exception {
    System.setProperty(QuickJit.PROPERTY, "relaunch");
    Path landing = Files.createDirectories(dir.resolve("landing/generations"));
    Files.writeString(landing.resolve("g.jsonl"), "{\"generation_id\": \"g1\"}\n");
    Path warehouse = dir.resolve("warehouse");
    CommandLine cl = Genlake.commandLine(ServiceLoader.load(CommandExtension.class));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));

    assertEquals(QuickJit.EXIT_RELAUNCH, Genlake.execute(cl, "nightly", "--warehouse", warehouse.toString(),
        "--landing", dir.resolve("landing").toString()));
    assertEquals("", out.toString());
    assertEquals("", err.toString());
    assertFalse(Files.exists(warehouse), "no warehouse, lock or table is created before the relaunch");
  }

  @Test
  void compiledRunsAndRunsNotStartedToBeRelaunchedGoOn() {
    AtomicInteger asked = new AtomicInteger();
    QuickJit.relaunchIfInterpreted(() -> asked.incrementAndGet() > 0);
    assertEquals(0, asked.get(), "without -Dgenlake.jit=relaunch the mode is not even decided");

    System.setProperty(QuickJit.PROPERTY, "relaunch");
    QuickJit.relaunchIfInterpreted(() -> false);
    assertThrows(QuickJit.Relaunch.class, () -> QuickJit.relaunchIfInterpreted(() -> true));
  }
}

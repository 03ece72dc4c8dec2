package io.genlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command tree: product commands, the bench jar's commands through {@link CommandExtension}, then help. */
class GenlakeTest {
  @Test
  void theBenchJarAddsGenerateAndBenchBeforeHelp() {
    CommandLine cl = Genlake.commandLine(ServiceLoader.load(CommandExtension.class));
    List<String> names = List.copyOf(cl.getSubcommands().keySet());
    assertEquals(List.of("serve", "serve-sql", "generate", "bench", "help"),
        names.subList(names.size() - 5, names.size()));
    assertEquals(List.of("ingest", "enrich", "failures", "fit", "prefs", "recommend", "nightly", "serve", "sql-endpoint"),
        List.copyOf(cl.getSubcommands().get("bench").getSubcommands().keySet()));
  }

  @Test
  void withoutTheBenchJarBenchCommandsSayWhereTheyAre() {
    CommandExtension none = List::of;
    CommandLine cl = Genlake.commandLine(List.of(none));
    assertEquals(false, cl.getSubcommands().containsKey("generate"));
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    assertEquals(2, Genlake.execute(cl, "generate", "--scale", "10", "--out", "target/never-written"));
    assertEquals("genlake generate: this command is in the bench jars (genlake-jobs-<version>-bench.jar and "
        + "genlake-lib-<version>-bench.jar), which are not on this class path; the spark-submit jar holds only the "
        + "product. Run it through bin/genlake, which adds them." + System.lineSeparator(), err.toString());
  }

  @Test
  void helpListsTheBenchJarCommands() {
    StringWriter out = new StringWriter();
    CommandLine cl = Genlake.commandLine(ServiceLoader.load(CommandExtension.class));
    cl.usage(new PrintWriter(out, true));
    assertTrue(out.toString().contains("\n  generate    Write realistic synthetic landing data"), out.toString());
    assertTrue(out.toString().contains("\n  bench       Benchmarks: each prints rows per second"), out.toString());
  }
}

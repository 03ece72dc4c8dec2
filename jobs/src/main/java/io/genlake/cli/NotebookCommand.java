package io.genlake.cli;

import io.genlake.notebook.NotebookRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code genlake notebooks NOTEBOOK...}: execute Java notebooks headlessly and store their rendered outputs. */
@Command(name = "notebooks", mixinStandardHelpOptions = true,
    description = {"Execute Jupyter notebooks (Java cells) headlessly through JShell, in order.",
        "Fails on the first cell error; the executed notebooks with outputs and charts are written to --out.",
        "The warehouse is $GENLAKE_WAREHOUSE, else ./warehouse."})
final class NotebookCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "NOTEBOOK", description = "The .ipynb files.")
  List<Path> notebooks;

  @Option(names = "--out", defaultValue = "target/notebooks", description = "Where executed notebooks go. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Override
  public Integer call() {
    int failed = 0;
    for (Path nb : notebooks) {
      long t0 = System.nanoTime();
      try {
        NotebookRunner.Result r = NotebookRunner.run(nb, out);
        System.err.printf("[notebooks] %s: %s, %d code cells in %.1f s -> %s%n", nb, r.ok() ? "ok" : "FAILED at " + r.error(),
            r.cells(), (System.nanoTime() - t0) / 1e9, r.rendered());
        failed += r.ok() ? 0 : 1;
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot run notebook " + nb + ": " + e.getMessage(), e);
      }
    }
    return failed == 0 ? 0 : 1;
  }
}

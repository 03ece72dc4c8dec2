package io.genlake.cli;

import io.genlake.enrich.EnrichJob;
import io.genlake.enrich.EnrichStep;
import io.genlake.enrich.SyntheticGenerations;
import io.genlake.pipeline.Progress;
import io.genlake.pipeline.PinnedInputs;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StepResult;
import io.genlake.warehouse.Warehouse;
import io.genlake.warehouse.WarehouseLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code genlake bench enrich --generations N}: synthesizes N silver generations and their prompt versions in a
 * fresh warehouse, then times the full enrichment (median of --runs), an incremental re-run with no new data,
 * and the gold tables, printing rows per second.
 */
@Command(name = "enrich", mixinStandardHelpOptions = true,
    description = "Benchmark the enrich step on synthetic generations; prints rows/s.")
final class BenchEnrichCommand implements Callable<Integer> {
  @Mixin WarehouseOptions warehouse;

  @Option(names = "--generations", defaultValue = "1000000", description = "Synthetic generations. Default: ${DEFAULT-VALUE}.")
  long generations;

  @Option(names = "--families", defaultValue = "200", description = "Prompt families (5 versions each). Default: ${DEFAULT-VALUE}.")
  int families;

  @Option(names = "--runs", defaultValue = "3", description = "Timed full enrichments; the median is reported. Default: ${DEFAULT-VALUE}.")
  int runs;

  @Override
  public Integer call() {
    if (warehouse.warehouse.isEmpty()) {
      try {
        warehouse.warehouse = Optional.of(Files.createTempDirectory("genlake-bench-enrich").toString());
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot create a temporary warehouse: " + e.getMessage(), e);
      }
    }
    WarehouseLock.acquire(warehouse.warehouseRoot(), Session.newRunId("bench-enrich"), "bench enrich");
    Warehouse w = Session.openForBench("bench enrich", warehouse);
    Path dir = Path.of(w.root().contains("://") ? "." : w.root());
    Progress p = new Progress(System.err, warehouse.quiet);
    System.out.println("warehouse: " + w.root() + ", cores: " + Runtime.getRuntime().availableProcessors()
        + ", master: " + w.spark().sparkContext().master());

    long t0 = System.nanoTime();
    SyntheticGenerations.write(w, generations, families);
    print("synthesize", generations, System.nanoTime() - t0);

    List<Long> times = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      StepResult r = EnrichJob.enrichGenerations(context(w, dir, p, true), current(w));
      times.add(System.nanoTime() - t);
      print("enrich --full run " + (i + 1), r.count(EnrichJob.CANDIDATES), times.get(i));
    }
    times.sort(Long::compare);
    print("enrich --full median", generations, times.get(times.size() / 2));

    long t = System.nanoTime();
    // a baseline at the current versions: nothing changed since
    PinnedInputs now = current(w);
    StepResult noop = EnrichJob.enrichGenerations(context(w, dir, p, false),
        new PinnedInputs(w, now.versions(), Optional.of(now.versions()), ""));
    System.out.printf(Locale.ROOT, "%-24s %,12d rows %8.2f s (re-run with no new data)%n", "enrich incremental",
        noop.count(EnrichJob.CANDIDATES), (System.nanoTime() - t) / 1e9);

    t = System.nanoTime();
    EnrichJob.run(context(w, dir, p, true), current(w));
    print("enrich + gold tables", generations, System.nanoTime() - t);
    return 0;
  }

  private static PinnedInputs current(Warehouse w) {
    return PinnedInputs.current(w, new EnrichStep().inputs());
  }

  private RunContext context(Warehouse w, Path dir, Progress p, boolean full) {
    return new RunContext(w.spark(), w, warehouse.config(), Session.newRunId("bench-enrich"),
        LocalDate.now(ZoneOffset.UTC), dir, dir, dir, p, Optional.empty(), full);
  }

  private static void print(String what, long rows, long nanos) {
    double s = nanos / 1e9;
    System.out.printf(Locale.ROOT, "%-24s %,12d rows %8.2f s %,12.0f rows/s%n", what, rows, s, rows / s);
    System.out.flush();
  }
}

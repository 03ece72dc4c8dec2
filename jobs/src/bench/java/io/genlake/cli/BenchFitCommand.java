package io.genlake.cli;

import io.genlake.fit.FitBenchmark;
import io.genlake.fit.FitCandidates;
import io.genlake.fit.FitJob;
import io.genlake.fit.FitScorer;
import io.genlake.ontology.Ontology;
import io.genlake.warehouse.Warehouse;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.Callable;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code genlake bench fit}: scored pairs per second of the candidate search ({@link FitCandidates}) and, in
 * the same run on the same synthetic data, of the straightforward Spark SQL version (cross join + array
 * functions + window), capped to a number of pairs that finishes. Both write to Spark's no-op sink.
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
    description = "Benchmark the all-pairs block-asset candidate search against a plain Spark SQL cross join.")
final class BenchFitCommand implements Callable<Integer> {
  @Mixin WarehouseOptions warehouse;

  @Option(names = "--blocks", defaultValue = "2000", description = "Blocks. Default: ${DEFAULT-VALUE}.")
  int blocks;

  @Option(names = "--assets", defaultValue = "100000", description = "Assets. Default: ${DEFAULT-VALUE}.")
  long assets;

  @Option(names = "--top-k", defaultValue = "20", description = "Candidates kept per block. Default: ${DEFAULT-VALUE}.")
  int topK;

  @Option(names = "--runs", defaultValue = "3", description = "Timed runs of the fast search (median reported). Default: ${DEFAULT-VALUE}.")
  int runs;

  @Option(names = "--naive-max-pairs", defaultValue = "20000000",
      description = "Pairs the SQL version scores at most (it uses fewer blocks). Default: ${DEFAULT-VALUE}.")
  long naiveMaxPairs;

  @Option(names = "--partitions", defaultValue = "0", description = "Asset partitions (0 = Spark's default parallelism).")
  int partitions;

  @Override
  public Integer call() {
    Warehouse w = Session.openForBench("bench fit", warehouse);
    SparkSession spark = w.spark();
    PrintStream out = System.out;
    Ontology ontology = FitJob.ontology(warehouse.config().fit());
    int parts = partitions > 0 ? partitions : spark.sparkContext().defaultParallelism();
    List<FitCandidates.Block> blockList = FitBenchmark.blocks(ontology, blocks, 1);
    Dataset<Row> assetFrame = FitBenchmark.assets(spark, ontology, assets, parts, 2).cache();
    long n = assetFrame.count();
    out.printf(Locale.ROOT, "bench fit: %,d blocks x %,d assets = %,d pairs, top %d, %d partitions, master %s%n",
        blocks, n, (long) blocks * n, topK, parts, spark.sparkContext().master());

    FitScorer scorer = new FitScorer(ontology);
    CpuTime cpu = new CpuTime();
    spark.sparkContext().addSparkListener(cpu);
    List<Double> rates = new ArrayList<>();
    List<Double> cpuRates = new ArrayList<>();
    for (int r = 0; r < Math.max(1, runs); r++) {
      cpu.reset();
      long t0 = System.nanoTime();
      FitCandidates.topK(scorer, blockList, assetFrame, topK).write().format("noop").mode("overwrite").save();
      double seconds = (System.nanoTime() - t0) / 1e9;
      double cpuSeconds = cpu.seconds(spark);
      rates.add(blocks * (double) n / seconds);
      cpuRates.add(blocks * (double) n / cpuSeconds);
      out.printf(Locale.ROOT, "  bitset top-K  run %d: %.2f s wall, %.2f s task CPU, %,.0f pairs/s (%,.0f pairs per CPU-second)%n",
          r + 1, seconds, cpuSeconds, rates.get(r), cpuRates.get(r));
    }
    double fast = median(rates);

    int naiveBlocks = (int) Math.max(1, Math.min(blocks, naiveMaxPairs / Math.max(1, n)));
    cpu.reset();
    long t0 = System.nanoTime();
    FitBenchmark.naiveTopK(spark, ontology, blockList.subList(0, naiveBlocks), assetFrame, topK)
        .write().format("noop").mode("overwrite").save();
    double naiveSeconds = (System.nanoTime() - t0) / 1e9;
    double naiveCpu = cpu.seconds(spark);
    double naive = naiveBlocks * (double) n / naiveSeconds;
    out.printf(Locale.ROOT, "  SQL cross join (%,d blocks x %,d assets = %,d pairs): %.2f s wall, %.2f s task CPU, "
        + "%,.0f pairs/s (%,.0f pairs per CPU-second)%n", naiveBlocks, n, (long) naiveBlocks * n, naiveSeconds, naiveCpu,
        naive, naiveBlocks * (double) n / naiveCpu);
    out.printf(Locale.ROOT, "bitset top-K median %,.0f pairs/s (%,.0f per CPU-second); SQL cross join %,.0f pairs/s; "
        + "speed-up %.1fx (wall), %.1fx (CPU)%n", fast, median(cpuRates), naive, fast / naive,
        median(cpuRates) / (naiveBlocks * (double) n / naiveCpu));
    spark.sparkContext().removeSparkListener(cpu);
    assetFrame.unpersist();
    return 0;
  }

  /**
   * Sums the executor CPU time of finished tasks: on a shared machine wall-clock rates depend on the load,
   * CPU-time rates much less.
   */
  static final class CpuTime extends SparkListener {
    private final AtomicLong nanos = new AtomicLong();

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
      if (end.taskMetrics() != null) {
        nanos.addAndGet(end.taskMetrics().executorCpuTime());
      }
    }

    void reset() {
      nanos.set(0);
    }

    /** The CPU seconds of the tasks finished so far, once the listener bus has delivered their events. */
    double seconds(SparkSession spark) {
      try {
        spark.sparkContext().listenerBus().waitUntilEmpty(60_000L);
      } catch (java.util.concurrent.TimeoutException e) {
        throw new IllegalStateException("Spark's listener bus did not drain in 60 s: CPU time is incomplete", e);
      }
      return nanos.get() / 1e9;
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    int m = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(m) : (sorted.get(m - 1) + sorted.get(m)) / 2;
  }
}

package io.genlake.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.genlake.config.ConfigLoader;
import io.genlake.ops.PipelineRuns.Status;
import io.genlake.pipeline.Concurrently;
import io.genlake.pipeline.Pipeline;
import io.genlake.pipeline.Progress;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StepReport;
import io.genlake.testing.TestSpark;
import io.genlake.warehouse.TableId;
import io.genlake.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every Spark job a step starts, on its own thread or on threads it starts, carries the step's job group. */
class JobGroupTest {
  /** A job seen by the listener: its group and its number of tasks (each probe uses its own task count). */
  private record Job(String group, String description, int tasks) {}

  @Test
  void jobsOfConcurrentStepsCarryTheirStepsGroup(@TempDir Path dir) throws InterruptedException {
    SparkSession spark = TestSpark.session();
    Warehouse w = new Warehouse(spark, dir.resolve("wh").toString());
    List<Job> jobs = Collections.synchronizedList(new ArrayList<>());
    SparkListener listener = new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart start) {
        int tasks = 0;
        for (var stage : scala.collection.JavaConverters.seqAsJavaList(start.stageInfos())) {
          tasks += stage.numTasks();
        }
        jobs.add(new Job(start.properties().getProperty("spark.jobGroup.id"),
            start.properties().getProperty("spark.job.description"), tasks));
      }
    };
    spark.sparkContext().addSparkListener(listener);
    try {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      // "a" runs one job itself and one on a thread it starts; "b" runs one job; both run at the same time
      TestSteps.Probe a = new TestSteps.Probe("a", List.of(), List.of(TableId.gold("test_a")), (ctx, in) -> {
        jsc.parallelize(IntStream.range(0, 11).boxed().toList(), 11).count();
        Concurrently.calls(1, List.of(() -> jsc.parallelize(IntStream.range(0, 17).boxed().toList(), 17).count()));
        return StepReport.EMPTY;
      });
      TestSteps.Probe b = new TestSteps.Probe("b", List.of(), List.of(TableId.gold("test_b")), (ctx, in) -> {
        jsc.parallelize(IntStream.range(0, 13).boxed().toList(), 13).count();
        return StepReport.EMPTY;
      });
      RunContext ctx = new RunContext(spark, w, ConfigLoader.defaults(), "run-7", LocalDate.of(2026, 11, 21), dir,
          dir, dir, Progress.silent(), Optional.empty());
      assertEquals(Status.SUCCEEDED, Scheduler.run(ctx, "test", Pipeline.of(a, b)).status());
      long deadline = System.currentTimeMillis() + 10_000; // listener events arrive asynchronously
      while (jobs.stream().filter(j -> j.tasks() == 11 || j.tasks() == 13 || j.tasks() == 17).count() < 3
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      List<String> probes = jobs.stream().filter(j -> j.tasks() == 11 || j.tasks() == 13 || j.tasks() == 17)
          .sorted(java.util.Comparator.comparingInt(Job::tasks))
          .map(j -> j.tasks() + " " + j.group() + " " + j.description()).toList();
      assertEquals(List.of("11 run-7.a genlake a (run run-7)", "13 run-7.b genlake b (run run-7)",
          "17 run-7.a genlake a (run run-7)"), probes);
      // the scheduler's own jobs (ops commits) run outside any step's group
      assertEquals(List.of(), jobs.stream().filter(j -> j.tasks() != 11 && j.tasks() != 13 && j.tasks() != 17)
          .filter(j -> j.group() != null && !j.group().startsWith("run-7.")).toList());
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
  }
}

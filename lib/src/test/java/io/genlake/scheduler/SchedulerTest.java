package io.genlake.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.genlake.config.ConfigLoader;
import io.genlake.ops.OpsPipelineRuns;
import io.genlake.ops.PipelineRuns.Status;
import io.genlake.ops.StepState;
import io.genlake.pipeline.DeclaredStep;
import io.genlake.pipeline.PinnedInputs;
import io.genlake.pipeline.Pipeline;
import io.genlake.pipeline.Progress;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StateKey;
import io.genlake.pipeline.Step;
import io.genlake.pipeline.StepReport;
import io.genlake.pipeline.StepResult;
import io.genlake.testing.TestSpark;
import io.genlake.warehouse.TableId;
import io.genlake.warehouse.Warehouse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler on steps defined only in tests: a new gold step runs, is skipped while up to date and runs again when
 * its input changes; the versions it records are the ones it read; steps are ordered by their tables; a step whose
 * input's writer failed is skipped; steps waiting for each other are refused.
 */
class SchedulerTest {
  private static final AtomicInteger RUNS = new AtomicInteger();
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  private RunContext context(Warehouse w, Path dir) {
    return new RunContext(w.spark(), w, ConfigLoader.defaults(), "test-" + RUNS.incrementAndGet(),
        LocalDate.of(2026, 11, 21), dir, dir.resolve("reports"), dir.resolve("exports"),
        new Progress(new PrintStream(printed, true, StandardCharsets.UTF_8), false), Optional.empty());
  }

  private String output() {
    String s = printed.toString(StandardCharsets.UTF_8);
    printed.reset();
    return s;
  }

  @Test
  void aNewGoldStepRunsIsUpToDateUntilItsInputChangesThenWorksFromItsBaseline(@TempDir Path dir) {
    Warehouse w = new Warehouse(TestSpark.session(), dir.resolve("wh").toString());
    TestSteps.append(w, "e1", 2, "e2", 3, "e3", 5); // version 1 (0 created the table)
    Pipeline pipeline = Pipeline.of(new TestSteps.Totals()); // the one registration line

    RunOutcome first = Scheduler.run(context(w, dir), "test", pipeline);
    assertEquals(Status.SUCCEEDED, first.status());
    assertEquals(3, first.report("totals").count("events.read"));
    assertEquals(-1, first.report("totals").count("events.changed"), "no baseline on the first run");
    assertTrue(output().contains("[totals] runs: no successful run recorded in ops.step_state\n"));
    assertEquals(List.of("3 10"), totals(w));

    RunOutcome second = Scheduler.run(context(w, dir), "test", pipeline);
    assertEquals(Map.of("totals", Status.SUCCEEDED), second.steps());
    assertEquals(StepReport.EMPTY, second.report("totals"));
    String upToDate = output();
    assertTrue(upToDate.contains("[totals] up to date: inputs unchanged since its last successful run "
        + "({silver.test_events=1}), same code_version 1\n"), upToDate);
    assertTrue(upToDate.contains("[test] summary: totals: up to date\n"), upToDate);

    TestSteps.append(w, "e4", 7, "e5", 11); // version 2
    RunOutcome third = Scheduler.run(context(w, dir), "test", pipeline);
    assertEquals(5, third.report("totals").count("events.read"));
    assertEquals(2, third.report("totals").count("events.changed"), "the change feed since version 1");
    assertTrue(output().contains("[totals] runs: silver.test_events changed (version 1 -> 2)\n"));
    assertEquals(List.of("5 28"), totals(w));
    assertEquals(Map.of("silver.test_events", 2L), StepState.last(w, "totals").versions());
  }

  @Test
  void theRecordedVersionIsThePinnedOneReadEvenWhenTheInputIsCommittedToAfterwards(@TempDir Path dir) {
    Warehouse w = new Warehouse(TestSpark.session(), dir.resolve("wh").toString());
    TestSteps.append(w, "e1", 2, "e2", 3); // version 1
    AtomicInteger commits = new AtomicInteger();
    TestSteps.Totals step = new TestSteps.Totals((ctx, in) -> {
      if (commits.getAndIncrement() == 0) {
        TestSteps.append(ctx.warehouse(), "late", 100); // version 2, after the scheduler pinned version 1
      }
    });

    RunOutcome first = Scheduler.run(context(w, dir), "test", Pipeline.of(step));
    assertEquals(2, first.report("totals").count("events.read"), "read at the pinned version 1");
    assertEquals(List.of("2 5"), totals(w));
    assertEquals(Map.of("silver.test_events", 1L), StepState.last(w, "totals").versions());

    // the late commit is a change the next run sees and processes from the baseline
    RunOutcome second = Scheduler.run(context(w, dir), "test", Pipeline.of(step));
    assertTrue(output().contains("[totals] runs: silver.test_events changed (version 1 -> 2)\n"));
    assertEquals(1, second.report("totals").count("events.changed"));
    assertEquals(List.of("3 105"), totals(w));
    assertEquals(Map.of("silver.test_events", 2L), StepState.last(w, "totals").versions());
  }

  @Test
  void aStepReadingATableAnotherWritesRunsAfterItWhateverTheListOrder(@TempDir Path dir) {
    Warehouse w = new Warehouse(TestSpark.session(), dir.resolve("wh").toString());
    TestSteps.append(w, "e1", 2);
    TableId middle = TableId.gold("test_middle");
    Map<String, long[]> spans = new ConcurrentHashMap<>();
    TestSteps.Probe reader = new TestSteps.Probe("reader", List.of(middle), List.of(), (ctx, in) -> {
      long t0 = System.nanoTime();
      long rows = in.read(middle).count();
      spans.put("reader", new long[] {t0, System.nanoTime()});
      return new StepResult().count("rows", rows).report();
    });
    TestSteps.Probe writer = new TestSteps.Probe("writer", List.of(TestSteps.EVENTS.id()), List.of(middle),
        (ctx, in) -> {
          long t0 = System.nanoTime();
          Thread.sleep(300); // long enough that a reader started alongside would overlap it
          ctx.warehouse().overwrite(middle, in.read(TestSteps.EVENTS.id()));
          spans.put("writer", new long[] {t0, System.nanoTime()});
          return new StepResult().table(middle, 1, 1, ctx.warehouse().version(middle)).report();
        });
    Pipeline pipeline = Pipeline.of(reader, writer);
    assertEquals(java.util.Set.of("writer"), pipeline.predecessors("reader"));

    RunOutcome outcome = Scheduler.run(context(w, dir), "test", pipeline);
    assertEquals(Status.SUCCEEDED, outcome.status());
    assertTrue(spans.get("writer")[1] <= spans.get("reader")[0], "the reader started before the writer finished");
    assertEquals(1, outcome.report("reader").count("rows"));
    assertEquals(Map.of("gold.test_middle", w.version(middle).orElseThrow()), StepState.last(w, "reader").versions());
  }

  @Test
  void aStepWhoseInputsWriterFailedIsSkippedAndRecorded(@TempDir Path dir) {
    Warehouse w = new Warehouse(TestSpark.session(), dir.resolve("wh").toString());
    TableId middle = TableId.gold("test_middle");
    TestSteps.Probe writer = new TestSteps.Probe("writer", List.of(), List.of(middle), (ctx, in) -> {
      throw new IllegalArgumentException("Cannot write gold.test_middle: the test says no.");
    });
    TestSteps.Probe reader = new TestSteps.Probe("reader", List.of(middle), List.of(), (ctx, in) -> StepReport.EMPTY);

    RunContext ctx = context(w, dir);
    RunOutcome outcome = Scheduler.run(ctx, "test", Pipeline.of(writer, reader));
    assertEquals(Status.FAILED, outcome.status());
    assertEquals(Status.FAILED, outcome.steps().get("writer"));
    assertEquals(Status.SKIPPED, outcome.steps().get("reader"));
    String out = output();
    assertTrue(out.contains("[writer] failed in "), out);
    assertTrue(out.contains(": Cannot write gold.test_middle: the test says no.\n"), out);
    assertTrue(out.contains("[reader] skipped: step writer, which writes gold.test_middle, did not succeed\n"), out);
    List<String> rows = w.read(OpsPipelineRuns.TABLE).orderBy(OpsPipelineRuns.JOB).collectAsList().stream()
        .map(r -> r.getAs(OpsPipelineRuns.JOB) + " " + r.getAs(OpsPipelineRuns.STATUS) + " "
            + r.getAs(OpsPipelineRuns.PARENT_RUN_ID) + " " + r.getList(r.fieldIndex(OpsPipelineRuns.NOTES)))
        .toList();
    assertEquals(List.of(
        "reader skipped " + ctx.runId() + " [skipped: step writer, which writes gold.test_middle, did not succeed]",
        "test failed null [writer: failed, reader: skipped]",
        "writer failed " + ctx.runId() + " []"), rows);
  }

  @Test
  void aStepWhoseStateCannotBeComputedFailsAndTheOthersRun(@TempDir Path dir) {
    Warehouse w = new Warehouse(TestSpark.session(), dir.resolve("wh").toString());
    TestSteps.append(w, "e1", 2);
    Step broken = new DeclaredStep("broken", List.of(TestSteps.EVENTS.id()), List.of(),
        List.of(new StateKey.Fixed("config.broken", false, ctx -> {
          throw new IllegalStateException("Cannot read the broken setting: the test says so.");
        }))) {
      @Override
      public StepReport run(RunContext ctx, PinnedInputs inputs) {
        return StepReport.EMPTY;
      }
    };
    RunOutcome outcome = Scheduler.run(context(w, dir), "test", Pipeline.of(broken, new TestSteps.Totals()));
    assertEquals(Map.of("broken", Status.FAILED, "totals", Status.SUCCEEDED), outcome.steps());
    assertEquals(Status.FAILED, outcome.status());
    assertTrue(output().contains("[broken] failed: cannot decide whether to run: Cannot read the broken setting: the "
        + "test says so.\n"));
  }

  @Test
  void stepsThatWaitForEachOtherAreRefused() {
    TableId x = TableId.gold("test_x");
    TableId y = TableId.gold("test_y");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pipeline.of(
        new TestSteps.Probe("a", List.of(x), List.of(y), (ctx, in) -> StepReport.EMPTY),
        new TestSteps.Probe("b", List.of(y), List.of(x), (ctx, in) -> StepReport.EMPTY)));
    assertEquals("These steps wait for each other and can never run: a reads gold.test_x, written by b; "
        + "b reads gold.test_y, written by a. Split a step, or drop the table from one step's inputs.", e.getMessage());
  }

  @Test
  void twoStepsWritingTheSameTableRunInListOrder() {
    TableId x = TableId.gold("test_x");
    Pipeline p = Pipeline.of(
        new TestSteps.Probe("first", List.of(), List.of(x), (ctx, in) -> StepReport.EMPTY),
        new TestSteps.Probe("second", List.of(), List.of(x), (ctx, in) -> StepReport.EMPTY));
    assertEquals(java.util.Set.of(), p.predecessors("first"));
    assertEquals(java.util.Set.of("first"), p.predecessors("second"));
    assertEquals(Map.of(), p.producers("second"), "an order only: second runs even when first fails");
  }

  private static List<String> totals(Warehouse w) {
    return w.read(TestSteps.TOTALS).collectAsList().stream().map(r -> r.getLong(0) + " " + r.getLong(1)).toList();
  }
}

package io.genlake.scheduler;

import io.genlake.pipeline.PinnedInputs;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StateKey;
import io.genlake.pipeline.Step;
import io.genlake.pipeline.StepReport;
import io.genlake.pipeline.StepResult;
import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import io.genlake.warehouse.Warehouse;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Steps and tables that exist only in tests: what "adding a gold step" takes, and probes for the scheduler. */
final class TestSteps {
  /** silver.test_events (id, n), Change Data Feed on: the input of the test steps. */
  static final TableSpec EVENTS = new TableSpec(TableId.silver("test_events"),
      new StructType().add("id", DataTypes.StringType, false).add("n", DataTypes.LongType, false),
      List.of("id"), List.of(), Map.of(), true);
  /** gold.test_totals (events, total): what {@link Totals} writes. */
  static final TableId TOTALS = TableId.gold("test_totals");

  private TestSteps() {}

  /** Appends {@code (id, n)} rows to silver.test_events (one commit). */
  static void append(Warehouse w, Object... idAndN) {
    w.ensure(EVENTS);
    List<Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < idAndN.length; i += 2) {
      rows.add(RowFactory.create(idAndN[i], ((Number) idAndN[i + 1]).longValue()));
    }
    w.append(EVENTS.id(), w.spark().createDataFrame(rows, EVENTS.schema()));
  }

  /**
   * A gold step defined only here: one class declaring its input, output and state. It sums n over the events it
   * reads (at the pinned version) and counts the events that changed since its baseline (-1 without one).
   */
  static final class Totals implements Step {
    private final BiConsumer<RunContext, PinnedInputs> during;

    /** A step that runs {@code during} before it reads (to commit to its input behind its back). */
    Totals(BiConsumer<RunContext, PinnedInputs> during) {
      this.during = during;
    }

    Totals() {
      this((ctx, in) -> { });
    }

    @Override
    public String name() {
      return "totals";
    }

    @Override
    public List<TableId> inputs() {
      return List.of(EVENTS.id());
    }

    @Override
    public List<TableId> outputs() {
      return List.of(TOTALS);
    }

    @Override
    public List<StateKey> state() {
      return List.of(StateKey.codeVersion(1));
    }

    @Override
    public StepReport run(RunContext ctx, PinnedInputs inputs) {
      during.accept(ctx, inputs);
      Dataset<Row> events = inputs.read(EVENTS.id());
      Row sums = events.selectExpr("count(*)", "coalesce(sum(n), 0)").first();
      long changed = inputs.since().isPresent() ? inputs.changes(EVENTS, "id").count() : -1;
      ctx.warehouse().overwrite(TOTALS, ctx.spark().createDataFrame(List.of(RowFactory.create(sums.getLong(0),
          sums.getLong(1))), new StructType().add("events", DataTypes.LongType).add("total", DataTypes.LongType)));
      return new StepResult().count("events.read", sums.getLong(0)).count("events.changed", changed)
          .table(TOTALS, sums.getLong(0), 1, ctx.warehouse().version(TOTALS)).report();
    }
  }

  /** A step declared by its tables only, doing {@code work}: for ordering and failure tests. */
  record Probe(String name, List<TableId> inputs, List<TableId> outputs, Work work) implements Step {
    /** What a probe does. */
    @FunctionalInterface
    interface Work {
      StepReport run(RunContext ctx, PinnedInputs inputs) throws Exception;
    }

    @Override
    public StepReport run(RunContext ctx, PinnedInputs inputs) {
      try {
        return work.run(ctx, inputs);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }
}

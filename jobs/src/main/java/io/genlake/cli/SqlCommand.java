package io.genlake.cli;

import io.genlake.ops.StartupTimings;
import io.genlake.pipeline.DeclaredStep;
import io.genlake.pipeline.PinnedInputs;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StepReport;
import io.genlake.pipeline.StepResult;
import io.genlake.spark.ReadOnlySql;
import io.genlake.table.Views;
import io.genlake.warehouse.Layer;
import io.genlake.warehouse.TableNames;
import io.genlake.warehouse.Warehouse;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code genlake sql "<query>"}: Spark SQL over the warehouse, every table addressable as layer.table. Read-only
 * unless {@code --write}: statements that change anything are refused from their parsed plan ({@link ReadOnlySql});
 * with {@code --write} the statement runs under the warehouse's writer lock and is recorded in ops.pipeline_runs.
 * Functions that call Java methods ({@code reflect}, {@code java_method}) are refused in every mode, and so is
 * reading files by path ({@code SELECT * FROM parquet.`/path`}).
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
    description = {"Run Spark SQL over the warehouse; tables are <layer>.<table>, e.g. silver.generations.",
        "Read-only by default: DELETE, INSERT, UPDATE, MERGE, CREATE, DROP, ALTER, ... need --write."})
final class SqlCommand implements Callable<Integer> {
  enum Format { TABLE, CSV, JSON }

  /** Characters a table cell shows before it is cut (with "...") unless --wide. */
  static final int CELL_WIDTH = 40;

  @Mixin WarehouseOptions warehouse;

  @Parameters(index = "0", paramLabel = "QUERY", description = "The SQL query.")
  String query;

  @Option(names = "--format", defaultValue = "table", description = "table, csv or json (JSON Lines). Default: ${DEFAULT-VALUE}.")
  Format format;

  @Option(names = "--limit", defaultValue = "1000", description = "Most rows printed in table format. Default: ${DEFAULT-VALUE}.")
  int limit;

  @Option(names = "--wide", description = "Table format: show whole cells (default: cut at " + CELL_WIDTH + " characters).")
  boolean wide;

  @Option(names = "--write", description = "Allow statements that change the warehouse; takes the writer lock and "
      + "records the statement in ops.pipeline_runs.")
  boolean write;

  @Override
  public Integer call() {
    if (write) {
      RunContext ctx = Session.openRun("sql", warehouse, new RunOptions());
      return Genlake.runStep(ctx, new WriteStatement(), query);
    }
    Warehouse w = Session.openUnregistered("sql", warehouse);
    Optional<String> refused = ReadOnlySql.refusal(w.spark(), query);
    if (refused.isPresent()) {
      throw new IllegalArgumentException(refused.get());
    }
    Dataset<Row> result = run(w);
    StartupTimings.mark("plan");
    print(result);
    StartupTimings.mark("query");
    return 0;
  }

  /** The query's result; tables it names are registered first, names that do not exist get a did-you-mean. */
  private Dataset<Row> run(Warehouse w) {
    // only the tables the query names are registered (each costs a read of its Delta log); SHOW and a query that
    // names no <layer>.<table> see them all
    if (query.stripLeading().regionMatches(true, 0, "SHOW", 0, 4)
        || w.registerNamed(query).isEmpty() && Views.registerNamed(w, query).isEmpty()) {
      w.registerAll();
      Views.registerAll(w);
    } else {
      Views.registerNamed(w, query);
    }
    StartupTimings.mark("tables");
    Dataset<Row> result;
    try {
      if (write) {
        // a change runs as soon as Spark plans it: its analyzed plan is checked before
        var parsed = w.spark().sessionState().sqlParser().parsePlan(query);
        Optional<String> unsafe = ReadOnlySql.unsafe(w.spark().sessionState().analyzer()
            .executeAndCheck(parsed, new org.apache.spark.sql.catalyst.QueryPlanningTracker(scala.Option.empty())));
        if (unsafe.isPresent()) {
          throw new IllegalArgumentException(unsafe.get());
        }
      }
      result = w.spark().sql(query);
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (Exception e) { // AnalysisException and ParseException are checked in Scala's eyes only
      if (e instanceof AnalysisException a && "TABLE_OR_VIEW_NOT_FOUND".equals(a.getErrorClass())) {
        throw new IllegalArgumentException(notFound(w, a.getMessageParameters().getOrDefault("relationName", "")), e);
      }
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
    Optional<String> unsafe = ReadOnlySql.unsafe(result.queryExecution().analyzed());
    if (unsafe.isPresent()) {
      throw new IllegalArgumentException(unsafe.get());
    }
    return result;
  }

  private static String notFound(Warehouse w, String relation) {
    String name = relation.replace("`", "");
    List<String> known = new ArrayList<>();
    for (Layer layer : Layer.values()) {
      w.listTables(layer).forEach(t -> known.add(t.qualifiedName()));
    }
    List<String> near = TableNames.closest(name, known);
    return "no table " + name + " in the warehouse at " + w.root()
        + (near.isEmpty() ? "" : "; did you mean " + String.join(" or ", near) + "?")
        + " (`bin/genlake sql \"SHOW TABLES IN silver\"` lists a layer's tables)";
  }

  /** Prints {@code result} in the chosen format; returns the rows printed. */
  private long print(Dataset<Row> result) {
    PrintStream out = System.out;
    long rows = 0;
    switch (format) {
      case TABLE -> {
        out.print(result.showString(limit, wide ? 0 : CELL_WIDTH, false));
        rows = write ? Math.min(limit, result.count()) : 0;
      }
      case JSON -> {
        var it = result.toJSON().toLocalIterator();
        while (it.hasNext()) {
          out.println(JsonOutput.tidy(it.next()));
          rows++;
        }
      }
      case CSV -> {
        out.println(Csv.line(List.of(result.columns())));
        var it = result.toLocalIterator();
        while (it.hasNext()) {
          out.println(Csv.line(Csv.cells(it.next())));
          rows++;
        }
      }
    }
    out.flush();
    return rows;
  }

  /** {@code sql --write}: the statement as a step of its own, so it is recorded like every job that writes. */
  private final class WriteStatement extends DeclaredStep {
    WriteStatement() {
      super("sql", List.of(), List.of(), List.of());
    }

    @Override
    public StepReport run(RunContext ctx, PinnedInputs inputs) {
      return new StepResult().count("rows", print(SqlCommand.this.run(ctx.warehouse()))).report();
    }
  }
}

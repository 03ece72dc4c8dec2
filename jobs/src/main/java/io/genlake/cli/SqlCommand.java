package io.genlake.cli;

import io.genlake.warehouse.Warehouse;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code genlake sql "<query>"}: Spark SQL over the warehouse, every table addressable as layer.table. */
@Command(name = "sql", mixinStandardHelpOptions = true,
    description = "Run Spark SQL over the warehouse; tables are <layer>.<table>, e.g. silver.generations.")
final class SqlCommand implements Callable<Integer> {
  enum Format { TABLE, CSV, JSON }

  @Mixin WarehouseOptions warehouse;

  @Parameters(index = "0", paramLabel = "QUERY", description = "The SQL query.")
  String query;

  @Option(names = "--format", defaultValue = "table", description = "table, csv or json (JSON Lines). Default: ${DEFAULT-VALUE}.")
  Format format;

  @Option(names = "--limit", defaultValue = "1000", description = "Most rows printed in table format. Default: ${DEFAULT-VALUE}.")
  int limit;

  @Override
  public Integer call() {
    warehouse.quiet = true;
    Warehouse w = Session.openUnregistered("sql", warehouse);
    // only the tables the query names are registered (each costs a read of its Delta log); SHOW and a query that
    // names no <layer>.<table> see them all
    if (query.stripLeading().regionMatches(true, 0, "SHOW", 0, 4) || w.registerNamed(query).isEmpty()) {
      w.registerAll();
    }
    Dataset<Row> result = w.spark().sql(query);
    PrintStream out = System.out;
    switch (format) {
      case TABLE -> out.print(result.showString(limit, 0, false));
      case JSON -> result.toJSON().toLocalIterator().forEachRemaining(out::println);
      case CSV -> {
        out.println(Csv.line(List.of(result.columns())));
        result.toLocalIterator().forEachRemaining(row -> out.println(Csv.line(Csv.cells(row))));
      }
    }
    out.flush();
    return 0;
  }
}

package io.genlake.cli;

import io.genlake.export.ExportFormat;
import io.genlake.export.ExportStep;
import io.genlake.export.TableExport;
import io.genlake.pipeline.Progress;
import io.genlake.warehouse.Layer;
import io.genlake.warehouse.TableId;
import io.genlake.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code genlake export}: one table to CSV, JSON Lines or Parquet (seed 002), or the ML feature export. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Export one table to a single CSV, JSON Lines or Parquet file, or the ML feature export.",
        "For example:",
        "  genlake export --format csv --table silver.image_ratings --where \"status = 'ko'\" --out ko.csv",
        "or write the ML feature export with `genlake export ml`."},
    subcommands = {ExportCommand.Ml.class})
final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin WarehouseOptions warehouse;

  @Option(names = "--format", required = false, description = "csv, jsonl or parquet.")
  ExportFormat format;

  @Option(names = "--table", paramLabel = "LAYER.TABLE", description = "The table, e.g. silver.image_ratings.")
  String table;

  @Option(names = "--where", paramLabel = "EXPR", description = "Spark SQL filter, e.g. \"is_liked AND status = 'ok'\".")
  Optional<String> where = Optional.empty();

  @Option(names = "--columns", split = ",", paramLabel = "COL", description = "Columns to keep (default: all).")
  List<String> columns = List.of();

  @Option(names = "--out", paramLabel = "FILE", description = "Output file (default: <warehouse>/exports/<layer>.<table>.<format>).")
  Optional<Path> out = Optional.empty();

  @Override
  public Integer call() {
    if (format == null || table == null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Give --format and --table (or use `genlake export ml` for the ML export).");
    }
    TableId id = parseTable(table);
    Warehouse w = Session.openWarehouse("export", warehouse);
    Path target = out.orElse(warehouse.config().paths().exportsDir(w.root())
        .resolve(id.qualifiedName() + "." + format.name().toLowerCase(Locale.ROOT)));
    long t0 = System.nanoTime();
    long rows = TableExport.run(w, new TableExport.Request(id, format, where, columns, target));
    double seconds = (System.nanoTime() - t0) / 1e9;
    new Progress(System.err, warehouse.quiet).step("export", Progress.count(rows) + " rows of " + id + " written to "
        + target + " in " + Progress.seconds(System.nanoTime() - t0)
        + String.format(Locale.ROOT, " (%,.0f rows/s)", rows / Math.max(seconds, 1e-9)));
    return 0;
  }

  private TableId parseTable(String name) {
    String[] parts = name.split("\\.", -1);
    if (parts.length != 2) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--table must be <layer>.<table>, e.g. silver.image_ratings; got '" + name + "'.");
    }
    try {
      return new TableId(Layer.valueOf(parts[0].toUpperCase(Locale.ROOT)), parts[1]);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Unknown table '" + name
          + "': the layer must be one of bronze, silver, gold, quarantine, ops and the name lower-case.");
    }
  }

  /** {@code genlake export ml}: the nightly ML feature export on its own. */
  @Command(name = "ml", mixinStandardHelpOptions = true,
      description = "Write the ML feature export (Parquet, splits, pseudonymized users, manifest.json) under exports/<date>/.")
  static final class Ml implements Callable<Integer> {
    @Mixin WarehouseOptions warehouse;
    @Mixin RunOptions run;

    @Override
    public Integer call() {
      return Genlake.runStep(Session.openRun("export", warehouse, run), new ExportStep(), "ml");
    }
  }
}

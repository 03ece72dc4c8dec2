package io.genlake.export;

import io.genlake.warehouse.TableId;
import io.genlake.warehouse.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Seed 002's {@code export_to_csv/jsonl/parquet}: one warehouse table, optionally filtered and projected,
 * written as a single CSV (header, RFC 4180; nested values as JSON text), JSON Lines or Parquet file.
 * Cost: one scan of the table; the result is coalesced to one partition, which suits exports of up to a few
 * million rows (larger ones should read the Delta table directly).
 */
public final class TableExport {
  /** What to export. {@code where} is a Spark SQL boolean expression supplied by the user on the command line. */
  public record Request(TableId table, ExportFormat format, Optional<String> where, List<String> columns, Path out) {}

  private TableExport() {}

  /** Writes the export and returns the number of rows written. Refuses to overwrite an existing file. */
  public static long run(Warehouse warehouse, Request request) {
    if (Files.exists(request.out())) {
      throw new IllegalArgumentException("Export target " + request.out() + " already exists; choose another --out "
          + "(genlake never overwrites or deletes files without an explicit command).");
    }
    Dataset<Row> data = warehouse.read(request.table());
    if (request.where().isPresent()) {
      data = filtered(data, request.table().qualifiedName(), request.where().get());
    }
    if (!request.columns().isEmpty()) {
      data = data.select(request.columns().stream().map(functions::col).toArray(Column[]::new));
    }
    data = data.cache();
    long rows = data.count();
    Path staging = request.out().resolveSibling(request.out().getFileName() + ".parts");
    var writer = (request.format() == ExportFormat.CSV ? flattenForCsv(data) : data).coalesce(1).write();
    switch (request.format()) {
      case CSV -> writer.option("header", "true").option("escape", "\"").option("nullValue", "")
          .csv(staging.toString());
      case JSONL -> writer.json(staging.toString());
      case PARQUET -> writer.option("compression", "zstd").parquet(staging.toString());
    }
    data.unpersist();
    moveSinglePart(staging, request.out());
    return rows;
  }

  /**
   * {@code data} filtered by the user's condition; a condition Spark cannot parse or resolve, or one that calls Java
   * methods, is refused with a message that says what is wrong and what a condition looks like.
   */
  static Dataset<Row> filtered(Dataset<Row> data, String table, String where) {
    Dataset<Row> out;
    try {
      out = data.where(where);
    } catch (Exception e) { // ParseException and AnalysisException, checked in Scala's eyes only
      String why = e.getMessage() == null ? e.getClass().getSimpleName()
          : e.getMessage().lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
      throw new IllegalArgumentException("--where \"" + where + "\" is not a valid condition on " + table + ": "
          + why.replaceAll("^\\[[A-Z_.]+\\] ", "") + " Write a Spark SQL boolean expression over the table's "
          + "columns (bin/genlake sql \"DESCRIBE " + table + "\" lists them), e.g. --where \"status = 'ko'\".", e);
    }
    var java = io.genlake.spark.ReadOnlySql.callsJava(out.queryExecution().analyzed());
    if (java.isPresent()) {
      throw new IllegalArgumentException(io.genlake.spark.ReadOnlySql.javaRefusal(java.get()));
    }
    return out;
  }

  /** Arrays, maps and structs become JSON text, so every CSV cell is a scalar. */
  static Dataset<Row> flattenForCsv(Dataset<Row> data) {
    StructType schema = data.schema();
    Column[] cols = new Column[schema.fields().length];
    for (int i = 0; i < cols.length; i++) {
      StructField f = schema.fields()[i];
      Column c = functions.col(f.name());
      boolean nested = f.dataType() instanceof ArrayType || f.dataType() instanceof MapType
          || f.dataType() instanceof StructType;
      cols[i] = nested ? functions.to_json(c).as(f.name()) : c;
    }
    return data.select(cols);
  }

  private static void moveSinglePart(Path staging, Path out) {
    try (DirectoryStream<Path> parts = Files.newDirectoryStream(staging, "part-*")) {
      Path part = null;
      for (Path p : parts) {
        part = p;
      }
      if (part == null) {
        throw new IllegalStateException("Spark wrote no part file under " + staging);
      }
      if (out.getParent() != null) {
        Files.createDirectories(out.getParent());
      }
      Files.move(part, out);
      try (DirectoryStream<Path> rest = Files.newDirectoryStream(staging)) {
        for (Path p : rest) {
          Files.delete(p); // Spark's own _SUCCESS and .crc files of the staging directory we created
        }
      }
      Files.delete(staging);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot move the export into place at " + out + ": " + e.getMessage(), e);
    }
  }
}

package io.genlake.ingest;

import io.genlake.ingest.Sources.Format;
import io.genlake.ingest.Sources.LandingFile;
import io.genlake.ingest.Sources.SqliteTable;
import io.genlake.ingest.Sources.Unit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Properties;
import java.util.function.Function;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Reads one kind's landing sources into staged rows ({@link Staging#schema}) in a single pass: JSON Lines and
 * CSV files are parsed with Jackson / a byte-level CSV reader in per-task Java loops (one task per bin of files
 * and byte ranges of about equal size, see {@link Splits#bins}: the task count follows the bytes, not the file
 * count), SQLite tables through Spark JDBC with every column cast to TEXT. No schema inference, no shuffle.
 */
final class StageReader {
  private StageReader() {}

  /** One kind's staged rows, held by Spark's block manager as compact rows until {@link #unpersist}. */
  record Stage(Dataset<Row> rows, JavaRDD<InternalRow> cache) {
    void unpersist() {
      cache.unpersist(false);
    }
  }

  /**
   * Reads, validates and caches one kind's sources: each row is kept in Spark's compact binary row form
   * (memory, spilling to disk), which costs one copy per row to build and lets each later query read only the
   * fields it uses (Spark's columnar cache of the frame cost ~7% more CPU on a 1M-row ingestion).
   */
  static Stage cached(SparkSession spark, Kind kind, List<Unit> units, List<SqliteTable> tables, Limits limits,
      long splitBytes) {
    StructType schema = Staging.schema(kind);
    JavaRDD<InternalRow> compact = rows(spark, kind, units, tables, limits, splitBytes).mapPartitions(it -> {
      UnsafeProjection toCompact = UnsafeProjection.create(schema);
      return mapped(it, r -> toCompact.apply(r).copy());
    }).persist(StorageLevel.MEMORY_AND_DISK());
    return new Stage(frameOf(spark, compact, schema), compact);
  }

  /**
   * The frame over {@code compact}'s rows, each already in Spark's binary row form for {@code schema}.
   *
   * <p>Uses Spark's internal {@code SparkSession.internalCreateDataFrame} (Scala {@code private[sql]}): Spark has no
   * public API that builds a frame from internal rows. The public ones need {@code Row} objects, so every staged row
   * would be converted to a {@code Row} and back on every read (or held as objects several times larger), and the
   * public columnar cache ({@code Dataset.persist}) cost ~7% more CPU on a 1M-row ingestion. {@code StageReaderTest}
   * pins what this relies on: the frame reads the persisted rows as they are (no recomputation of the sources), with
   * the schema's values, nulls included.
   */
  static Dataset<Row> frameOf(SparkSession spark, JavaRDD<InternalRow> compact, StructType schema) {
    return spark.internalCreateDataFrame(compact.rdd(), schema, false);
  }

  private static JavaRDD<InternalRow> rows(SparkSession spark, Kind kind, List<Unit> units, List<SqliteTable> tables,
      Limits limits, long splitBytes) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<JavaRDD<InternalRow>> parts = new ArrayList<>();
    if (!units.isEmpty()) {
      List<List<Unit>> bins = Splits.bins(units, spark.sparkContext().defaultParallelism(), splitBytes);
      parts.add(jsc.parallelize(bins, bins.size()).flatMap(bin -> records(bin, new Staging(kind, limits))));
    }
    for (SqliteTable t : tables) {
      parts.add(sqlite(spark, t, limits));
    }
    JavaRDD<InternalRow> all = parts.isEmpty() ? jsc.emptyRDD() : parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      all = all.union(parts.get(i));
    }
    return all;
  }

  /** The units of {@code files}: CSV whole, JSON Lines split into ranges (see {@link Splits}). */
  static List<Unit> units(SparkSession spark, List<LandingFile> files, long splitBytes) {
    return Splits.plan(spark, files, splitBytes);
  }

  /** The records of a bin's units, one after the other, through one {@link Staging} (one per task). */
  private static Iterator<InternalRow> records(List<Unit> bin, Staging staging) {
    Iterator<Unit> next = bin.iterator();
    return new Lazy() {
      Iterator<InternalRow> current = java.util.Collections.emptyIterator();

      @Override
      InternalRow advance() throws IOException {
        while (!current.hasNext()) {
          if (!next.hasNext()) {
            return null;
          }
          current = records(next.next(), staging);
        }
        return current.next();
      }
    };
  }

  private static Iterator<InternalRow> records(Unit u, Staging staging) throws IOException {
    Path path = Path.of(u.path());
    if (u.format() == Format.CSV) {
      List<String> header = CsvHeader.read(path, u.source());
      CsvRecords csv = new CsvRecords(path);
      csv.next(); // the header
      return new Lazy() {
        @Override
        InternalRow advance() throws IOException {
          while (csv.next()) {
            InternalRow r = staging.csvRecord(u.source(), csv.line(), csv.bytes(), csv.length(), csv.unterminated(), header);
            if (r != null) {
              return r;
            }
          }
          csv.close();
          return null;
        }
      };
    }
    LineReader lines = new LineReader(path, u.start(), u.end());
    return new Lazy() {
      long line = u.firstLine() - 1;

      @Override
      InternalRow advance() throws IOException {
        while (lines.next()) {
          line++;
          InternalRow r = staging.jsonLine(u.source(), line, lines.bytes(), lines.length());
          if (r != null) {
            return r;
          }
        }
        lines.close();
        return null;
      }
    };
  }

  private static JavaRDD<InternalRow> sqlite(SparkSession spark, SqliteTable t, Limits limits) {
    StringBuilder select = new StringBuilder("(SELECT rowid AS \"__rowid\"");
    StringBuilder schema = new StringBuilder("`__rowid` LONG");
    for (String c : t.columns()) {
      String q = "\"" + c.replace("\"", "\"\"") + "\"";
      // identifiers come from the database's own schema, quoted; no data value enters the SQL text
      select.append(", CAST(").append(q).append(" AS TEXT) AS ").append(q);
      schema.append(", `").append(c.replace("`", "``")).append("` STRING");
    }
    select.append(" FROM \"").append(t.table().replace("\"", "\"\"")).append("\") AS landing_rows");
    Properties props = new Properties();
    props.setProperty("driver", "org.sqlite.JDBC");
    props.setProperty("customSchema", schema.toString());
    props.setProperty("fetchsize", "10000");
    String[] halves = {"\"__rowid\" % 2 = 0", "\"__rowid\" % 2 <> 0"};
    Dataset<Row> rows = spark.read().jdbc("jdbc:sqlite:" + t.file().toAbsolutePath(), select.toString(), halves, props);
    Kind kind = t.kind();
    String source = t.source();
    List<String> columns = t.columns();
    // the JDBC rows in Spark's internal form (no conversion to Row); each is read at once, so reuse is safe
    return rows.queryExecution().toRdd().toJavaRDD().mapPartitions(it -> {
      Staging staging = new Staging(kind, limits);
      return mapped(it, r -> {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
          values.put(columns.get(i), r.isNullAt(i + 1) ? null : r.getUTF8String(i + 1).toString());
        }
        return staging.sqliteRow(source, r.getLong(0), values);
      });
    });
  }

  /** {@code it} with {@code f} applied to each row, lazily. */
  private static Iterator<InternalRow> mapped(Iterator<InternalRow> it, Function<InternalRow, InternalRow> f) {
    return new Iterator<InternalRow>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public InternalRow next() {
        return f.apply(it.next());
      }
    };
  }

  /** An iterator whose next element is computed on demand; {@code advance} returns null at the end. */
  private abstract static class Lazy implements Iterator<InternalRow> {
    private InternalRow next;
    private boolean done;

    abstract InternalRow advance() throws IOException;

    @Override
    public boolean hasNext() {
      if (next == null && !done) {
        try {
          next = advance();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        done = next == null;
      }
      return next != null;
    }

    @Override
    public InternalRow next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      InternalRow r = next;
      next = null;
      return r;
    }
  }
}

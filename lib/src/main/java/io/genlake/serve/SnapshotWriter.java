package io.genlake.serve;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.genlake.warehouse.Warehouse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Writes one serving snapshot: a gzip-compressed JSON object whose header members come first, then arrays of table
 * rows, each row as Spark writes it as JSON (column names as members, timestamps in ISO-8601 UTC, null members left
 * out). The file is written under a temporary name and renamed over the old one when complete, so a reader sees the
 * old or the new snapshot, never half of one. Rows stream through the driver one partition at a time
 * ({@code toLocalIterator}), so memory stays bounded by the largest partition.
 */
public final class SnapshotWriter implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final FileSystem fs;
  private final Path target;
  private final Path tmp;
  private final OutputStream out;
  private final JsonGenerator gen;
  private boolean committed;

  private SnapshotWriter(FileSystem fs, Path target) throws IOException {
    this.fs = fs;
    this.target = target;
    this.tmp = new Path(target.getParent(), "." + target.getName() + ".tmp");
    this.out = new GZIPOutputStream(fs.create(tmp, true), 1 << 16);
    this.gen = JSON.getFactory().createGenerator(out, JsonEncoding.UTF8);
    gen.writeStartObject();
  }

  /** Starts {@code relative} (see {@link ServingFiles}) under {@code w}'s root, with its format and version. */
  public static SnapshotWriter open(Warehouse w, String relative, String format) {
    Path target = new Path(w.root() + "/" + relative);
    try {
      SnapshotWriter s = new SnapshotWriter(target.getFileSystem(w.spark().sparkContext().hadoopConfiguration()), target);
      return s.field("format", format).field("version", ServingFiles.VERSION);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the serving snapshot " + target + ": " + e.getMessage(), e);
    }
  }

  /** A header member (a string, number, boolean, list or map, written by Jackson). */
  public SnapshotWriter field(String name, Object value) {
    try {
      gen.writeFieldName(name);
      JSON.writeValue(gen, value);
      return this;
    } catch (IOException e) {
      throw failed(e);
    }
  }

  /** An array member holding {@code rows}, one JSON object per row; returns how many. */
  public long rows(String name, Dataset<Row> rows) {
    return strings(name, rows.toJSON().toLocalIterator());
  }

  /** An array member of objects already in JSON text; returns how many. */
  public long strings(String name, Iterator<String> json) {
    try {
      gen.writeArrayFieldStart(name);
      long n = 0;
      while (json.hasNext()) {
        gen.writeRawValue(json.next());
        n++;
      }
      gen.writeEndArray();
      return n;
    } catch (IOException e) {
      throw failed(e);
    }
  }

  /** Finishes the file and puts it in place of the previous snapshot. */
  public void commit() {
    try {
      gen.writeEndObject();
      gen.close();
      out.close();
      if (fs.exists(target)) {
        fs.delete(target, false);
      }
      if (!fs.rename(tmp, target)) {
        throw new IOException("rename of " + tmp + " failed");
      }
      committed = true;
    } catch (IOException e) {
      throw failed(e);
    }
  }

  /** Removes the temporary file of a snapshot that was not committed. */
  @Override
  public void close() {
    if (committed) {
      return;
    }
    try {
      gen.close();
      out.close();
      fs.delete(tmp, false);
    } catch (IOException e) {
      // the failure being reported is the one that stopped the writing
    }
  }

  private UncheckedIOException failed(IOException e) {
    return new UncheckedIOException("Cannot write the serving snapshot " + target + ": " + e.getMessage(), e);
  }
}

package io.genlake.generate;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JSON Lines part files and the CSV file of one kind. Rows go round-robin to the parts (so ingestion
 * can read them in parallel); each line is built in one reused StringBuilder and written through a 256 KB
 * buffer. Bad rows are rendered here because three rules act on the text itself.
 */
final class FileSink implements AutoCloseable {
  private final Kind kind;
  private final OutputStream[] parts;
  private final OutputStream csv;
  private final StringBuilder sb = new StringBuilder(4096);
  private long next;

  FileSink(Path root, String subfolder, Kind kind, int jsonlParts, Tally tally) {
    this.kind = kind;
    Path dir = root.resolve(kind.folder).resolve(subfolder);
    try {
      Files.createDirectories(dir);
      parts = new OutputStream[jsonlParts];
      for (int i = 0; i < jsonlParts; i++) {
        parts[i] = open(dir.resolve(kind.stem + "-part-" + pad4(i) + ".jsonl"));
        tally.file(kind);
      }
      csv = open(dir.resolve(kind.stem + "-part-" + pad4(jsonlParts) + ".csv"));
      tally.file(kind);
      sb.setLength(0);
      for (int i = 0; i < kind.fields.length; i++) {
        if (i > 0) {
          sb.append(',');
        }
        sb.append(kind.fields[i]);
      }
      sb.append('\n');
      csv.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the " + kind.label + " files under " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Writes a good row in {@code format} (JSONL or CSV). */
  void write(Object[] row, Format format) {
    render(row, format);
    emit(format, null);
  }

  /** Writes a bad row: {@code row} is already re-keyed and corrupted by {@code rule}'s field change. */
  void writeBad(Object[] row, Format format, BadRule rule) {
    render(row, format);
    if (rule == BadRule.MALFORMED_JSON) {
      // an object cut before its closing brace is never valid JSON
      sb.setLength(Math.max(1, sb.length() * 2 / 3));
    } else if (rule == BadRule.MALFORMED_CSV) {
      sb.append(",extra cell,\"another, extra\"");
    }
    emit(format, rule);
  }

  private void render(Object[] row, Format format) {
    sb.setLength(0);
    if (format == Format.JSONL) {
      sb.append('{');
      for (int i = 0; i < row.length; i++) {
        if (row[i] != null) {
          Json.field(sb, kind.fields[i], row[i]);
        }
      }
      Json.close(sb);
    } else {
      for (int i = 0; i < row.length; i++) {
        if (i > 0) {
          sb.append(',');
        }
        Json.csvCell(sb, row[i], kind.numericCsvBooleans);
      }
    }
  }

  private void emit(Format format, BadRule rule) {
    sb.append('\n');
    byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
    if (rule == BadRule.INVALID_UTF8) {
      BadRule.breakUtf8(bytes);
    }
    try {
      if (format == Format.JSONL) {
        parts[(int) (next++ % parts.length)].write(bytes);
      } else {
        csv.write(bytes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + kind.label + " rows: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    for (OutputStream part : parts) {
      part.close();
    }
    csv.close();
  }

  private static OutputStream open(Path file) throws IOException {
    return new BufferedOutputStream(Files.newOutputStream(file), 1 << 18);
  }

  private static String pad4(int i) {
    String s = Integer.toString(i);
    return "0000".substring(s.length()) + s;
  }
}

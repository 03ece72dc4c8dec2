package io.genlake.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads RFC 4180 CSV records as raw bytes (a quoted cell may span lines), tracking the line each record starts
 * on; {@link #cells} splits a decoded record into cells. Works on bytes so invalid UTF-8 is caught per record.
 */
final class CsvRecords implements Closeable {
  private final InputStream in;
  /** At most 1 MiB, no larger than the file. */
  private final byte[] chunk;
  private int chunkPos;
  private int chunkLen;
  private byte[] record = new byte[8192];
  private int recordLen;
  private long nextLine = 1;
  private long recordLine;
  private boolean unterminated;

  CsvRecords(Path file) throws IOException {
    this.in = Files.newInputStream(file);
    this.chunk = new byte[(int) Math.max(4096, Math.min(1 << 20, Files.size(file)))];
  }

  /** Reads the next record; false at the end of the file. */
  boolean next() throws IOException {
    recordLen = 0;
    recordLine = nextLine;
    boolean quoted = false;
    boolean any = false;
    while (true) {
      if (chunkPos == chunkLen) {
        int n = in.readNBytes(chunk, 0, chunk.length);
        chunkPos = 0;
        chunkLen = Math.max(n, 0);
        if (n <= 0) {
          unterminated = quoted;
          break;
        }
      }
      byte b = chunk[chunkPos++];
      any = true;
      if (b == '"') {
        quoted = !quoted;
      } else if (b == '\n') {
        nextLine++;
        if (!quoted) {
          break;
        }
      }
      if (recordLen == record.length) {
        record = Arrays.copyOf(record, record.length * 2);
      }
      record[recordLen++] = b;
    }
    if (!unterminated && recordLen > 0 && record[recordLen - 1] == '\r') {
      recordLen--;
    }
    return any;
  }

  byte[] bytes() {
    return record;
  }

  int length() {
    return recordLen;
  }

  /** The line (1-based) the current record starts on. */
  long line() {
    return recordLine;
  }

  /** True when the current record ends inside a quoted cell (the file ended first). */
  boolean unterminated() {
    return unterminated;
  }

  /** The cells of one decoded record; {@code "a ""b"""} becomes {@code a "b"}. Empty when malformed. */
  static List<String> cells(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    int i = 0;
    int n = text.length();
    while (true) {
      cell.setLength(0);
      if (i < n && text.charAt(i) == '"') {
        i++;
        while (true) {
          if (i >= n) {
            return List.of();
          }
          char c = text.charAt(i++);
          if (c == '"') {
            if (i < n && text.charAt(i) == '"') {
              cell.append('"');
              i++;
            } else {
              break;
            }
          } else {
            cell.append(c);
          }
        }
        if (i < n && text.charAt(i) != ',') {
          return List.of();
        }
      } else {
        int comma = text.indexOf(',', i);
        int stop = comma < 0 ? n : comma;
        cell.append(text, i, stop);
        i = stop;
      }
      out.add(cell.toString());
      if (i >= n) {
        return out;
      }
      i++; // the comma
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}

package io.genlake.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads the lines of a byte range of a file: the lines that START in {@code [start, end)}, so adjacent ranges
 * together read every line exactly once. A line ends at {@code \n}; a trailing {@code \r} is dropped.
 */
final class LineReader implements Closeable {
  private static final int CHUNK = 1 << 20;

  private final InputStream in;
  private final long end;
  /** At most {@link #CHUNK}, no larger than the range (a one-record file needs no megabyte buffer). */
  private final byte[] chunk;
  private int chunkPos;
  private int chunkLen;
  private long pos;
  private byte[] line = new byte[8192];
  private int lineLen;
  private boolean eof;

  LineReader(Path file, long start, long end) throws IOException {
    this.in = Files.newInputStream(file);
    this.end = end;
    this.chunk = new byte[(int) Math.max(4096, Math.min(CHUNK, end - start + 1))];
    if (start > 0) {
      skipFully(start - 1);
      pos = start - 1;
      // the line starting at `start` belongs to this range only if the byte before it ends a line
      int before = read();
      if (before != '\n' && before >= 0) {
        skipLine();
      }
    }
  }

  /** Reads the next line of the range; false at the end of the range or file. */
  boolean next() throws IOException {
    if (pos >= end || eof) {
      return false;
    }
    lineLen = 0;
    boolean any = false;
    while (true) {
      if (chunkPos == chunkLen && !fill()) {
        eof = true;
        break;
      }
      any = true;
      int from = chunkPos;
      int nl = -1;
      for (int i = from; i < chunkLen; i++) {
        if (chunk[i] == '\n') {
          nl = i;
          break;
        }
      }
      int stop = nl < 0 ? chunkLen : nl;
      append(from, stop - from);
      pos += (nl < 0 ? stop : nl + 1) - from;
      chunkPos = nl < 0 ? stop : nl + 1;
      if (nl >= 0) {
        break;
      }
    }
    if (!any) {
      return false;
    }
    if (lineLen > 0 && line[lineLen - 1] == '\r') {
      lineLen--;
    }
    return true;
  }

  byte[] bytes() {
    return line;
  }

  int length() {
    return lineLen;
  }

  private void append(int from, int n) {
    if (lineLen + n > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, lineLen + n));
    }
    System.arraycopy(chunk, from, line, lineLen, n);
    lineLen += n;
  }

  private void skipLine() throws IOException {
    int b;
    while ((b = read()) >= 0 && b != '\n') {
      // skip to the start of the next line
    }
  }

  private int read() throws IOException {
    if (chunkPos == chunkLen && !fill()) {
      return -1;
    }
    pos++;
    return chunk[chunkPos++] & 0xFF;
  }

  private boolean fill() throws IOException {
    int n = in.readNBytes(chunk, 0, chunk.length);
    chunkPos = 0;
    chunkLen = Math.max(n, 0);
    return n > 0;
  }

  private void skipFully(long n) throws IOException {
    long left = n;
    while (left > 0) {
      long s = in.skip(left);
      if (s <= 0) {
        if (in.read() < 0) {
          return;
        }
        s = 1;
      }
      left -= s;
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}

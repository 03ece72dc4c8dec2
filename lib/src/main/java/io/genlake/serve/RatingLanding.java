package io.genlake.serve;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Appends rating records to the landing, durably: {@code <landing>/ratings/block_fit/serve/<UTC date>.jsonl}, one
 * JSON line per rating, ingested by the next nightly like any export. Each append writes the day's file with the new
 * line to a temporary file (named with a leading dot, which ingestion skips), forces it to disk, renames it over the
 * day's file atomically and forces the directory: a crash leaves the old file or the new one, never half a line.
 * Writers in this process and in others ({@code genlake fit rate} beside a running server) take the same lock file.
 * Cost: one copy of the day's file per rating.
 */
public final class RatingLanding {
  /** Where ratings go, relative to the landing directory. */
  public static final String DIRECTORY = "ratings/block_fit/serve";
  private static final Object LOCK = new Object();

  private final Path dir;

  /** Appends under {@code landing}/{@value #DIRECTORY}. */
  public RatingLanding(Path landing) {
    this.dir = landing.resolve(DIRECTORY);
  }

  /** The day's file that a rating made at {@code at} goes to. */
  public Path fileFor(Instant at) {
    return dir.resolve(at.atZone(ZoneOffset.UTC).toLocalDate() + ".jsonl");
  }

  /** Appends {@code jsonLine} (one line, no line break) to the file of {@code at}'s day; returns that file. */
  public Path append(String jsonLine, Instant at) throws IOException {
    if (jsonLine.indexOf('\n') >= 0 || jsonLine.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("a landing record must be one line");
    }
    Path file = fileFor(at);
    synchronized (LOCK) {
      Files.createDirectories(dir);
      try (FileChannel lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE)) {
        FileLock held = lockFile.lock();
        try {
          replace(file, jsonLine);
        } finally {
          held.release();
        }
      }
    }
    return file;
  }

  /** Writes {@code file}'s bytes plus {@code line} to a temporary file, forces it, renames it over the file. */
  private void replace(Path file, String line) throws IOException {
    byte[] old = Files.isRegularFile(file) ? Files.readAllBytes(file) : new byte[0];
    Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
    try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      writeFully(out, ByteBuffer.wrap(old));
      if (old.length > 0 && old[old.length - 1] != '\n') {
        writeFully(out, ByteBuffer.wrap(new byte[] {'\n'}));
      }
      writeFully(out, ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
      out.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
  }

  private static void writeFully(FileChannel out, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      out.write(b);
    }
  }
}

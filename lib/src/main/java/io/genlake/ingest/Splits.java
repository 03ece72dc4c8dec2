package io.genlake.ingest;

import io.genlake.ingest.Sources.Format;
import io.genlake.ingest.Sources.LandingFile;
import io.genlake.ingest.Sources.Unit;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Splits large JSON Lines files into byte ranges so both cores parse one file. A range reads the lines that
 * start inside it; a small parallel job counts the line starts of each range so every record keeps its exact
 * line number. CSV files are read whole (a quoted cell may hold a newline).
 */
final class Splits {
  private Splits() {}

  static List<Unit> plan(org.apache.spark.sql.SparkSession spark, List<LandingFile> files, long splitBytes) {
    List<Unit> units = new ArrayList<>();
    List<long[]> toCount = new ArrayList<>();
    List<String> countPaths = new ArrayList<>();
    for (LandingFile f : files) {
      if (f.format() == Format.CSV || f.size() <= splitBytes) {
        units.add(new Unit(f.kind(), f.format(), f.file().toString(), f.source(), 0, Math.max(f.size(), 1), 1));
        continue;
      }
      for (long start = 0; start < f.size(); start += splitBytes) {
        long end = Math.min(f.size(), start + splitBytes);
        units.add(new Unit(f.kind(), f.format(), f.file().toString(), f.source(), start, end, -1));
        toCount.add(new long[] {start, end, f.size()});
        countPaths.add(f.file().toString());
      }
    }
    if (toCount.isEmpty()) {
      return units;
    }
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < toCount.size(); i++) {
      idx.add(i);
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<long[]> ranges = toCount;
    List<String> paths = countPaths;
    List<Long> counts = jsc.parallelize(idx, idx.size())
        .map(i -> lineStarts(Path.of(paths.get(i)), ranges.get(i)[0], ranges.get(i)[1], ranges.get(i)[2]))
        .collect();
    // number each range's first line: 1 + line starts of the earlier ranges of the same file
    List<Unit> out = new ArrayList<>();
    int k = 0;
    String file = null;
    long next = 1;
    for (Unit u : units) {
      if (u.firstLine() > 0) {
        out.add(u);
        continue;
      }
      if (!u.path().equals(file)) {
        file = u.path();
        next = 1;
      }
      out.add(new Unit(u.kind(), u.format(), u.path(), u.source(), u.start(), u.end(), next));
      next += counts.get(k++);
    }
    return out;
  }

  /**
   * Groups {@code units} into bins of about the total divided by {@code slots} bytes (at most {@code splitBytes},
   * at least the largest unit), keeping their order: {@code slots} bins for small landings, one per split-sized
   * range for large ones. A bin is
   * one task: 10,000 one-record files become a task per core instead of 10,000 tasks, so ingestion's cost follows
   * the bytes read, not the file count. O(units).
   */
  static List<List<Unit>> bins(List<Unit> units, int slots, long splitBytes) {
    long total = 0;
    long largest = 0;
    for (Unit u : units) {
      total += u.end() - u.start();
      largest = Math.max(largest, u.end() - u.start());
    }
    long target = Math.max(largest, Math.min(splitBytes, (total + Math.max(1, slots) - 1) / Math.max(1, slots)));
    List<List<Unit>> out = new ArrayList<>();
    List<Unit> bin = new ArrayList<>();
    long bytes = 0;
    for (Unit u : units) {
      long size = u.end() - u.start();
      if (!bin.isEmpty() && bytes + size > target) {
        out.add(bin);
        bin = new ArrayList<>();
        bytes = 0;
      }
      bin.add(u);
      bytes += size;
    }
    if (!bin.isEmpty()) {
      out.add(bin);
    }
    return out;
  }

  /** Line starts in {@code [start, end)}: position 0, and every byte after a newline that is not the last byte. */
  static long lineStarts(Path file, long start, long end, long size) throws IOException {
    long from = Math.max(start, 1) - 1;
    long count = start == 0 && size > 0 ? 1 : 0;
    try (InputStream in = Files.newInputStream(file)) {
      in.skipNBytes(from);
      byte[] buf = new byte[1 << 20];
      long pos = from;
      while (pos < end - 1) {
        int n = in.readNBytes(buf, 0, (int) Math.min(buf.length, end - 1 - pos));
        if (n <= 0) {
          break;
        }
        for (int i = 0; i < n; i++) {
          if (buf[i] == '\n' && pos + i + 1 < size) {
            count++;
          }
        }
        pos += n;
      }
    }
    return count;
  }
}

package io.genlake.generate;

import java.util.Locale;
import java.util.Map;

/**
 * What {@link LandingGenerator#write} wrote. Map keys are kind labels ({@code generations},
 * {@code block_fit_ratings}, ...), {@code kind/format} ({@code image_ratings/sqlite}) or
 * {@code kind/rule} ({@code feedback_attempts/out_of_range}); bad-rule labels are those of docs/generate.md.
 *
 * @param rows good rows per kind, deliberate duplicates and updates included
 * @param rowsByFormat good rows per kind and format (jsonl, csv, sqlite)
 * @param duplicates rows per kind whose natural key already appeared (an identical copy, or an older or
 *     newer version of the same record): they are good rows, and silver keeps one row per key
 * @param files landing files per kind (a SQLite database counts once for each of its tables)
 * @param badRows bad rows per rule (every rule listed, zero included)
 * @param badRowsByKind bad rows per kind
 * @param badRowsByFormat bad rows per kind and format
 * @param badRowsByKindAndRule bad rows per kind and rule
 * @param plantedSignalsJson the planted signals as JSON text (also written to {@code _planted.json})
 * @param elapsedNanos wall time of the generation
 */
public record GenerationSummary(
    long scale,
    long seed,
    double badRate,
    Map<String, Long> rows,
    Map<String, Long> rowsByFormat,
    Map<String, Long> duplicates,
    Map<String, Long> files,
    Map<String, Long> badRows,
    Map<String, Long> badRowsByKind,
    Map<String, Long> badRowsByFormat,
    Map<String, Long> badRowsByKindAndRule,
    String plantedSignalsJson,
    long elapsedNanos) {

  /** Copies the maps, so a summary never changes after it is made. */
  public GenerationSummary {
    rows = Map.copyOf(rows);
    rowsByFormat = Map.copyOf(rowsByFormat);
    duplicates = Map.copyOf(duplicates);
    files = Map.copyOf(files);
    badRows = Map.copyOf(badRows);
    badRowsByKind = Map.copyOf(badRowsByKind);
    badRowsByFormat = Map.copyOf(badRowsByFormat);
    badRowsByKindAndRule = Map.copyOf(badRowsByKindAndRule);
  }

  /** All good rows written. */
  public long totalRows() {
    return rows.values().stream().mapToLong(Long::longValue).sum();
  }

  /** All bad rows written. */
  public long totalBadRows() {
    return badRows.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Rows written per second of wall time, good and bad together. */
  public double rowsPerSecond() {
    return (totalRows() + totalBadRows()) / Math.max(elapsedNanos / 1e9, 1e-9);
  }

  /** The summary as JSON text (written to {@code _summary.json}); keys sorted, no timing, so it is deterministic. */
  public String toJson() {
    StringBuilder sb = new StringBuilder("{");
    Json.field(sb, "scale", scale);
    Json.field(sb, "seed", seed);
    Json.field(sb, "bad_rate", badRate);
    Json.field(sb, "rows", object(rows));
    Json.field(sb, "rows_by_format", object(rowsByFormat));
    Json.field(sb, "duplicates", object(duplicates));
    Json.field(sb, "files", object(files));
    Json.field(sb, "bad_rows", object(badRows));
    Json.field(sb, "bad_rows_by_kind", object(badRowsByKind));
    Json.field(sb, "bad_rows_by_format", object(badRowsByFormat));
    Json.field(sb, "bad_rows_by_kind_and_rule", object(badRowsByKindAndRule));
    Json.field(sb, "planted_signals", new Json.Raw(plantedSignalsJson));
    Json.close(sb);
    return sb.toString();
  }

  /** A human-readable table: rows, duplicates, bad rows and files per kind, bad rows per rule. */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-20s %12s %10s %10s %6s%n", "kind", "rows", "duplicates", "bad", "files"));
    for (String kind : new java.util.TreeSet<>(rows.keySet())) {
      sb.append(String.format(Locale.ROOT, "%-20s %,12d %,10d %,10d %6d%n", kind, rows.get(kind),
          duplicates.getOrDefault(kind, 0L), badRowsByKind.getOrDefault(kind, 0L), files.getOrDefault(kind, 0L)));
    }
    sb.append(String.format(Locale.ROOT, "%-20s %,12d %10s %,10d%n", "total", totalRows(), "", totalBadRows()));
    sb.append("bad rows by rule:");
    for (String rule : new java.util.TreeSet<>(badRows.keySet())) {
      sb.append(' ').append(rule).append('=').append(badRows.get(rule));
    }
    sb.append(String.format(Locale.ROOT, "%nwritten in %.2f s (%,.0f rows/s)%n", elapsedNanos / 1e9, rowsPerSecond()));
    return sb.toString();
  }

  private static Json.Raw object(Map<String, Long> map) {
    StringBuilder sb = new StringBuilder("{");
    for (String key : new java.util.TreeSet<>(map.keySet())) {
      Json.field(sb, key, map.get(key));
    }
    Json.close(sb);
    return new Json.Raw(sb.toString());
  }
}

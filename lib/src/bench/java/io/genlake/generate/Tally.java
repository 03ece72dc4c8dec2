package io.genlake.generate;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/** Counts what the generator wrote, per kind and format, for the {@link GenerationSummary}. */
final class Tally {
  private final Map<Kind, long[]> good = new EnumMap<>(Kind.class);
  private final Map<Kind, long[]> bad = new EnumMap<>(Kind.class);
  private final Map<Kind, Long> duplicates = new EnumMap<>(Kind.class);
  private final Map<Kind, Long> files = new EnumMap<>(Kind.class);
  private final Map<Kind, Map<BadRule, Long>> rules = new EnumMap<>(Kind.class);

  void good(Kind kind, Format format) {
    good.computeIfAbsent(kind, k -> new long[Format.values().length])[format.ordinal()]++;
  }

  void duplicate(Kind kind) {
    duplicates.merge(kind, 1L, Long::sum);
  }

  void bad(Kind kind, Format format, BadRule rule) {
    bad.computeIfAbsent(kind, k -> new long[Format.values().length])[format.ordinal()]++;
    rules.computeIfAbsent(kind, k -> new EnumMap<>(BadRule.class)).merge(rule, 1L, Long::sum);
  }

  long bad(Kind kind, BadRule rule) {
    return rules.getOrDefault(kind, Map.of()).getOrDefault(rule, 0L);
  }

  void file(Kind kind) {
    files.merge(kind, 1L, Long::sum);
  }

  GenerationSummary summary(long scale, long seed, double badRate, long elapsedNanos) {
    Map<String, Long> rows = new TreeMap<>();
    Map<String, Long> rowsByFormat = new TreeMap<>();
    Map<String, Long> badByKind = new TreeMap<>();
    Map<String, Long> badByFormat = new TreeMap<>();
    Map<String, Long> badByRule = new TreeMap<>();
    Map<String, Long> badByKindRule = new TreeMap<>();
    Map<String, Long> dups = new TreeMap<>();
    Map<String, Long> fileCounts = new TreeMap<>();
    for (Kind kind : Kind.values()) {
      long[] g = good.getOrDefault(kind, new long[Format.values().length]);
      long[] b = bad.getOrDefault(kind, new long[Format.values().length]);
      long gTotal = 0;
      long bTotal = 0;
      for (Format f : Format.values()) {
        gTotal += g[f.ordinal()];
        bTotal += b[f.ordinal()];
        if (g[f.ordinal()] > 0 || b[f.ordinal()] > 0) {
          rowsByFormat.put(kind.label + "/" + f.label, g[f.ordinal()]);
          badByFormat.put(kind.label + "/" + f.label, b[f.ordinal()]);
        }
      }
      rows.put(kind.label, gTotal);
      badByKind.put(kind.label, bTotal);
      dups.put(kind.label, duplicates.getOrDefault(kind, 0L));
      fileCounts.put(kind.label, files.getOrDefault(kind, 0L));
      for (Map.Entry<BadRule, Long> e : rules.getOrDefault(kind, Map.of()).entrySet()) {
        badByRule.merge(e.getKey().label, e.getValue(), Long::sum);
        badByKindRule.put(kind.label + "/" + e.getKey().label, e.getValue());
      }
    }
    for (BadRule rule : BadRule.values()) {
      badByRule.putIfAbsent(rule.label, 0L);
    }
    return new GenerationSummary(scale, seed, badRate, rows, rowsByFormat, dups, fileCounts, badByRule,
        badByKind, badByFormat, badByKindRule, PlantedSignals.describe().json(), elapsedNanos);
  }
}

package io.genlake.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Where generated rows go: one {@link FileSink} per kind and the {@link SqliteSink}. After each good row a bad
 * row follows with probability {@code badRate / (1 - badRate)}, so bad rows are {@code badRate} of all rows;
 * its rule is drawn uniformly among those the kind and format allow (oversized strings capped per kind).
 */
final class Landing implements AutoCloseable {
  private final Map<Kind, FileSink> files = new EnumMap<>(Kind.class);
  /** The last good row per kind and format, to derive the bad rows that {@link #addMissingRules} adds. */
  private final Map<Kind, Object[][]> lastGood = new EnumMap<>(Kind.class);
  private final SqliteSink sqlite;
  private final Tally tally;
  private final Rng rng;
  private final double badChance;
  private long badNumber;

  /**
   * @param subfolder written under each kind's folder and under sqlite/ ("" for the base landing, e.g.
   *     {@code batch-0001} for an added batch, so its files never replace the earlier ones)
   * @param idBase added to the numbers of bad-row keys, so batches never share a key
   */
  Landing(Path root, String subfolder, Map<Kind, Integer> jsonlParts, Rng rng, double badRate, Tally tally,
      long idBase) throws SQLException {
    this.tally = tally;
    this.rng = rng;
    this.badChance = badRate >= 1 ? 1 : badRate / (1 - badRate);
    this.badNumber = idBase;
    for (Kind kind : Kind.values()) {
      files.put(kind, new FileSink(root, subfolder, kind, jsonlParts.getOrDefault(kind, 2), tally));
    }
    this.sqlite = new SqliteSink(root.resolve("sqlite").resolve(subfolder), tally);
  }

  /** Writes a good row, then maybe a bad row derived from it. */
  void write(Kind kind, Format format, Object[] row) {
    tally.good(kind, format);
    lastGood.computeIfAbsent(kind, k -> new Object[Format.values().length][])[format.ordinal()] = row;
    try {
      if (format == Format.SQLITE) {
        sqlite.write(kind, row);
      } else {
        files.get(kind).write(row, format);
      }
      if (rng.chance(badChance)) {
        writeBad(kind, format, row);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot insert " + kind.label + " into SQLite: " + e.getMessage(), e);
    }
  }

  /** Writes a good row whose natural key was already written (a copy, or an older or newer version). */
  void writeDuplicate(Kind kind, Format format, Object[] row) {
    tally.duplicate(kind);
    write(kind, format, row);
  }

  /**
   * Adds one bad row for every rule a kind can break but did not by chance (small scales), derived from the
   * kind's last good row in the first format that allows the rule. At most a few dozen rows at any scale.
   */
  void addMissingRules() {
    try {
      for (Kind kind : Kind.values()) {
        Object[][] last = lastGood.get(kind);
        for (BadRule rule : BadRule.values()) {
          if (last == null || tally.bad(kind, rule) > 0) {
            continue;
          }
          for (Format format : Format.values()) {
            if (last[format.ordinal()] != null && BadRule.applicable(kind, format).contains(rule)) {
              writeBad(kind, format, last[format.ordinal()], rule);
              break;
            }
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot insert bad rows into SQLite: " + e.getMessage(), e);
    }
  }

  private void writeBad(Kind kind, Format format, Object[] row) throws SQLException {
    List<BadRule> rules = BadRule.applicable(kind, format);
    BadRule rule = rules.get(rng.below(rules.size()));
    if (rule == BadRule.STRING_TOO_LONG && oversizedCount(kind) >= BadRule.TOO_LONG_PER_KIND) {
      rule = BadRule.MISSING_FIELD;
      if (!rules.contains(rule)) {
        rule = BadRule.WRONG_TYPE;
      }
    }
    writeBad(kind, format, row, rule);
  }

  private void writeBad(Kind kind, Format format, Object[] row, BadRule rule) throws SQLException {
    long n = ++badNumber;
    tally.bad(kind, format, rule);
    if (format == Format.SQLITE) {
      sqlite.writeBad(kind, row, rule, n);
      return;
    }
    Object[] bad = row.clone();
    bad[0] = kind.badKey(row[0], n);
    rule.corrupt(kind, bad);
    files.get(kind).writeBad(bad, format, rule);
  }

  private long oversizedCount(Kind kind) {
    return tally.bad(kind, BadRule.STRING_TOO_LONG);
  }

  @Override
  public void close() {
    try {
      for (FileSink sink : files.values()) {
        sink.close();
      }
      sqlite.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot commit the SQLite files: " + e.getMessage(), e);
    }
  }
}

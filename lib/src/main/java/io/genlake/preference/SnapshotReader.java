package io.genlake.preference;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Lookups in a snapshot laid out by {@link SnapshotFile} (a memory-mapped file, or the bytes of a built snapshot):
 * the header and dictionaries are read when opened, everything else on demand by binary search. Read-only,
 * thread-safe (absolute reads only).
 */
final class SnapshotReader {
  private final ByteBuffer buf;
  final Instant asOf;
  final double timeConstantDays;
  final String anchorMode;
  final long statsVersion;
  final OptionalLong globalAnchor;
  private final long globalAnchorMicros;
  private final Decay decay;
  private final String[] checkpoints;
  private final Map<String, Integer> checkpointIndex = new HashMap<>();
  final Map<String, Double> popularity = new HashMap<>();
  private final int totals;
  private final String[] names;
  private final int keywordTable;
  private final int checkpointTable;
  private final int usersTable;

  SnapshotReader(ByteBuffer buf) throws IOException {
    this.buf = buf;
    try {
      if (buf.capacity() < 8 || buf.getInt(0) != SnapshotFile.MAGIC || buf.getInt(4) != SnapshotFile.VERSION) {
        throw new IOException("not a genlake preference snapshot of version " + SnapshotFile.VERSION);
      }
      asOf = Instant.ofEpochSecond(buf.getLong(8), buf.getInt(16));
      timeConstantDays = buf.getDouble(20);
      anchorMode = string(28);
      decay = new Decay(timeConstantDays);
      int pos = 28 + 2 + Short.toUnsignedInt(buf.getShort(28));
      statsVersion = buf.getLong(pos);
      globalAnchorMicros = buf.getLong(pos + 8);
      globalAnchor = globalAnchorMicros == SnapshotData.NO_TIME ? OptionalLong.empty()
          : OptionalLong.of(globalAnchorMicros);
      pos += 16;
      checkpoints = new String[count(pos, 2 + 8 + SnapshotFile.COUNTS_BYTES)];
      pos += 4;
      totals = pos;
      for (int i = 0; i < checkpoints.length; i++) {
        checkpoints[i] = string(pos);
        pos += 2 + Short.toUnsignedInt(buf.getShort(pos));
        double pop = buf.getDouble(pos);
        pos += 8 + SnapshotFile.COUNTS_BYTES;
        checkpointIndex.put(checkpoints[i], i);
        if (!Double.isNaN(pop)) {
          popularity.put(checkpoints[i], pop);
        }
      }
      names = new String[count(pos, 2)];
      pos += 4;
      for (int i = 0; i < names.length; i++) {
        names[i] = string(pos);
        pos += 2 + Short.toUnsignedInt(buf.getShort(pos));
      }
      keywordTable = pos;
      checkpointTable = endOfTable(keywordTable);
      usersTable = endOfTable(checkpointTable);
    } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
      throw new IOException("the file is truncated", e);
    }
  }

  /** A count at {@code pos} of entries of at least {@code entryBytes} each, checked against the file's size. */
  private int count(int pos, int entryBytes) throws IOException {
    int n = buf.getInt(pos);
    if (n < 0 || (long) n * entryBytes > buf.capacity() - pos) {
      throw new IOException("the file is truncated or corrupt (a count of " + n + " at byte " + pos + ")");
    }
    return n;
  }

  /** Every byte of the snapshot (to copy it when it must travel, e.g. to Spark executors). */
  byte[] bytes() {
    byte[] out = new byte[buf.capacity()];
    buf.get(0, out);
    return out;
  }

  /** The global (shared) counts of (keyword, checkpoint), decayed to the shared anchor. */
  PairCounts global(String keyword, String checkpoint) {
    return pair(find(keywordTable, keyword), checkpoint, globalAnchorMicros);
  }

  /** One user's counts of (keyword, checkpoint), decayed to the user's anchor. */
  PairCounts user(String user, String keyword, String checkpoint) {
    int entry = find(usersTable, user);
    return entry < 0 ? PairCounts.NONE
        : pair(find(afterKey(entry) + 8, keyword), checkpoint, buf.getLong(afterKey(entry)));
  }

  /** Whether the keyword has shared ranking pairs, or the user (when given) has some of their own. */
  boolean knowsKeyword(String keyword, java.util.Optional<String> user) {
    int entry = find(keywordTable, keyword);
    if (entry >= 0 && buf.getInt(afterKey(entry)) > 0) {
      return true;
    }
    if (user.isEmpty()) {
      return false;
    }
    int u = find(usersTable, user.get());
    return u >= 0 && find(afterKey(u) + 8, keyword) >= 0;
  }

  boolean knowsUser(String user) {
    return find(usersTable, user) >= 0;
  }

  /** The anchor a user's counts were decayed to, when the user has statistics. */
  OptionalLong userAnchor(String user) {
    int entry = find(usersTable, user);
    long anchor = entry < 0 ? SnapshotData.NO_TIME : buf.getLong(afterKey(entry));
    return anchor == SnapshotData.NO_TIME ? OptionalLong.empty() : OptionalLong.of(anchor);
  }

  /** A checkpoint's shared totals (every event with it, whatever the prompt). */
  PairCounts checkpointTotals(String checkpoint) {
    Integer c = checkpointIndex.get(checkpoint);
    if (c == null) {
      return PairCounts.NONE;
    }
    int pos = totals;
    for (int i = 0; i < c; i++) {
      pos += 2 + Short.toUnsignedInt(buf.getShort(pos)) + 8 + SnapshotFile.COUNTS_BYTES;
    }
    return stored(pos + 2 + Short.toUnsignedInt(buf.getShort(pos)) + 8).at(globalAnchorMicros, decay);
  }

  /** The LoRAs seen with a keyword ({@code keywordContext}) or a checkpoint, with their counts and strengths. */
  List<LoraStats> loras(boolean keywordContext, String context) {
    int entry = find(keywordContext ? keywordTable : checkpointTable, context);
    List<LoraStats> out = new ArrayList<>();
    if (entry < 0) {
      return out;
    }
    int pos = lorasStart(entry);
    int n = buf.getInt(pos);
    for (int i = 0; i < n; i++) {
      int p = pos + 4 + i * SnapshotFile.LORA_BYTES;
      out.add(new LoraStats(names[buf.getInt(p)], stored(p + 4).at(globalAnchorMicros, decay),
          stats(p + 4 + SnapshotFile.COUNTS_BYTES)));
    }
    return out;
  }

  /** The parameter statistics of a keyword ({@code keywordContext}) or a checkpoint. */
  List<ParameterStat> parameters(boolean keywordContext, String context) {
    int entry = find(keywordContext ? keywordTable : checkpointTable, context);
    List<ParameterStat> out = new ArrayList<>();
    if (entry < 0) {
      return out;
    }
    int pos = lorasStart(entry);
    pos += 4 + buf.getInt(pos) * SnapshotFile.LORA_BYTES;
    int n = buf.getInt(pos);
    for (int i = 0; i < n; i++) {
      int p = pos + 4 + i * SnapshotFile.PARAMETER_BYTES;
      out.add(new ParameterStat(names[buf.getInt(p)], names[buf.getInt(p + 4)], stats(p + 8)));
    }
    return out;
  }

  /** Every keyword with shared statistics (reads the whole keyword table). */
  List<String> keywords() {
    List<String> out = new ArrayList<>();
    int n = buf.getInt(keywordTable);
    for (int i = 0; i < n; i++) {
      out.add(string(buf.getInt(keywordTable + 4 + 4 * i)));
    }
    return out;
  }

  /** Ranking pairs in all: shared and per user (reads every table). */
  long pairCount() {
    long n = rankingPairs(keywordTable);
    int users = buf.getInt(usersTable);
    for (int i = 0; i < users; i++) {
      n += rankingPairs(afterKey(buf.getInt(usersTable + 4 + 4 * i)) + 8);
    }
    return n;
  }

  private long rankingPairs(int table) {
    long n = 0;
    int entries = buf.getInt(table);
    for (int i = 0; i < entries; i++) {
      n += buf.getInt(afterKey(buf.getInt(table + 4 + 4 * i)));
    }
    return n;
  }

  private PairCounts pair(int entry, String checkpoint, long anchorMicros) {
    Integer c = checkpointIndex.get(checkpoint);
    if (entry < 0 || c == null) {
      return PairCounts.NONE;
    }
    int pos = afterKey(entry);
    int n = buf.getInt(pos);
    for (int i = 0; i < n; i++) {
      int p = pos + 4 + i * SnapshotFile.PAIR_BYTES;
      if (buf.getInt(p) == c) {
        return stored(p + 4).at(anchorMicros, decay);
      }
    }
    return PairCounts.NONE;
  }

  private int lorasStart(int entry) {
    int pos = afterKey(entry);
    return pos + 4 + buf.getInt(pos) * SnapshotFile.PAIR_BYTES;
  }

  private SnapshotData.Stored stored(int p) {
    return new SnapshotData.Stored(buf.getLong(p), buf.getLong(p + 8), buf.getDouble(p + 16), buf.getDouble(p + 24),
        buf.getLong(p + 32));
  }

  /**
   * Everything the snapshot holds, in the stored form, put into {@code data} (for a night's update of it; the
   * parameter statistics are not copied: they are read again from their table). Reads the whole file.
   */
  void load(SnapshotData data) {
    data.statsVersion = statsVersion;
    data.globalAnchorMicros = globalAnchorMicros;
    int pos = totals;
    for (String c : checkpoints) {
      pos += 2 + Short.toUnsignedInt(buf.getShort(pos)) + 8;
      data.checkpointTotals.put(c, stored(pos));
      pos += SnapshotFile.COUNTS_BYTES;
    }
    loadContexts(keywordTable, data.keywords);
    loadContexts(checkpointTable, data.checkpoints);
    int users = buf.getInt(usersTable);
    for (int i = 0; i < users; i++) {
      int entry = buf.getInt(usersTable + 4 + 4 * i);
      SnapshotData.User u = data.users.computeIfAbsent(string(entry), x -> new SnapshotData.User());
      u.anchorMicros = buf.getLong(afterKey(entry));
      java.util.Map<String, SnapshotData.Context> table = new HashMap<>();
      loadContexts(afterKey(entry) + 8, table);
      table.forEach((k, c) -> u.keywords.put(k, c.checkpoints));
    }
  }

  private void loadContexts(int table, java.util.Map<String, SnapshotData.Context> out) {
    int n = buf.getInt(table);
    for (int i = 0; i < n; i++) {
      int entry = buf.getInt(table + 4 + 4 * i);
      SnapshotData.Context c = out.computeIfAbsent(string(entry), x -> new SnapshotData.Context());
      int pos = afterKey(entry);
      int pairs = buf.getInt(pos);
      for (int j = 0; j < pairs; j++) {
        int p = pos + 4 + j * SnapshotFile.PAIR_BYTES;
        c.checkpoints.put(checkpoints[buf.getInt(p)], stored(p + 4));
      }
      pos += 4 + pairs * SnapshotFile.PAIR_BYTES;
      int loras = buf.getInt(pos);
      for (int j = 0; j < loras; j++) {
        int p = pos + 4 + j * SnapshotFile.LORA_BYTES;
        SnapshotData.Stored s = stored(p + 4);
        if (s.selected() + s.rejected() > 0) {
          c.loras.put(names[buf.getInt(p)], s);
        }
      }
    }
  }

  private ValueStats stats(int p) {
    return new ValueStats(buf.getLong(p), buf.getDouble(p + 8), buf.getDouble(p + 16), buf.getLong(p + 24),
        buf.getDouble(p + 32), buf.getDouble(p + 40));
  }

  /** The position after a context table's last entry. */
  private int endOfTable(int table) {
    int n = buf.getInt(table);
    if (n == 0) {
      return table + 4;
    }
    int pos = lorasStart(buf.getInt(table + 4 + 4 * (n - 1)));
    pos += 4 + buf.getInt(pos) * SnapshotFile.LORA_BYTES;
    return pos + 4 + buf.getInt(pos) * SnapshotFile.PARAMETER_BYTES;
  }

  /** Binary search of a key among a table's sorted offsets: the entry's position, or -1. */
  private int find(int table, String keyText) {
    byte[] key = keyText.getBytes(StandardCharsets.UTF_8);
    int lo = 0;
    int hi = buf.getInt(table) - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int entry = buf.getInt(table + 4 + 4 * mid);
      int cmp = compare(entry, key);
      if (cmp == 0) {
        return entry;
      } else if (cmp < 0) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return -1;
  }

  private int compare(int entry, byte[] key) {
    int len = Short.toUnsignedInt(buf.getShort(entry));
    for (int i = 0; i < Math.min(len, key.length); i++) {
      int d = Byte.toUnsignedInt(buf.get(entry + 2 + i)) - Byte.toUnsignedInt(key[i]);
      if (d != 0) {
        return d;
      }
    }
    return len - key.length;
  }

  private int afterKey(int entry) {
    return entry + 2 + Short.toUnsignedInt(buf.getShort(entry));
  }

  private String string(int pos) {
    byte[] bytes = new byte[Short.toUnsignedInt(buf.getShort(pos))];
    buf.get(pos + 2, bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}

package io.genlake.preference;

import java.io.IOException;
import java.io.ObjectStreamException;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The serving snapshot's file format, read lazily: the {@code recommend} command memory-maps the file and
 * binary-searches only the keywords (and user) of its prompt, so answering costs O(keywords x log pairs) whatever
 * the snapshot's size, with no parse of the whole file. Layout (big-endian):
 * <pre>
 * magic "GLPS", version int, as_of seconds long, as_of nanos int
 * checkpoints: count int, then per checkpoint: name (u16 length + UTF-8), global popularity double (NaN = none)
 * global table, then users: count int, offset int per user (sorted by name bytes), user entries (name, table)
 * table: count int, offset int per keyword (sorted by keyword bytes), keyword entries:
 *        keyword, pair count int, pairs (checkpoint index int, selected long, rejected long, decayed x2 double)
 * </pre>
 * Offsets are absolute positions in the file (so a file stays under 2 GB). Keys sort by their UTF-8 bytes
 * (unsigned), as the search compares. Writing keeps the whole file in memory once.
 */
final class SnapshotFile {
  private static final int MAGIC = 0x474c5053; // "GLPS"
  private static final int VERSION = 2;
  private static final int PAIR_BYTES = 4 + 8 + 8 + 8 + 8;

  private SnapshotFile() {}

  /** What a snapshot's statistics read from: built maps or a mapped file. */
  interface Source extends Recommender.Stats, Serializable {
    boolean knowsUser(String user);

    /** Global decayed selections per checkpoint with global statistics. */
    Map<String, Double> popularity();

    /** Global pairs, keyword -> checkpoint -> counts (for enumeration; may be costly). */
    Map<String, Map<String, PairCounts>> global();

    /** Pairs per user, user -> keyword -> checkpoint -> counts (for enumeration; may be costly). */
    Map<String, Map<String, Map<String, PairCounts>>> users();
  }

  /** Writes the maps in the file format; equal maps give equal bytes. */
  static void write(Instant asOf, Map<String, Map<String, PairCounts>> global,
      Map<String, Map<String, Map<String, PairCounts>>> users, Map<String, Double> popularity, OutputStream out)
      throws IOException {
    // checkpoint dictionary: every checkpoint named in any table, sorted
    java.util.TreeSet<String> names = new java.util.TreeSet<>(popularity.keySet());
    global.values().forEach(m -> names.addAll(m.keySet()));
    users.values().forEach(u -> u.values().forEach(m -> names.addAll(m.keySet())));
    Map<String, Integer> index = new HashMap<>();
    Growable b = new Growable();
    b.putInt(MAGIC).putInt(VERSION).putLong(asOf.getEpochSecond()).putInt(asOf.getNano());
    b.putInt(names.size());
    for (String name : names) {
      index.put(name, index.size());
      b.putString(name).putDouble(popularity.getOrDefault(name, Double.NaN));
    }
    writeTable(b, global, index);
    List<byte[]> userKeys = sortedKeys(users.keySet());
    int slots = b.size() + 4;
    b.putInt(userKeys.size()).skip(4 * userKeys.size());
    for (int i = 0; i < userKeys.size(); i++) {
      b.setInt(slots + 4 * i, b.size());
      b.putBytes(userKeys.get(i));
      writeTable(b, users.get(new String(userKeys.get(i), StandardCharsets.UTF_8)), index);
    }
    out.write(b.bytes, 0, b.size());
    out.flush();
  }

  private static void writeTable(Growable b, Map<String, Map<String, PairCounts>> table, Map<String, Integer> index) {
    List<byte[]> keys = sortedKeys(table.keySet());
    int slots = b.size() + 4;
    b.putInt(keys.size()).skip(4 * keys.size());
    for (int i = 0; i < keys.size(); i++) {
      b.setInt(slots + 4 * i, b.size());
      b.putBytes(keys.get(i));
      Map<String, PairCounts> pairs = new java.util.TreeMap<>(table.get(new String(keys.get(i), StandardCharsets.UTF_8)));
      b.putInt(pairs.size());
      for (Map.Entry<String, PairCounts> p : pairs.entrySet()) {
        PairCounts c = p.getValue();
        b.putInt(index.get(p.getKey())).putLong(c.selected()).putLong(c.rejected())
            .putDouble(c.decayedSelected()).putDouble(c.decayedRejected());
      }
    }
  }

  private static List<byte[]> sortedKeys(java.util.Set<String> keys) {
    List<byte[]> out = new ArrayList<>();
    for (String k : keys) {
      byte[] bytes = k.getBytes(StandardCharsets.UTF_8);
      if (bytes.length > 0xffff) {
        throw new IllegalArgumentException("A snapshot key is longer than 65535 bytes: " + k.substring(0, 40) + "...");
      }
      out.add(bytes);
    }
    out.sort(Arrays::compareUnsigned);
    return out;
  }

  /** Maps {@code file} read-only and checks its header; the statistics are read on demand. */
  static Mapped map(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buf = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
      try {
        return new Mapped(buf);
      } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
        throw new IOException("the file is truncated", e);
      }
    }
  }

  /** A mapped snapshot file: header and checkpoint dictionary read eagerly, pairs on demand. */
  static final class Mapped implements Source {
    private static final long serialVersionUID = 1L;
    private final transient ByteBuffer buf;
    private final transient Instant asOf;
    private final transient String[] checkpoints;
    private final transient Map<String, Integer> checkpointIndex = new HashMap<>();
    private final transient Map<String, Double> popularity = new HashMap<>();
    private final transient int globalTable;
    private final transient int usersStart;

    Mapped(ByteBuffer buf) throws IOException {
      this.buf = buf;
      if (buf.getInt(0) != MAGIC || buf.getInt(4) != VERSION) {
        throw new IOException("not a genlake preference snapshot of version " + VERSION);
      }
      asOf = Instant.ofEpochSecond(buf.getLong(8), buf.getInt(16));
      int pos = 20;
      checkpoints = new String[buf.getInt(pos)];
      pos += 4;
      for (int i = 0; i < checkpoints.length; i++) {
        checkpoints[i] = string(pos);
        pos += 2 + Short.toUnsignedInt(buf.getShort(pos));
        double pop = buf.getDouble(pos);
        pos += 8;
        checkpointIndex.put(checkpoints[i], i);
        if (!Double.isNaN(pop)) {
          popularity.put(checkpoints[i], pop);
        }
      }
      globalTable = pos;
      usersStart = endOfTable(globalTable);
    }

    /** When the file's decayed counts were computed. */
    Instant asOf() {
      return asOf;
    }

    @Override
    public PairCounts global(String keyword, String checkpoint) {
      return lookup(globalTable, keyword, checkpoint);
    }

    @Override
    public PairCounts user(String user, String keyword, String checkpoint) {
      int entry = find(usersStart, user.getBytes(StandardCharsets.UTF_8));
      return entry < 0 ? PairCounts.NONE : lookup(afterKey(entry), keyword, checkpoint);
    }

    @Override
    public boolean knowsUser(String user) {
      return find(usersStart, user.getBytes(StandardCharsets.UTF_8)) >= 0;
    }

    @Override
    public Map<String, Double> popularity() {
      return popularity;
    }

    @Override
    public Map<String, Map<String, PairCounts>> global() {
      return readTable(globalTable);
    }

    @Override
    public Map<String, Map<String, Map<String, PairCounts>>> users() {
      Map<String, Map<String, Map<String, PairCounts>>> out = new HashMap<>();
      int n = buf.getInt(usersStart);
      for (int i = 0; i < n; i++) {
        int entry = buf.getInt(usersStart + 4 + 4 * i);
        out.put(string(entry), readTable(afterKey(entry)));
      }
      return out;
    }

    /** Serialized as the built (map) form: a mapped buffer cannot travel. */
    private Object writeReplace() throws ObjectStreamException {
      ServingSnapshot copy = new ServingSnapshot(asOf);
      global().forEach((k, m) -> m.forEach((c, counts) -> copy.putGlobal(k, c, counts)));
      users().forEach((u, t) -> t.forEach((k, m) -> m.forEach((c, counts) -> copy.putUser(u, k, c, counts))));
      return copy.source();
    }

    private PairCounts lookup(int table, String keyword, String checkpoint) {
      Integer c = checkpointIndex.get(checkpoint);
      int entry = c == null ? -1 : find(table, keyword.getBytes(StandardCharsets.UTF_8));
      if (entry < 0) {
        return PairCounts.NONE;
      }
      int pos = afterKey(entry);
      int n = buf.getInt(pos);
      for (int i = 0; i < n; i++) {
        int p = pos + 4 + i * PAIR_BYTES;
        if (buf.getInt(p) == c) {
          return new PairCounts(buf.getLong(p + 4), buf.getLong(p + 12), buf.getDouble(p + 20), buf.getDouble(p + 28));
        }
      }
      return PairCounts.NONE;
    }

    private Map<String, Map<String, PairCounts>> readTable(int table) {
      Map<String, Map<String, PairCounts>> out = new HashMap<>();
      int n = buf.getInt(table);
      for (int i = 0; i < n; i++) {
        int entry = buf.getInt(table + 4 + 4 * i);
        int pos = afterKey(entry);
        Map<String, PairCounts> pairs = new HashMap<>();
        for (int j = 0; j < buf.getInt(pos); j++) {
          int p = pos + 4 + j * PAIR_BYTES;
          pairs.put(checkpoints[buf.getInt(p)],
              new PairCounts(buf.getLong(p + 4), buf.getLong(p + 12), buf.getDouble(p + 20), buf.getDouble(p + 28)));
        }
        out.put(string(entry), pairs);
      }
      return out;
    }

    /** Binary search of a key among a table's sorted offsets: the entry's position, or -1. */
    private int find(int table, byte[] key) {
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

    private int endOfTable(int table) {
      int n = buf.getInt(table);
      if (n == 0) {
        return table + 4;
      }
      int last = afterKey(buf.getInt(table + 4 + 4 * (n - 1)));
      return last + 4 + buf.getInt(last) * PAIR_BYTES;
    }

    private String string(int pos) {
      byte[] bytes = new byte[Short.toUnsignedInt(buf.getShort(pos))];
      buf.get(pos + 2, bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /** A growable big-endian byte buffer with back-patching of offsets. */
  private static final class Growable {
    private byte[] bytes = new byte[1 << 16];
    private int size;

    int size() {
      return size;
    }

    private ByteBuffer room(int n) {
      if ((long) size + n > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("The serving snapshot would exceed 2 GB (the file format's offsets are "
            + "32-bit): serve fewer pairs, e.g. drop per-user pairs of rare keywords.");
      }
      if (size + n > bytes.length) {
        bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(2L * bytes.length, size + n)));
      }
      ByteBuffer b = ByteBuffer.wrap(bytes, size, n);
      size += n;
      return b;
    }

    Growable putInt(int v) {
      room(4).putInt(v);
      return this;
    }

    Growable putLong(long v) {
      room(8).putLong(v);
      return this;
    }

    Growable putDouble(double v) {
      room(8).putDouble(v);
      return this;
    }

    Growable putBytes(byte[] key) {
      room(2).putShort((short) key.length);
      room(key.length).put(key);
      return this;
    }

    Growable putString(String s) {
      return putBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    Growable skip(int n) {
      room(n);
      return this;
    }

    void setInt(int at, int v) {
      ByteBuffer.wrap(bytes).putInt(at, v);
    }
  }
}

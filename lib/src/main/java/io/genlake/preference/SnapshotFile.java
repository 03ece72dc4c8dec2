package io.genlake.preference;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The serving snapshot's file format, written here and read lazily by {@link SnapshotReader}: the {@code recommend}
 * command memory-maps the file and binary-searches only the keywords, checkpoints and user of its prompt, so
 * answering costs O(keywords x log entries) whatever the snapshot's size. Layout (big-endian):
 * <pre>
 * magic "GLPS", version int, as_of seconds long, as_of nanos int, time constant double, anchor mode (string),
 * statistics version long (-1 = unknown), global anchor micros long (Long.MIN_VALUE = none)
 * checkpoints: count int, per checkpoint: name, popularity double (NaN = none), totals (counts, 40 bytes)
 * names: count int, per name: name (LoRAs, samplers, parameters; referenced by index)
 * keyword table, checkpoint table: context tables (below)
 * users: count int, offset int per user (sorted by name bytes), user entries: name, anchor micros long,
 *        keyword table whose entries hold only ranking pairs
 * context table: count int, offset int per key (sorted by key bytes), entries: key, then
 *        ranking pairs: count int, (checkpoint index int, counts 40 bytes)
 *        LoRAs: count int, (name index int, counts 40 bytes, strength stats 48 bytes)
 *        parameters: count int, (parameter name index int, value name index int, stats 48 bytes)
 * counts: selected long, rejected long, decayed selected double, decayed rejected double (kept as of the pair's
 *         newest event), that event's micros long (Long.MIN_VALUE: already at the anchor); read at the scope's anchor
 * stats: selected long, selected mean, variance double, rejected long, rejected mean, variance double
 * a string: u16 length + UTF-8 bytes
 * </pre>
 * Offsets are absolute positions (so a file stays under 2 GB). Keys sort by their UTF-8 bytes (unsigned), as the
 * search compares. Writing keeps the whole file in memory once; equal data gives equal bytes.
 */
final class SnapshotFile {
  static final int MAGIC = 0x474c5053; // "GLPS"
  static final int VERSION = 4;
  static final int COUNTS_BYTES = 40;
  static final int STATS_BYTES = 48;
  static final int PAIR_BYTES = 4 + COUNTS_BYTES;
  static final int LORA_BYTES = 4 + COUNTS_BYTES + STATS_BYTES;
  static final int PARAMETER_BYTES = 4 + 4 + STATS_BYTES;

  private SnapshotFile() {}

  /** The file's bytes for {@code data} (a buffer over the written array, position 0, limit its size). */
  static ByteBuffer write(SnapshotData data) {
    TreeSet<String> checkpoints = new TreeSet<>(data.checkpointTotals.keySet());
    data.keywords.values().forEach(c -> checkpoints.addAll(c.checkpoints.keySet()));
    data.users.values().forEach(u -> u.keywords.values().forEach(m -> checkpoints.addAll(m.keySet())));
    TreeSet<String> names = new TreeSet<>();
    for (Collection<SnapshotData.Context> contexts : List.of(data.keywords.values(), data.checkpoints.values())) {
      for (SnapshotData.Context c : contexts) {
        names.addAll(c.loras.keySet());
        names.addAll(c.strengths.keySet());
        c.parameters.forEach(p -> {
          names.add(p.parameter());
          names.add(p.value());
        });
      }
    }
    Map<String, Integer> checkpointIndex = index(checkpoints);
    Map<String, Integer> nameIndex = index(names);
    Growable b = new Growable();
    b.putInt(MAGIC).putInt(VERSION).putLong(data.asOf.getEpochSecond()).putInt(data.asOf.getNano())
        .putDouble(data.timeConstantDays).putString(data.anchorMode).putLong(data.statsVersion)
        .putLong(data.globalAnchorMicros);
    Decay decay = new Decay(data.timeConstantDays);
    b.putInt(checkpoints.size());
    for (String c : checkpoints) {
      SnapshotData.Stored totals = data.checkpointTotals.get(c);
      b.putString(c).putDouble(totals == null ? Double.NaN
          : totals.at(data.globalAnchorMicros, decay).decayedSelected());
      putCounts(b, totals == null ? NONE : totals);
    }
    b.putInt(names.size());
    names.forEach(b::putString);
    writeContexts(b, data.keywords, checkpointIndex, nameIndex);
    writeContexts(b, data.checkpoints, checkpointIndex, nameIndex);
    List<byte[]> userKeys = sortedKeys(data.users.keySet());
    int slots = b.size() + 4;
    b.putInt(userKeys.size()).skip(4 * userKeys.size());
    for (int i = 0; i < userKeys.size(); i++) {
      b.setInt(slots + 4 * i, b.size());
      b.putBytes(userKeys.get(i));
      SnapshotData.User u = data.users.get(new String(userKeys.get(i), StandardCharsets.UTF_8));
      b.putLong(u.anchorMicros);
      Map<String, SnapshotData.Context> table = new HashMap<>();
      u.keywords.forEach((k, m) -> table.computeIfAbsent(k, x -> new SnapshotData.Context()).checkpoints.putAll(m));
      writeContexts(b, table, checkpointIndex, nameIndex);
    }
    return ByteBuffer.wrap(b.bytes, 0, b.size()).slice();
  }

  private static Map<String, Integer> index(TreeSet<String> sorted) {
    Map<String, Integer> out = new HashMap<>();
    for (String s : sorted) {
      out.put(s, out.size());
    }
    return out;
  }

  private static void writeContexts(Growable b, Map<String, SnapshotData.Context> table,
      Map<String, Integer> checkpointIndex, Map<String, Integer> nameIndex) {
    List<byte[]> keys = sortedKeys(table.keySet());
    int slots = b.size() + 4;
    b.putInt(keys.size()).skip(4 * keys.size());
    for (int i = 0; i < keys.size(); i++) {
      b.setInt(slots + 4 * i, b.size());
      b.putBytes(keys.get(i));
      SnapshotData.Context c = table.get(new String(keys.get(i), StandardCharsets.UTF_8));
      Map<String, SnapshotData.Stored> pairs = new TreeMap<>(c.checkpoints);
      b.putInt(pairs.size());
      pairs.forEach((checkpoint, counts) -> putCounts(b.putInt(checkpointIndex.get(checkpoint)), counts));
      TreeSet<String> loras = new TreeSet<>(c.loras.keySet());
      loras.addAll(c.strengths.keySet());
      b.putInt(loras.size());
      for (String l : loras) {
        putCounts(b.putInt(nameIndex.get(l)), c.loras.getOrDefault(l, NONE));
        putStats(b, c.strengths.getOrDefault(l, ValueStats.NONE));
      }
      List<ParameterStat> parameters = new ArrayList<>(c.parameters);
      parameters.sort((x, y) -> x.parameter().equals(y.parameter()) ? x.value().compareTo(y.value())
          : x.parameter().compareTo(y.parameter()));
      b.putInt(parameters.size());
      for (ParameterStat p : parameters) {
        putStats(b.putInt(nameIndex.get(p.parameter())).putInt(nameIndex.get(p.value())), p.stats());
      }
    }
  }

  private static final SnapshotData.Stored NONE = SnapshotData.Stored.of(PairCounts.NONE);

  private static void putCounts(Growable b, SnapshotData.Stored c) {
    b.putLong(c.selected()).putLong(c.rejected()).putDouble(c.decayedSelected()).putDouble(c.decayedRejected())
        .putLong(c.lastMicros());
  }

  private static void putStats(Growable b, ValueStats s) {
    b.putLong(s.selected()).putDouble(s.selectedMean()).putDouble(s.selectedVariance()).putLong(s.rejected())
        .putDouble(s.rejectedMean()).putDouble(s.rejectedVariance());
  }

  static List<byte[]> sortedKeys(java.util.Set<String> keys) {
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

package io.genlake.preference;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The compact serving form of the (keyword, checkpoint) statistics, global and per user, that the nightly job
 * writes to {@code <warehouse>/serving/preference-snapshot.bin} and the {@code recommend} command reads without
 * Spark. A built snapshot holds hash maps (two probes per lookup); a read one memory-maps the file and
 * binary-searches only the keywords asked for ({@link SnapshotFile}), so opening it costs the same whatever its
 * size. A read snapshot is read-only.
 */
public final class ServingSnapshot implements Recommender.Stats, Serializable {
  private static final long serialVersionUID = 2L;
  /** Where the snapshot lives under a warehouse root. */
  public static final String RELATIVE_PATH = "serving/preference-snapshot.bin";

  private final Instant asOf;
  private final SnapshotFile.Source source;

  /** An empty snapshot to fill with {@link #putGlobal} and {@link #putUser}. */
  public ServingSnapshot(Instant asOf) {
    this(asOf, new Built());
  }

  private ServingSnapshot(Instant asOf, SnapshotFile.Source source) {
    this.asOf = asOf;
    this.source = source;
  }

  /** When the decayed counts were computed. */
  public Instant asOf() {
    return asOf;
  }

  /** Adds a global pair (also feeds the checkpoint's popularity: its decayed selections). */
  public void putGlobal(String keyword, String checkpoint, PairCounts counts) {
    built().global.computeIfAbsent(keyword, k -> new HashMap<>()).put(checkpoint, counts);
    built().popularity.merge(checkpoint, counts.decayedSelected(), Double::sum);
  }

  /** Adds one user's pair. */
  public void putUser(String user, String keyword, String checkpoint, PairCounts counts) {
    built().users.computeIfAbsent(user, u -> new HashMap<>()).computeIfAbsent(keyword, k -> new HashMap<>())
        .put(checkpoint, counts);
  }

  @Override
  public PairCounts global(String keyword, String checkpoint) {
    return source.global(keyword, checkpoint);
  }

  @Override
  public PairCounts user(String user, String keyword, String checkpoint) {
    return source.user(user, keyword, checkpoint);
  }

  /** Whether the user has any statistics of their own. */
  public boolean knowsUser(String user) {
    return source.knowsUser(user);
  }

  /** Every checkpoint with global statistics, most selected (decayed) first, then by name. */
  public List<String> checkpointsByPopularity() {
    Map<String, Double> popularity = source.popularity();
    List<String> out = new ArrayList<>(new TreeSet<>(popularity.keySet()));
    out.sort((a, b) -> Double.compare(popularity.get(b), popularity.get(a)));
    return out;
  }

  /** Every keyword with global statistics (sorted; for benchmarks and tests; reads every pair of a read snapshot). */
  public List<String> keywords() {
    return new ArrayList<>(new TreeSet<>(source.global().keySet()));
  }

  /** Number of global and per-user pairs (reads every pair of a read snapshot). */
  public long pairCount() {
    long n = 0;
    for (Map<String, PairCounts> m : source.global().values()) {
      n += m.size();
    }
    for (Map<String, Map<String, PairCounts>> u : source.users().values()) {
      for (Map<String, PairCounts> m : u.values()) {
        n += m.size();
      }
    }
    return n;
  }

  /** Writes the snapshot in the {@link SnapshotFile} format (keys sorted, so equal snapshots give equal files). */
  public void write(OutputStream out) throws IOException {
    SnapshotFile.write(asOf, source.global(), source.users(), source.popularity(), out);
  }

  /**
   * Opens the snapshot of a local warehouse (memory-mapped; only the header is read); empty when no nightly run
   * has written one yet.
   */
  public static Optional<ServingSnapshot> readIfPresent(Path warehouseRoot) {
    Path file = warehouseRoot.resolve(RELATIVE_PATH);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      SnapshotFile.Mapped mapped = SnapshotFile.map(file);
      return Optional.of(new ServingSnapshot(mapped.asOf(), mapped));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the preference snapshot " + file + ": " + e.getMessage()
          + ". Re-run `genlake nightly` (or `genlake preference`) to rewrite it.", e);
    }
  }

  /** The statistics behind this snapshot (for the file format's serialization). */
  SnapshotFile.Source source() {
    return source;
  }

  private Built built() {
    if (source instanceof Built b) {
      return b;
    }
    throw new UnsupportedOperationException("A snapshot read from a file is read-only; build a new one to add pairs.");
  }

  /** The built form: hash maps filled by the nightly job and tests. */
  private static final class Built implements SnapshotFile.Source {
    private static final long serialVersionUID = 1L;
    private final HashMap<String, Map<String, PairCounts>> global = new HashMap<>();
    private final HashMap<String, Map<String, Map<String, PairCounts>>> users = new HashMap<>();
    private final HashMap<String, Double> popularity = new HashMap<>();

    @Override
    public PairCounts global(String keyword, String checkpoint) {
      Map<String, PairCounts> byCheckpoint = global.get(keyword);
      return byCheckpoint == null ? PairCounts.NONE : byCheckpoint.getOrDefault(checkpoint, PairCounts.NONE);
    }

    @Override
    public PairCounts user(String user, String keyword, String checkpoint) {
      Map<String, Map<String, PairCounts>> byKeyword = users.get(user);
      if (byKeyword == null) {
        return PairCounts.NONE;
      }
      Map<String, PairCounts> byCheckpoint = byKeyword.get(keyword);
      return byCheckpoint == null ? PairCounts.NONE : byCheckpoint.getOrDefault(checkpoint, PairCounts.NONE);
    }

    @Override
    public boolean knowsUser(String user) {
      return users.containsKey(user);
    }

    @Override
    public Map<String, Double> popularity() {
      return popularity;
    }

    @Override
    public Map<String, Map<String, PairCounts>> global() {
      return global;
    }

    @Override
    public Map<String, Map<String, Map<String, PairCounts>>> users() {
      return users;
    }
  }
}

package io.genlake.preference;

import java.io.IOException;
import java.io.ObjectStreamException;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * What {@code recommend} needs, as the nightly job writes it to {@code <warehouse>/serving/preference-snapshot.bin}:
 * the (keyword, checkpoint) counts, shared and per user, decayed to their scope's anchor; each checkpoint's shared
 * totals; the shared (keyword, LoRA) and (checkpoint, LoRA) counts with the LoRA strengths; the parameter statistics
 * per keyword and checkpoint. Laid out by {@link SnapshotFile}; read by {@link SnapshotReader}, memory-mapped from a
 * file (opening it costs the same whatever its size) or over the bytes of a {@link SnapshotData#build() built} one.
 * Read-only; serializable (as its bytes), so Spark can broadcast it.
 */
public final class ServingSnapshot implements Recommender.Stats, Recommender.KeywordIndex, Advisor.Stats, Serializable {
  private static final long serialVersionUID = 3L;
  /** Where the snapshot lives under a warehouse root. */
  public static final String RELATIVE_PATH = "serving/preference-snapshot.bin";

  private final transient SnapshotReader reader;
  private final transient ByteBuffer buffer;

  private ServingSnapshot(ByteBuffer buffer) throws IOException {
    this.buffer = buffer;
    this.reader = new SnapshotReader(buffer);
  }

  /** A snapshot over the bytes of the file format. */
  static ServingSnapshot of(ByteBuffer bytes) {
    try {
      return new ServingSnapshot(bytes);
    } catch (IOException e) {
      throw new IllegalStateException("A snapshot just laid out cannot be read: " + e.getMessage(), e);
    }
  }

  /** The end of the run date the snapshot was written for. */
  public Instant asOf() {
    return reader.asOf;
  }

  /** The decay time constant (days) of its counts. */
  public double timeConstantDays() {
    return reader.timeConstantDays;
  }

  /** {@code data} (counts decayed to each scope's newest event) or {@code run_date}. */
  public String anchorMode() {
    return reader.anchorMode;
  }

  /** The version token of the pair statistics this snapshot was built from (PairTables.token; -1: unknown). */
  long statsVersion() {
    return reader.statsVersion;
  }

  /** Puts everything this snapshot holds, in the stored form, into {@code data} (for a night's update of it). */
  void loadInto(SnapshotData data) {
    reader.load(data);
  }

  /** The time the shared counts were decayed to. */
  public Optional<Instant> globalAnchor() {
    return instant(reader.globalAnchor);
  }

  /** The time a user's counts were decayed to, when the user has statistics. */
  public Optional<Instant> userAnchor(String user) {
    return instant(reader.userAnchor(user));
  }

  private static Optional<Instant> instant(OptionalLong micros) {
    return micros.isPresent() ? Optional.of(Decay.instant(micros.getAsLong())) : Optional.empty();
  }

  @Override
  public PairCounts global(String keyword, String checkpoint) {
    return reader.global(keyword, checkpoint);
  }

  @Override
  public PairCounts user(String user, String keyword, String checkpoint) {
    return reader.user(user, keyword, checkpoint);
  }

  @Override
  public List<LoraStats> lorasForKeyword(String keyword) {
    return reader.loras(true, keyword);
  }

  @Override
  public List<LoraStats> lorasForCheckpoint(String checkpoint) {
    return reader.loras(false, checkpoint);
  }

  @Override
  public List<ParameterStat> parameters(boolean keywordContext, String context) {
    return reader.parameters(keywordContext, context);
  }

  @Override
  public boolean knowsKeyword(String keyword, Optional<String> user) {
    return reader.knowsKeyword(keyword, user);
  }

  /** A checkpoint's shared totals, whatever the prompt. */
  @Override
  public PairCounts checkpointTotals(String checkpoint) {
    return reader.checkpointTotals(checkpoint);
  }

  /** Whether the user has any statistics of their own. */
  public boolean knowsUser(String user) {
    return reader.knowsUser(user);
  }

  /** Every checkpoint with shared statistics, most selected (decayed) first, then by name. */
  public List<String> checkpointsByPopularity() {
    Map<String, Double> popularity = reader.popularity;
    List<String> out = new ArrayList<>(new TreeSet<>(popularity.keySet()));
    out.sort((a, b) -> Double.compare(popularity.get(b), popularity.get(a)));
    return out;
  }

  /** Every keyword with shared statistics (sorted by UTF-8 bytes; reads the whole keyword table). */
  public List<String> keywords() {
    return reader.keywords();
  }

  /** Number of ranking (keyword x checkpoint) pairs, shared and per user (reads every table). */
  public long pairCount() {
    return reader.pairCount();
  }

  /** Writes the snapshot's bytes (equal snapshots give equal files). */
  public void write(OutputStream out) throws IOException {
    byte[] bytes = buffer.hasArray() ? buffer.array() : reader.bytes();
    int offset = buffer.hasArray() ? buffer.arrayOffset() : 0;
    out.write(bytes, offset, buffer.capacity());
    out.flush();
  }

  /**
   * Opens the snapshot of a local warehouse (memory-mapped; only the header and dictionaries are read); empty when
   * no nightly run has written one yet.
   */
  public static Optional<ServingSnapshot> readIfPresent(Path warehouseRoot) {
    Path file = warehouseRoot.resolve(RELATIVE_PATH);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return Optional.of(new ServingSnapshot(ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size())));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the preference snapshot " + file + ": " + e.getMessage()
          + ". Re-run `genlake nightly` (or `genlake preference`) to rewrite it.", e);
    }
  }

  /** Serialized as its bytes: a mapped buffer cannot travel. */
  private Object writeReplace() throws ObjectStreamException {
    return new Bytes(reader.bytes());
  }

  /** The serial form: the file's bytes. */
  private record Bytes(byte[] bytes) implements Serializable {
    private static final long serialVersionUID = 1L;

    private Object readResolve() throws ObjectStreamException {
      return ServingSnapshot.of(ByteBuffer.wrap(bytes));
    }
  }
}

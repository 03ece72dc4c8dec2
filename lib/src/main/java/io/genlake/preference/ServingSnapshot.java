package io.genlake.preference;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The compact serving form of the (keyword, checkpoint) statistics, global and per user, that the nightly job
 * writes to {@code <warehouse>/serving/preference-snapshot.json} and the {@code recommend} command reads
 * without Spark. JSON with one array {@code [selected, rejected, decayed_selected, decayed_rejected]} per pair,
 * nested keyword -> checkpoint. Lookups are two hash probes; loading is one streaming pass.
 */
public final class ServingSnapshot implements Recommender.Stats, Serializable {
  private static final long serialVersionUID = 1L;
  /** Format tag written first in the file, checked on read. */
  public static final String FORMAT = "genlake-preference-snapshot/1";
  /** Where the snapshot lives under a warehouse root. */
  public static final String RELATIVE_PATH = "serving/preference-snapshot.json";

  private final Instant asOf;
  private final Map<String, Map<String, PairCounts>> global = new HashMap<>();
  private final Map<String, Map<String, Map<String, PairCounts>>> users = new HashMap<>();
  private final Map<String, Double> popularity = new HashMap<>();

  public ServingSnapshot(Instant asOf) {
    this.asOf = asOf;
  }

  /** When the decayed counts were computed. */
  public Instant asOf() {
    return asOf;
  }

  /** Adds a global pair (also feeds the checkpoint's popularity: its decayed selections). */
  public void putGlobal(String keyword, String checkpoint, PairCounts counts) {
    global.computeIfAbsent(keyword, k -> new HashMap<>()).put(checkpoint, counts);
    popularity.merge(checkpoint, counts.decayedSelected(), Double::sum);
  }

  /** Adds one user's pair. */
  public void putUser(String user, String keyword, String checkpoint, PairCounts counts) {
    users.computeIfAbsent(user, u -> new HashMap<>()).computeIfAbsent(keyword, k -> new HashMap<>())
        .put(checkpoint, counts);
  }

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

  /** Whether the user has any statistics of their own. */
  public boolean knowsUser(String user) {
    return users.containsKey(user);
  }

  /** Every checkpoint with global statistics, most selected (decayed) first, then by name. */
  public java.util.List<String> checkpointsByPopularity() {
    java.util.List<String> out = new java.util.ArrayList<>(new TreeSet<>(popularity.keySet()));
    out.sort((a, b) -> Double.compare(popularity.get(b), popularity.get(a)));
    return out;
  }

  /** Every keyword with global statistics (sorted; for benchmarks and tests). */
  public java.util.List<String> keywords() {
    return new java.util.ArrayList<>(new TreeSet<>(global.keySet()));
  }

  /** Number of global and per-user pairs. */
  public long pairCount() {
    long n = 0;
    for (Map<String, PairCounts> m : global.values()) {
      n += m.size();
    }
    for (Map<String, Map<String, PairCounts>> u : users.values()) {
      for (Map<String, PairCounts> m : u.values()) {
        n += m.size();
      }
    }
    return n;
  }

  /** Writes the snapshot as JSON (keys sorted, so equal snapshots give equal files). */
  public void write(OutputStream out) throws IOException {
    try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("format", FORMAT);
      g.writeStringField("as_of", asOf.toString());
      g.writeFieldName("global");
      writePairs(g, global);
      g.writeObjectFieldStart("users");
      for (Map.Entry<String, Map<String, Map<String, PairCounts>>> u : new TreeMap<>(users).entrySet()) {
        g.writeFieldName(u.getKey());
        writePairs(g, u.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
    }
  }

  /** Reads the snapshot of a local warehouse; empty when no nightly run has written one yet. */
  public static Optional<ServingSnapshot> readIfPresent(Path warehouseRoot) {
    Path file = warehouseRoot.resolve(RELATIVE_PATH);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(file)) {
      return Optional.of(read(in));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the preference snapshot " + file + ": " + e.getMessage()
          + ". Re-run `genlake nightly` (or the preference step) to rewrite it.", e);
    }
  }

  /** Reads a snapshot written by {@link #write}. */
  public static ServingSnapshot read(InputStream in) throws IOException {
    try (JsonParser p = new JsonFactory().createParser(in)) {
      expect(p, JsonToken.START_OBJECT);
      ServingSnapshot snap = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.getCurrentName();
        p.nextToken();
        switch (field) {
          case "format" -> {
            if (!FORMAT.equals(p.getText())) {
              throw new IOException("unknown snapshot format " + p.getText() + ", expected " + FORMAT);
            }
          }
          case "as_of" -> snap = new ServingSnapshot(Instant.parse(p.getText()));
          case "global" -> readPairs(p, require(snap)::putGlobal);
          case "users" -> {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String user = p.getCurrentName();
              p.nextToken();
              ServingSnapshot s = require(snap);
              readPairs(p, (k, c, counts) -> s.putUser(user, k, c, counts));
            }
          }
          default -> p.skipChildren();
        }
      }
      return require(snap);
    }
  }

  private interface PairSink {
    void put(String keyword, String checkpoint, PairCounts counts);
  }

  private static void readPairs(JsonParser p, PairSink sink) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String keyword = p.getCurrentName();
      expect(p, JsonToken.START_OBJECT);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String checkpoint = p.getCurrentName();
        expect(p, JsonToken.START_ARRAY);
        p.nextToken();
        long sel = p.getLongValue();
        p.nextToken();
        long rej = p.getLongValue();
        p.nextToken();
        double dsel = p.getDoubleValue();
        p.nextToken();
        double drej = p.getDoubleValue();
        expect(p, JsonToken.END_ARRAY);
        sink.put(keyword, checkpoint, new PairCounts(sel, rej, dsel, drej));
      }
    }
  }

  private static void writePairs(JsonGenerator g, Map<String, Map<String, PairCounts>> pairs) throws IOException {
    g.writeStartObject();
    for (Map.Entry<String, Map<String, PairCounts>> k : new TreeMap<>(pairs).entrySet()) {
      g.writeObjectFieldStart(k.getKey());
      for (Map.Entry<String, PairCounts> c : new TreeMap<>(k.getValue()).entrySet()) {
        g.writeArrayFieldStart(c.getKey());
        PairCounts v = c.getValue();
        g.writeNumber(v.selected());
        g.writeNumber(v.rejected());
        g.writeNumber(v.decayedSelected());
        g.writeNumber(v.decayedRejected());
        g.writeEndArray();
      }
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static void expect(JsonParser p, JsonToken token) throws IOException {
    if (p.nextToken() != token) {
      throw new IOException("malformed preference snapshot: expected " + token + " at " + p.getCurrentLocation());
    }
  }

  private static ServingSnapshot require(ServingSnapshot snap) throws IOException {
    if (snap == null) {
      throw new IOException("malformed preference snapshot: as_of must come before the statistics");
    }
    return snap;
  }
}

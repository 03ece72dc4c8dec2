package io.genlake.preference;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.genlake.table.GoldPreferencePairStats;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Seed 003 export/import: the pair statistics as one portable JSON document (format tag, {@code as_of}, the decay
 * time constant, one object per pair with raw counts, decayed sums and the newest event they are kept as of).
 * Scores are not exported: they are computed when read, so a round trip reproduces identical statistics. Files of
 * the first format ({@value #FORMAT_1}: decayed sums as of the file's {@code as_of}, no time constant) are read as
 * pairs whose newest event is that {@code as_of}. Streams rows from the driver; the file holds every pair.
 */
final class Transfer {
  static final String FORMAT = "genlake-preferences/2";
  static final String FORMAT_1 = "genlake-preferences/1";
  static final String TIME_CONSTANT_DAYS = "time_constant_days";

  /** The exported pairs (stored rows), the run date's end they were exported at, and their decay, when recorded. */
  record Imported(Instant asOf, java.util.Optional<Double> timeConstantDays, List<Row> counts) {}

  private Transfer() {}

  /** Writes {@code stats} (gold.preference_pair_stats rows) as JSON; returns the number of pairs. */
  static long write(Dataset<Row> stats, Instant asOf, double timeConstantDays, OutputStream out) throws IOException {
    long n = 0;
    try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("format", FORMAT);
      g.writeStringField("as_of", asOf.toString());
      g.writeNumberField(TIME_CONSTANT_DAYS, timeConstantDays);
      g.writeArrayFieldStart("pairs");
      Iterator<Row> rows = stats.select(GoldPreferencePairStats.USER_ID, GoldPreferencePairStats.KIND,
              GoldPreferencePairStats.ITEM_A, GoldPreferencePairStats.ITEM_B, GoldPreferencePairStats.SELECTED,
              GoldPreferencePairStats.REJECTED, GoldPreferencePairStats.DECAYED_SELECTED,
              GoldPreferencePairStats.DECAYED_REJECTED, GoldPreferencePairStats.LAST_EVENT_AT)
          .orderBy(GoldPreferencePairStats.USER_ID, GoldPreferencePairStats.KIND, GoldPreferencePairStats.ITEM_A,
              GoldPreferencePairStats.ITEM_B)
          .toLocalIterator();
      while (rows.hasNext()) {
        Row r = rows.next();
        g.writeStartObject();
        g.writeStringField(GoldPreferencePairStats.USER_ID, r.getString(0));
        g.writeStringField(GoldPreferencePairStats.KIND, r.getString(1));
        g.writeStringField(GoldPreferencePairStats.ITEM_A, r.getString(2));
        g.writeStringField(GoldPreferencePairStats.ITEM_B, r.getString(3));
        g.writeNumberField(GoldPreferencePairStats.SELECTED, r.getLong(4));
        g.writeNumberField(GoldPreferencePairStats.REJECTED, r.getLong(5));
        g.writeNumberField(GoldPreferencePairStats.DECAYED_SELECTED, r.getDouble(6));
        g.writeNumberField(GoldPreferencePairStats.DECAYED_REJECTED, r.getDouble(7));
        g.writeStringField(GoldPreferencePairStats.LAST_EVENT_AT, r.getTimestamp(8).toInstant().toString());
        g.writeEndObject();
        n++;
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return n;
  }

  /** Reads an exported document; a wrong format or a malformed pair fails with what to fix. */
  static Imported read(InputStream in, String name) throws IOException {
    JsonNode root = new ObjectMapper().readTree(in);
    String format = root == null ? "" : root.path("format").asText();
    if (!FORMAT.equals(format) && !FORMAT_1.equals(format)) {
      throw new IllegalArgumentException("Cannot import " + name + ": it is not a genlake preference export "
          + "(expected \"format\": \"" + FORMAT + "\"). Create one with `genlake prefs export --out FILE.json`.");
    }
    Instant asOf = Instant.parse(root.path("as_of").asText());
    java.util.Optional<Double> tau = root.has(TIME_CONSTANT_DAYS)
        ? java.util.Optional.of(root.path(TIME_CONSTANT_DAYS).asDouble()) : java.util.Optional.empty();
    List<Row> rows = new ArrayList<>();
    int i = 0;
    for (JsonNode p : root.path("pairs")) {
      String kind = p.path(GoldPreferencePairStats.KIND).asText();
      if (!GoldPreferencePairStats.KINDS.contains(kind) || p.path(GoldPreferencePairStats.ITEM_A).asText().isEmpty()
          || p.path(GoldPreferencePairStats.SELECTED).asLong(-1) < 0
          || p.path(GoldPreferencePairStats.REJECTED).asLong(-1) < 0) {
        throw new IllegalArgumentException("Cannot import " + name + ": pair " + i + " has an unknown kind '" + kind
            + "', an empty item or negative counts. Nothing was imported; fix or re-export the file.");
      }
      long sel = p.path(GoldPreferencePairStats.SELECTED).asLong();
      long rej = p.path(GoldPreferencePairStats.REJECTED).asLong();
      Instant last = p.has(GoldPreferencePairStats.LAST_EVENT_AT)
          ? Instant.parse(p.path(GoldPreferencePairStats.LAST_EVENT_AT).asText()) : asOf;
      rows.add(RowFactory.create(p.path(GoldPreferencePairStats.USER_ID).asText(), kind,
          p.path(GoldPreferencePairStats.ITEM_A).asText(), p.path(GoldPreferencePairStats.ITEM_B).asText(),
          sel, rej, sel + rej, p.path(GoldPreferencePairStats.DECAYED_SELECTED).asDouble(),
          p.path(GoldPreferencePairStats.DECAYED_REJECTED).asDouble(), java.sql.Timestamp.from(last)));
      i++;
    }
    return new Imported(asOf, tau, rows);
  }

  /** The imported pairs as stored rows. */
  static Dataset<Row> frame(SparkSession spark, Imported imported) {
    return spark.createDataFrame(imported.counts(), GoldPreferencePairStats.SCHEMA);
  }
}

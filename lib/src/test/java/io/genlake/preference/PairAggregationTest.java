package io.genlake.preference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** The two Java loops of the pair aggregation, without Spark: map-side contributions and reduce-side sums. */
class PairAggregationTest {
  private static final PairContributions.Columns COLUMNS = new PairContributions.Columns(0, 1, 2, 3, 4, 5, 6, 7);
  private static final Decay DECAY = new Decay(30);
  private static final long T = 1_700_000_000_000_000L;
  private static final long DAY = 86_400_000_000L;

  private static Row event(String user, boolean share, boolean selected, long at, List<String> keywords,
      List<String> negatives, List<String> loras) {
    return RowFactory.create(user, share, "ck", selected, at, seq(keywords), seq(negatives), seq(loras));
  }

  private static scala.collection.Seq<String> seq(List<String> list) {
    return scala.collection.JavaConverters.asScalaBuffer(list);
  }

  private static List<Row> drain(java.util.Iterator<Row> it) {
    List<Row> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  @Test
  void contributionsEmitUserPairsAndSumTheGlobalScope() {
    List<Row> events = List.of(
        event("u1", true, true, T, List.of("castle", "night"), List.of("blurry"), List.of("detail")),
        event("u2", true, false, T - 30 * DAY, List.of("castle"), List.of(), List.of()),
        event(null, true, true, T, List.of("castle"), List.of(), List.of()),
        event(null, false, true, T, List.of("castle"), List.of(), List.of()), // no scope: counted nowhere
        event("u3", false, true, T, List.of(), List.of(), List.of("detail")));
    List<Row> rows = drain(new PairContributions(events.iterator(), COLUMNS, DECAY));
    TreeMap<String, String> byKey = new TreeMap<>();
    for (Row r : rows) {
      String key = r.getString(0) + "|" + PairStats.KIND_NAMES.get(r.getByte(1)) + "|" + r.getString(2) + "|"
          + r.getString(3);
      assertEquals(null, byKey.put(key, r.getLong(4) + "/" + r.getLong(5) + "/" + r.getDouble(6) + "/" + r.getDouble(7)
          + "@" + (r.getLong(8) - T) / DAY), "one row per global key, one per user event pair: " + key);
    }
    // the rejection 30 days before the newest event weighs exp(-1) as of it
    assertEquals("2/1/2.0/" + StrictMath.exp(-1) + "@0", byKey.get("*|keyword_checkpoint|castle|ck"));
    assertEquals("2/1/2.0/" + StrictMath.exp(-1) + "@0", byKey.get("*|checkpoint|ck|"));
    assertEquals("1/0/1.0/0.0@0", byKey.get("*|keyword_lora|night|detail"));
    assertEquals("1/0/1.0/0.0@0", byKey.get("*|keyword_negative|castle|blurry"));
    assertEquals("1/0/1.0/0.0@0", byKey.get("*|checkpoint_lora|ck|detail"));
    assertEquals("1/0/1.0/0.0@0", byKey.get("u1|keyword_checkpoint|night|ck"));
    assertEquals("0/1/0.0/1.0@-30", byKey.get("u2|keyword_checkpoint|castle|ck"));
    assertEquals("1/0/1.0/0.0@0", byKey.get("u3|checkpoint_lora|ck|detail"));
    // u1: checkpoint, 2 keyword x checkpoint, 2 keyword x LoRA, 2 keyword x negative, 1 checkpoint x LoRA = 8;
    // u2: checkpoint and castle x ck = 2; u3: checkpoint and ck x detail = 2;
    // global: u1's 8 (castle x ck and the checkpoint shared by u2 and the anonymous event)
    assertEquals(8 + 2 + 2 + 8, rows.size());
  }

  @Test
  void rankingOnlyEmitsExactlyTheRankingRowsOfTheFullContributions() {
    List<Row> events = List.of(
        event("u1", true, true, T, List.of("castle", "night"), List.of("blurry"), List.of("detail")),
        event("u2", true, false, T, List.of("castle"), List.of("dark"), List.of("x")),
        event("u3", false, true, T, List.of(), List.of(), List.of("detail")));
    List<String> all = new ArrayList<>();
    for (Row r : drain(new PairContributions(events.iterator(), COLUMNS, DECAY))) {
      String kind = PairStats.KIND_NAMES.get(r.getByte(1));
      if (kind.equals("keyword_checkpoint") || kind.equals("checkpoint")) {
        all.add(r.toString());
      }
    }
    List<String> only = new ArrayList<>();
    for (Row r : drain(new PairContributions(events.iterator(), COLUMNS, DECAY, true))) {
      only.add(r.toString());
    }
    // u1: night, castle, checkpoint; u2: castle, checkpoint; u3: checkpoint; global: castle, night, checkpoint
    assertEquals(9, only.size());
    assertEquals(new java.util.TreeSet<>(all), new java.util.TreeSet<>(only));
  }

  @Test
  void sumsSeparateKeysThatShareAHashAndKeepSumsAsOfTheNewestEvent() {
    // sorted by hash; keys k1 and k2 collide on hash 7 and interleave
    List<Row> sorted = List.of(
        RowFactory.create("u", (byte) 0, "a", "x", 1L, 0L, 1.0, 0.0, T, 3L),
        RowFactory.create("u", (byte) 0, "a", "x", 0L, 1L, 0.0, 1.0, T - 30 * DAY, 3L),
        RowFactory.create("u", (byte) 1, "k1", "x", 1L, 0L, 1.0, 0.0, T - 60 * DAY, 7L),
        RowFactory.create("v", (byte) 1, "k2", "x", 0L, 1L, 0.0, 1.0, T, 7L),
        RowFactory.create("u", (byte) 1, "k1", "x", 1L, 0L, 1.0, 0.0, T - 30 * DAY, 7L),
        RowFactory.create("*", (byte) 3, "ck", "l", 2L, 0L, 2.0, 0.0, T, 9L));
    List<String> out = new ArrayList<>();
    for (Row r : drain(new PairSums(sorted.iterator(), 9, DECAY))) {
      out.add(String.join("|", r.getString(0), r.getString(1), r.getString(2), r.getString(3))
          + "=" + r.getLong(4) + "/" + r.getLong(5) + "/" + r.getLong(6) + "/" + r.getDouble(7) + "/" + r.getDouble(8)
          + "@" + (PairStats.micros(r.getTimestamp(9).toInstant()) - T) / DAY);
    }
    assertEquals(List.of("u|keyword_checkpoint|a|x=1/1/2/1.0/" + StrictMath.exp(-1) + "@0",
        "u|keyword_lora|k1|x=2/0/2/" + (1 + StrictMath.exp(-1)) + "/0.0@-30", "v|keyword_lora|k2|x=0/1/1/0.0/1.0@0",
        "*|checkpoint_lora|ck|l=2/0/2/2.0/0.0@0"), out);
  }
}

package io.genlake.preference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.genlake.table.GoldParameterStats;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snapshot file: written sorted, read lazily by binary search, the same answers as the data it was built from. */
class ServingSnapshotTest {
  private static final Instant AS_OF = Instant.parse("2026-11-21T00:00:00.000123Z");

  private static ServingSnapshot built() {
    SnapshotData s = new SnapshotData(AS_OF, 30, "data").globalAnchor(Instant.parse("2026-11-07T18:43:08Z"))
        .putGlobal("anime", "A", new PairCounts(1, 7, 0.5, 6.25))
        .putGlobal("anime", "B", new PairCounts(7, 1, 6.5, 0.75))
        .putGlobal("château", "B", new PairCounts(2, 0, 1.5, 0.0)) // non-ASCII key: sorted by UTF-8 bytes
        .putGlobal("zebra", "C", new PairCounts(0, 3, 0.0, 2.0))
        .putCheckpoint("A", new PairCounts(10, 20, 5, 10))
        .putCheckpoint("B", new PairCounts(30, 5, 20, 2))
        .putKeywordLora("anime", "lineart", new PairCounts(5, 1, 4.0, 0.5))
        .putCheckpointLora("B", "lineart", new PairCounts(4, 0, 3.0, 0.0))
        .putParameter(GoldParameterStats.KEYWORD, "anime", new ParameterStat(GoldParameterStats.LORA_STRENGTH,
            "lineart", new ValueStats(5, 0.8, 0.01, 1, 1.2, 0.0)))
        .putParameter(GoldParameterStats.KEYWORD, "anime", new ParameterStat("steps", "", new ValueStats(6, 22, 9, 2,
            35, 1)))
        .putParameter(GoldParameterStats.CHECKPOINT, "B", new ParameterStat(GoldParameterStats.SAMPLER, "Euler a",
            ValueStats.counts(3, 1)))
        .putUser("alice", "anime", "A", new PairCounts(3, 0, 2.5, 0.0))
        .userAnchor("alice", Instant.parse("2026-10-01T00:00:00Z"))
        .putUser("bob", "zebra", "D", new PairCounts(0, 1, 0.0, 1.0)); // a checkpoint without global statistics
    for (int k = 0; k < 50; k++) {
      s.putGlobal("kw" + k, "A", new PairCounts(k, 1, k / 2.0, 0.5));
    }
    return s.build();
  }

  private static Path write(ServingSnapshot s, Path dir) throws Exception {
    Path file = dir.resolve(ServingSnapshot.RELATIVE_PATH);
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file)) {
      s.write(out);
    }
    return file;
  }

  private static void assertSameAnswers(ServingSnapshot expected, ServingSnapshot actual) {
    assertEquals(expected.asOf(), actual.asOf());
    assertEquals(expected.globalAnchor(), actual.globalAnchor());
    assertEquals(expected.checkpointsByPopularity(), actual.checkpointsByPopularity());
    assertEquals(expected.keywords(), actual.keywords());
    assertEquals(expected.pairCount(), actual.pairCount());
    for (String k : List.of("anime", "château", "zebra", "kw0", "kw17", "kw49", "missing", "")) {
      assertEquals(expected.lorasForKeyword(k), actual.lorasForKeyword(k), k);
      assertEquals(expected.parameters(true, k), actual.parameters(true, k), k);
      for (String c : List.of("A", "B", "C", "D", "unknown")) {
        assertEquals(expected.global(k, c), actual.global(k, c), k + " x " + c);
        for (String u : List.of("alice", "bob", "carol")) {
          assertEquals(expected.user(u, k, c), actual.user(u, k, c), u + ": " + k + " x " + c);
        }
      }
    }
    for (String c : List.of("A", "B", "C", "D", "unknown")) {
      assertEquals(expected.checkpointTotals(c), actual.checkpointTotals(c), c);
      assertEquals(expected.lorasForCheckpoint(c), actual.lorasForCheckpoint(c), c);
      assertEquals(expected.parameters(false, c), actual.parameters(false, c), c);
    }
  }

  @Test
  void roundTripGivesTheSameAnswersAndEqualDataGiveEqualBytes(@TempDir Path dir) throws Exception {
    ServingSnapshot s = built();
    Path file = write(s, dir);
    ServingSnapshot read = ServingSnapshot.readIfPresent(dir).orElseThrow();
    assertSameAnswers(s, read);
    assertEquals(new PairCounts(7, 1, 6.5, 0.75), read.global("anime", "B"));
    assertEquals(new PairCounts(0, 1, 0.0, 1.0), read.user("bob", "zebra", "D"));
    assertEquals(PairCounts.NONE, read.global("zebra", "D"));
    assertEquals(new PairCounts(30, 5, 20, 2), read.checkpointTotals("B"));
    assertEquals(List.of(new LoraStats("lineart", new PairCounts(5, 1, 4.0, 0.5), new ValueStats(5, 0.8, 0.01, 1, 1.2,
        0.0))), read.lorasForKeyword("anime"));
    assertEquals(List.of(new LoraStats("lineart", new PairCounts(4, 0, 3.0, 0.0), ValueStats.NONE)),
        read.lorasForCheckpoint("B"));
    assertEquals(List.of(new ParameterStat("steps", "", new ValueStats(6, 22, 9, 2, 35, 1))), read.parameters(true,
        "anime"));
    assertEquals(List.of(new ParameterStat("sampler", "Euler a", ValueStats.counts(3, 1))), read.parameters(false, "B"));
    assertTrue(read.knowsUser("alice"));
    assertFalse(read.knowsUser("carol"));
    assertEquals(Optional.of(Instant.parse("2026-10-01T00:00:00Z")), read.userAnchor("alice"));
    assertEquals(Optional.of(Instant.parse("2026-11-07T18:43:08Z")), read.globalAnchor());
    assertEquals("data", read.anchorMode());
    assertEquals(30.0, read.timeConstantDays(), 0.0);
    // popularity: the checkpoint totals' decayed selections
    assertEquals(List.of("B", "A"), read.checkpointsByPopularity());
    assertTrue(read.knowsKeyword("anime", Optional.empty()));
    assertFalse(read.knowsKeyword("nebula", Optional.of("alice")));
    assertTrue(read.knowsKeyword("zebra", Optional.of("bob")));
    // 4 global pairs of named keywords, 50 kw pairs, 2 user pairs
    assertEquals(4 + 50 + 2, read.pairCount());
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    read.write(again);
    assertArrayEquals(Files.readAllBytes(file), again.toByteArray());
    ByteArrayOutputStream rebuilt = new ByteArrayOutputStream();
    built().write(rebuilt);
    assertArrayEquals(Files.readAllBytes(file), rebuilt.toByteArray());
  }

  @Test
  void aReadSnapshotSerializesAsItsBytes(@TempDir Path dir) throws Exception {
    write(built(), dir);
    ServingSnapshot read = ServingSnapshot.readIfPresent(dir).orElseThrow();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(read);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertSameAnswers(built(), (ServingSnapshot) in.readObject());
    }
  }

  @Test
  void emptyMissingAndForeignFiles(@TempDir Path dir) throws Exception {
    assertTrue(ServingSnapshot.readIfPresent(dir).isEmpty());
    write(new SnapshotData(AS_OF).build(), dir);
    ServingSnapshot read = ServingSnapshot.readIfPresent(dir).orElseThrow();
    assertEquals(PairCounts.NONE, read.global("anime", "A"));
    assertFalse(read.knowsUser("alice"));
    assertEquals(0, read.pairCount());
    assertEquals(List.of(), read.lorasForKeyword("anime"));
    assertEquals(Optional.empty(), read.globalAnchor());
    Path file = dir.resolve(ServingSnapshot.RELATIVE_PATH);
    // a file cut short, or whose counts point past its end, is refused (not read into a huge array)
    byte[] good = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(good, 50));
    UncheckedIOException cut = assertThrows(UncheckedIOException.class, () -> ServingSnapshot.readIfPresent(dir));
    assertTrue(cut.getMessage().contains("the file is truncated"), cut.getMessage());
    byte[] corrupt = good.clone();
    java.nio.ByteBuffer.wrap(corrupt).putInt(good.length - 20, 1_000_000_000); // the checkpoint count (5 counts end the file)
    Files.write(file, corrupt);
    UncheckedIOException counted = assertThrows(UncheckedIOException.class, () -> ServingSnapshot.readIfPresent(dir));
    assertTrue(counted.getMessage().contains("truncated or corrupt"), counted.getMessage());
    Files.writeString(file, "{\"format\":\"genlake-preference-snapshot/1\"}");
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> ServingSnapshot.readIfPresent(dir));
    assertEquals("Cannot read the preference snapshot " + file + ": not a genlake preference snapshot of version 4. "
        + "Re-run `genlake nightly` (or `genlake preference`) to rewrite it.", e.getMessage());
  }
}

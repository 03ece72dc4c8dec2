package io.genlake.preference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snapshot file: written sorted, read lazily by binary search, equal answers to the built maps. */
class ServingSnapshotTest {
  private static final Instant AS_OF = Instant.parse("2026-11-21T00:00:00.000123Z");

  private static ServingSnapshot built() {
    ServingSnapshot s = new ServingSnapshot(AS_OF);
    s.putGlobal("anime", "A", new PairCounts(1, 7, 0.5, 6.25));
    s.putGlobal("anime", "B", new PairCounts(7, 1, 6.5, 0.75));
    s.putGlobal("château", "B", new PairCounts(2, 0, 1.5, 0.0)); // non-ASCII key: sorted by UTF-8 bytes
    s.putGlobal("zebra", "C", new PairCounts(0, 3, 0.0, 2.0));
    for (int k = 0; k < 50; k++) {
      s.putGlobal("kw" + k, "A", new PairCounts(k, 1, k / 2.0, 0.5));
    }
    s.putUser("alice", "anime", "A", new PairCounts(3, 0, 2.5, 0.0));
    s.putUser("bob", "zebra", "D", new PairCounts(0, 1, 0.0, 1.0)); // a checkpoint without global statistics
    return s;
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
    assertEquals(expected.checkpointsByPopularity(), actual.checkpointsByPopularity());
    assertEquals(expected.keywords(), actual.keywords());
    assertEquals(expected.pairCount(), actual.pairCount());
    for (String k : List.of("anime", "château", "zebra", "kw0", "kw17", "kw49", "missing", "")) {
      for (String c : List.of("A", "B", "C", "D", "unknown")) {
        assertEquals(expected.global(k, c), actual.global(k, c), k + " x " + c);
        for (String u : List.of("alice", "bob", "carol")) {
          assertEquals(expected.user(u, k, c), actual.user(u, k, c), u + ": " + k + " x " + c);
        }
      }
    }
  }

  @Test
  void roundTripGivesTheSameAnswersAndEqualFilesGiveEqualBytes(@TempDir Path dir) throws Exception {
    ServingSnapshot s = built();
    Path file = write(s, dir);
    ServingSnapshot read = ServingSnapshot.readIfPresent(dir).orElseThrow();
    assertSameAnswers(s, read);
    assertEquals(new PairCounts(7, 1, 6.5, 0.75), read.global("anime", "B"));
    assertEquals(new PairCounts(0, 1, 0.0, 1.0), read.user("bob", "zebra", "D"));
    assertEquals(PairCounts.NONE, read.global("zebra", "D"));
    assertTrue(read.knowsUser("alice"));
    assertFalse(read.knowsUser("carol"));
    assertEquals(List.of("A", "B", "C"), read.checkpointsByPopularity());
    // writing the read snapshot again gives the same bytes
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    read.write(again);
    assertArrayEquals(Files.readAllBytes(file), again.toByteArray());
  }

  @Test
  void aReadSnapshotIsReadOnlyAndSerializesAsMaps(@TempDir Path dir) throws Exception {
    write(built(), dir);
    ServingSnapshot read = ServingSnapshot.readIfPresent(dir).orElseThrow();
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
        () -> read.putGlobal("x", "A", PairCounts.NONE));
    assertEquals("A snapshot read from a file is read-only; build a new one to add pairs.", e.getMessage());
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
    ServingSnapshot empty = new ServingSnapshot(AS_OF);
    write(empty, dir);
    ServingSnapshot read = ServingSnapshot.readIfPresent(dir).orElseThrow();
    assertEquals(PairCounts.NONE, read.global("anime", "A"));
    assertFalse(read.knowsUser("alice"));
    assertEquals(0, read.pairCount());
    Path file = dir.resolve(ServingSnapshot.RELATIVE_PATH);
    Files.writeString(file, "{\"format\":\"genlake-preference-snapshot/1\"}");
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> ServingSnapshot.readIfPresent(dir));
    assertEquals("Cannot read the preference snapshot " + file + ": not a genlake preference snapshot of version 2. "
        + "Re-run `genlake nightly` (or `genlake preference`) to rewrite it.", e.getMessage());
  }
}

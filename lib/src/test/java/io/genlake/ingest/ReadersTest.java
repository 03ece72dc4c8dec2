package io.genlake.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Byte-range line reading, CSV records, UTF-8 and value parsing: the pure readers under ingestion. */
class ReadersTest {
  @Test
  void rangesTogetherReadEveryLineOnceWithItsNumber(@TempDir Path dir) throws Exception {
    String content = "first\n\nthird line\r\nfourth\nx\nsixth, the longest line of them all\nlast-no-newline";
    Path file = Files.writeString(dir.resolve("f.jsonl"), content);
    long size = Files.size(file);
    List<String> expected = new ArrayList<>();
    String[] lines = content.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      expected.add((i + 1) + ":" + lines[i].replace("\r", ""));
    }
    for (int split = 1; split <= size + 1; split++) {
      List<String> got = new ArrayList<>();
      long next = 1;
      for (long start = 0; start < size; start += split) {
        long end = Math.min(size, start + split);
        long line = next - 1;
        try (LineReader r = new LineReader(file, start, end)) {
          while (r.next()) {
            line++;
            got.add(line + ":" + new String(r.bytes(), 0, r.length(), StandardCharsets.UTF_8));
          }
        }
        next += Splits.lineStarts(file, start, end, size);
      }
      assertEquals(expected, got, "split " + split);
    }
  }

  @Test
  void csvRecordsSpanQuotedNewlinesAndKeepTheirFirstLine(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("f.csv"), "a,b\r\n1,\"x\ny\"\n\n2,\"say \"\"hi\"\"\"\n3,\"open");
    List<String> got = new ArrayList<>();
    try (CsvRecords r = new CsvRecords(file)) {
      while (r.next()) {
        String text = new String(r.bytes(), 0, r.length(), StandardCharsets.UTF_8);
        got.add(r.line() + (r.unterminated() ? "!" : "") + ":" + CsvRecords.cells(text));
      }
    }
    assertEquals(List.of("1:[a, b]", "2:[1, x\ny]", "4:[]", "5:[2, say \"hi\"]", "6!:[]"), got);
    assertEquals(List.of("", "", ""), CsvRecords.cells(",,"));
    assertEquals(List.of(), CsvRecords.cells("\"a\"b,c"));
  }

  @Test
  void utf8ValidationRejectsOverlongsSurrogatesAndTruncation() {
    byte[] ok = "héllo ✓ 𝄞".getBytes(StandardCharsets.UTF_8);
    assertEquals(-1, Utf8.firstInvalid(ok, 0, ok.length));
    assertEquals(11, Utf8.firstInvalid(ok, 0, ok.length - 1));
    assertEquals(0, Utf8.firstInvalid(new byte[] {(byte) 0xC0, (byte) 0x80}, 0, 2));
    assertEquals(1, Utf8.firstInvalid(new byte[] {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80}, 0, 4));
    assertEquals(1, Utf8.firstInvalid(new byte[] {'a', (byte) 0xE2, (byte) 0x9C}, 0, 3));
    assertEquals(0, Utf8.firstInvalid(new byte[] {(byte) 0xFF}, 0, 1));
  }

  @Test
  void utf8ValidationFindsTheBadByteAfterLongAsciiRuns() {
    for (int at = 0; at < 40; at++) {
      byte[] b = ("xx" + "a".repeat(at) + "é" + "b".repeat(20)).getBytes(StandardCharsets.UTF_8);
      assertEquals(-1, Utf8.firstInvalid(b, 2, b.length - 2), "valid at " + at);
      b[2 + at + 1] = 'c'; // é's continuation byte replaced: the lead byte at 2 + at is invalid
      assertEquals(2 + at, Utf8.firstInvalid(b, 2, b.length - 2), "invalid at " + at);
      assertEquals(-1, Utf8.firstInvalid(b, 2, at), "range before it at " + at);
    }
  }

  @Test
  void timestampsAndBooleansFollowTheLandingConventions() {
    assertEquals(Instant.parse("2026-11-20T10:15:00Z"), Values.timestamp("2026-11-20T10:15:00Z").get().toInstant());
    assertEquals(Instant.parse("2026-11-20T10:15:00Z"), Values.timestamp("2026-11-20T11:15:00+01:00").get().toInstant());
    assertEquals(Instant.parse("2026-11-20T10:15:00.250Z"), Values.timestamp("2026-11-20 10:15:00.25").get().toInstant());
    assertEquals(Instant.parse("2026-11-20T10:15:00Z"), Values.timestamp("2026-11-20T10:15:00").get().toInstant());
    assertFalse(Values.timestamp("2026-11-20").isPresent());
    assertFalse(Values.timestamp("20/11/2026 10:15:00").isPresent());
    assertTrue(Values.bool("TRUE").get());
    assertFalse(Values.bool("0").get());
    assertFalse(Values.bool("yes").isPresent());
    assertTrue(Values.isUuid("3F2A9C1E-5b7d-4e8f-9a0b-1c2d3e4f5a6b"));
    assertFalse(Values.isUuid("3f2a9c1e5b7d4e8f9a0b1c2d3e4f5a6b"));
  }
}

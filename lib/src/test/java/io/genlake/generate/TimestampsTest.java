package io.genlake.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimestampsTest {
  @Test
  void formatsLikeJavaTimeAcrossLeapYearsAndMonthEnds() {
    long[] instants = {0L, 951_782_400L, 1_709_164_799L, 1_709_251_200L, 1_795_132_800L, 1_795_132_800L - 1,
        4_107_542_399L};
    for (long s : instants) {
      StringBuilder iso = new StringBuilder();
      Timestamps.isoUtc(iso, s);
      assertEquals(Instant.ofEpochSecond(s).toString(), iso.toString());
      StringBuilder plusOne = new StringBuilder();
      Timestamps.isoPlusOne(plusOne, s);
      assertEquals(s, OffsetDateTime.parse(plusOne).toEpochSecond());
      assertEquals(Instant.ofEpochSecond(s).toString().replace('T', ' ').replace("Z", ""), Timestamps.sqlite(s));
    }
    StringBuilder millis = new StringBuilder();
    Timestamps.isoMillis(millis, 1_795_132_800_042L);
    assertEquals("2026-11-20T00:00:00.042", millis.toString());
  }

  @Test
  void windowEndsAtAFixedDateDerivedFromTheSeed() {
    assertEquals(OffsetDateTime.of(2026, 11, 20, 0, 0, 0, 0, ZoneOffset.UTC).toEpochSecond(), Timestamps.windowEnd(0));
    assertEquals(Timestamps.windowEnd(0) - 12 * 86_400L, Timestamps.windowEnd(42));
    assertEquals(Timestamps.windowEnd(0) - 29 * 86_400L, Timestamps.windowEnd(-1));
  }
}

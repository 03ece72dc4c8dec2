package io.genlake.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The digit-by-digit timestamp reader agrees with java.time's ISO formatters on every value it accepts. */
class ValuesTest {
  @Test
  void theCommonFormReadsAsTheIsoFormatterDoes() {
    List<String> accepted = List.of("2026-11-20T10:00:00Z", "2026-11-20T10:00:00", "2026-11-20T10:00:00.5Z",
        "2026-11-20T10:00:00.123456789Z", "2026-11-20T23:59:59.000001+02:00", "2024-02-29T00:00:00-05:30",
        "1969-12-31T23:59:59.999Z", "1000-01-01T00:00:00Z", "2026-11-20T10:00:00+17:59");
    for (String s : accepted) {
      assertEquals(iso(s), Optional.ofNullable(Values.commonForm(s)), s);
      assertEquals(iso(s), Values.timestamp(s), s);
    }
    assertEquals(Timestamp.from(java.time.Instant.parse("2026-11-20T08:30:00.25Z")),
        Values.commonForm("2026-11-20T10:00:00.25+01:30"));
  }

  @Test
  void anythingElseIsLeftToTheFormatter() {
    List<String> declined = List.of("2026-11-20T10:00:00.Z", "2026-11-20T10:00:00.1234567891Z",
        "2026-11-20T10:00:00+02", "2026-11-20T10:00:00+02:00:00", "2026-11-20t10:00:00Z", "2026-11-20T10:00:00z",
        "2026-02-30T10:00:00Z", "2023-02-29T10:00:00Z", "2026-13-01T10:00:00Z", "2026-11-20T24:00:00Z",
        "2026-11-20T10:60:00Z", "2026-11-20T10:00:60Z", "0999-11-20T10:00:00Z", "2026-11-20T10:00:00+18:00",
        "2026-11-2xT10:00:00Z", "2026-11-20T10:00:00 Z");
    for (String s : declined) {
      assertNull(Values.commonForm(s), s);
      assertEquals(iso(s), Values.timestamp(s), s);
    }
  }

  /** The reference: java.time's ISO formatters, as Values.timestamp used alone before the fast path. */
  private static Optional<Timestamp> iso(String s) {
    try {
      char last = s.charAt(s.length() - 1);
      if (last == 'Z' || last == 'z' || s.indexOf('+', 19) > 0 || s.indexOf('-', 19) > 0) {
        return Optional.of(Timestamp.from(OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant()));
      }
      return Optional.of(Timestamp.from(LocalDateTime.parse(s, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .toInstant(ZoneOffset.UTC)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}

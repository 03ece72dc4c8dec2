package io.genlake.ingest;

import io.genlake.config.IngestConfig;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The limits a record must respect, shipped to tasks: its size and its strings' length ({@code ingest.*}
 * config), and the latest plausible timestamp, {@code ingest.max_future_days} after the later of the run date
 * and today (a timestamp after it is quarantined as out of range).
 */
record Limits(int maxRecordBytes, int maxStringLength, long latestMillis) implements Serializable {
  /** Limits without a bound on future timestamps (tests of the other rules). */
  Limits(int maxRecordBytes, int maxStringLength) {
    this(maxRecordBytes, maxStringLength, Long.MAX_VALUE);
  }

  static Limits of(IngestConfig config, LocalDate runDate, Instant now) {
    LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
    LocalDate from = runDate.isAfter(today) ? runDate : today;
    long latest = from.plusDays(config.maxFutureDays() + 1L).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    return new Limits(config.maxRecordBytes(), config.maxStringLength(), latest);
  }

  /** The latest plausible time, ISO-8601 ({@code 2027-12-06T00:00:00Z}). */
  String latest() {
    return latestMillis == Long.MAX_VALUE ? "the end of time" : Instant.ofEpochMilli(latestMillis).toString();
  }
}

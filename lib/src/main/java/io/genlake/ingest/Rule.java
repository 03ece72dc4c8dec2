package io.genlake.ingest;

import java.util.Locale;

/** The validation rules a landing record can break; each rejected record is quarantined with one of these ids. */
enum Rule {
  /** A JSON Lines line that is not one valid JSON object. */
  MALFORMED_JSON,
  /** A CSV record with an unterminated quote or a different number of cells than the header. */
  MALFORMED_CSV,
  /** Bytes that are not valid UTF-8. */
  INVALID_UTF8,
  /** A record (line, CSV record, SQLite row) larger than {@code ingest.max_record_bytes}. */
  RECORD_TOO_LARGE,
  /** A required field absent, null or empty. */
  MISSING_FIELD,
  /** A value of the wrong type: text where a number is expected, a bad timestamp or UUID, ... */
  WRONG_TYPE,
  /** A number outside its allowed range. */
  OUT_OF_RANGE,
  /** A value outside a closed enumeration. */
  UNKNOWN_ENUM,
  /** A string longer than {@code ingest.max_string_length}. */
  STRING_TOO_LONG,
  /** Fields that contradict each other (e.g. both {@code selected} and {@code rejected} true). */
  INCONSISTENT_FIELDS;

  /** The id stored in {@code quarantine.*.rule}, e.g. {@code out_of_range}. */
  String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}

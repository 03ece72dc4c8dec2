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
  INCONSISTENT_FIELDS,
  /** A JSON number beyond the range a double holds (e.g. {@code 1e999}), or written with over 1,000 characters. */
  NUMBER_OUT_OF_RANGE,
  /** JSON objects and lists nested deeper than 1,000 levels (Jackson's limit). */
  NESTING_TOO_DEEP,
  /** The same key twice in one JSON object: which value holds would be the parser's choice. */
  DUPLICATE_KEY,
  /** An escaped lone UTF-16 surrogate ({@code "\ud800"}): text that is no sequence of Unicode characters. */
  INVALID_UNICODE,
  /** A record no other rule describes that could not be validated (a defect to report); kept, never thrown. */
  INVALID_RECORD;

  /** The id stored in {@code quarantine.*.rule}, e.g. {@code out_of_range}. */
  String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}

package io.genlake.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads and checks a CSV file's header row: present, valid UTF-8, well quoted, non-empty unique names. */
final class CsvHeader {
  private CsvHeader() {}

  /** The header's column names; throws {@link UnreadableSourceException} naming the file when unusable. */
  static List<String> read(Path file, String source) {
    try (CsvRecords records = new CsvRecords(file)) {
      if (!records.next()) {
        throw unreadable(source, "the file is empty; a CSV export needs a header row");
      }
      byte[] b = records.bytes();
      int len = records.length();
      if (len >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
        b = java.util.Arrays.copyOfRange(b, 3, len);
        len -= 3;
      }
      if (Utf8.firstInvalid(b, 0, len) >= 0) {
        throw unreadable(source, "its header row is not valid UTF-8; save the export as UTF-8");
      }
      List<String> names = records.unterminated() ? List.of()
          : CsvRecords.cells(new String(b, 0, len, StandardCharsets.UTF_8));
      if (names.isEmpty()) {
        throw unreadable(source, "its header row is not valid CSV (a quoted name is not closed)");
      }
      Set<String> seen = new HashSet<>();
      for (String n : names) {
        if (n.isBlank()) {
          throw unreadable(source, "its header row has an empty column name");
        }
        if (!seen.add(n.trim())) {
          throw unreadable(source, "its header row names column " + n.trim() + " twice");
        }
      }
      return names.stream().map(String::trim).toList();
    } catch (IOException e) {
      throw unreadable(source, "the file cannot be read (" + e.getMessage() + ")");
    }
  }

  private static UnreadableSourceException unreadable(String source, String why) {
    return new UnreadableSourceException("Cannot ingest " + source + ": " + why + ". Fix or remove the file.");
  }
}

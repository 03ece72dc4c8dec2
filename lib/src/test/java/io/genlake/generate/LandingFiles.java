package io.genlake.generate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Test-side reader of generated landing data, written independently of the generator's writers: JSON Lines
 * through Jackson, CSV through a small RFC 4180 splitter, SQLite through JDBC. Each record comes back as a
 * map of field to value (JSON values, CSV text, SQLite values), or with the text-level problem that stops it
 * from being read (invalid UTF-8, malformed JSON, wrong CSV cell count).
 */
final class LandingFiles {
  static final ObjectMapper JSON = new ObjectMapper();

  /** One landing record. {@code fields} is null when {@code problem} is set. */
  record Line(String format, String file, Map<String, Object> fields, String problem) {}

  private LandingFiles() {}

  static List<Line> read(Path root, Kind kind) {
    List<Line> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(root.resolve(kind.folder))) {
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString();
        if (name.endsWith(".jsonl")) {
          readJsonl(f, out);
        } else if (name.endsWith(".csv")) {
          readCsv(f, out);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    readSqlite(root, kind, out);
    return out;
  }

  private static void readJsonl(Path f, List<Line> out) throws IOException {
    for (byte[] bytes : lines(Files.readAllBytes(f))) {
      String text = decode(bytes);
      if (text == null) {
        out.add(new Line("jsonl", f.toString(), null, "invalid_utf8"));
        continue;
      }
      try {
        out.add(new Line("jsonl", f.toString(), JSON.readValue(text, new TypeReference<Map<String, Object>>() {}), null));
      } catch (IOException e) {
        out.add(new Line("jsonl", f.toString(), null, "malformed_json"));
      }
    }
  }

  private static void readCsv(Path f, List<Line> out) throws IOException {
    List<byte[]> lines = lines(Files.readAllBytes(f));
    List<String> header = cells(decode(lines.get(0)));
    for (byte[] bytes : lines.subList(1, lines.size())) {
      String text = decode(bytes);
      if (text == null) {
        out.add(new Line("csv", f.toString(), null, "invalid_utf8"));
        continue;
      }
      List<String> cells = cells(text);
      if (cells.size() != header.size()) {
        out.add(new Line("csv", f.toString(), null, "malformed_csv"));
        continue;
      }
      Map<String, Object> row = new LinkedHashMap<>();
      for (int i = 0; i < cells.size(); i++) {
        row.put(header.get(i), cells.get(i));
      }
      out.add(new Line("csv", f.toString(), row, null));
    }
  }

  /** RFC 4180 cells of one line; an empty unquoted cell is null, a quoted empty cell is "". */
  static List<String> cells(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
        wasQuoted = true;
      } else if (c == ',') {
        cells.add(cell.length() == 0 && !wasQuoted ? null : cell.toString());
        cell.setLength(0);
        wasQuoted = false;
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.length() == 0 && !wasQuoted ? null : cell.toString());
    return cells;
  }

  private static void readSqlite(Path root, Kind kind, List<Line> out) {
    String db;
    String table;
    switch (kind) {
      case SESSIONS -> { db = "metadata.db"; table = "sessions"; }
      case IMAGE_RATINGS -> { db = "metadata.db"; table = "images"; }
      case PREFERENCE_EVENTS -> { db = "preferences.db"; table = "user_preferences"; }
      case FEEDBACK -> { db = "generation_history.db"; table = "generation_attempts"; }
      default -> { return; }
    }
    Path file = root.resolve("sqlite").resolve(db);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY rowid")) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          String name = md.getColumnName(i);
          Object v = rs.getObject(i);
          row.put(name.equals("id") ? kind.fields[0] : name, v instanceof Number n && name.equals("id") ? n.toString() : v);
        }
        if (kind == Kind.PREFERENCE_EVENTS) {
          Object sel = row.remove("selected");
          Object rej = row.remove("rejected");
          row.put("action", Integer.valueOf(1).equals(sel) ? "selected" : Integer.valueOf(1).equals(rej) ? "rejected" : null);
        }
        out.add(new Line("sqlite", file.toString(), row, null));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String decode(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static List<byte[]> lines(byte[] all) {
    List<byte[]> out = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < all.length; i++) {
      if (all[i] == '\n') {
        out.add(java.util.Arrays.copyOfRange(all, from, i));
        from = i + 1;
      }
    }
    return out;
  }

  /** A value as text (CSV and SQLite cells, JSON scalars), or null. */
  static String text(Object v) {
    return v == null ? null : v.toString();
  }

  /** Parses JSON text found in a CSV or SQLite cell; JSON values pass through. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object v) {
    if (v == null) {
      return Map.of();
    }
    if (v instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    try {
      return JSON.readValue(v.toString(), new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      throw new IllegalStateException("not a JSON object: " + v, e);
    }
  }
}

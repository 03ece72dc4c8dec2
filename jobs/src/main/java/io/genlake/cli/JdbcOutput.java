package io.genlake.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Prints a JDBC result (from the SQL endpoint) the way {@code genlake sql} prints a Spark result: the table format of
 * Spark's {@code Dataset.show} (borders, right-aligned cells cut at {@code width} characters, NULL, "only showing top N
 * rows"), CSV as {@link Csv}, JSON Lines as Spark's {@code toJSON} (nulls left out, timestamps as
 * {@code yyyy-MM-dd'T'HH:mm:ss.SSSZ} in the session's UTC). Arrays, maps and structs arrive as Hive's JSON text and are
 * printed as such. Cost: the rows printed, streamed (the table format holds at most {@code limit + 1}).
 */
final class JdbcOutput {
  /** Characters Spark's {@code show} counts as two columns wide (its {@code Utils.stringHalfWidth}). */
  private static final Pattern FULL_WIDTH = Pattern.compile(
      "[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE10-\uFE19\uFE30-\uFE6F\uFF00-\uFF60\uFFE0-\uFFE6]");
  private static final DateTimeFormatter HIVE_TIMESTAMP = new DateTimeFormatterBuilder()
      .appendPattern("yyyy-MM-dd HH:mm:ss").optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
      .optionalEnd().toFormatter();
  private static final DateTimeFormatter JSON_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");
  private static final ObjectMapper JSON = new ObjectMapper();

  private JdbcOutput() {}

  /** Spark's {@code showString(limit, width, false)} of the result; returns the rows printed. */
  static long table(ResultSet rs, int limit, int width, PrintStream out) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      header.add(cut(escape(md.getColumnLabel(i)), width));
    }
    rows.add(header);
    boolean more = false;
    while (rs.next()) {
      if (rows.size() > limit) {
        more = true;
        break;
      }
      List<String> row = new ArrayList<>(n);
      for (int i = 1; i <= n; i++) {
        String v = rs.getString(i);
        row.add(cut(v == null ? "NULL" : escape(v), width));
      }
      rows.add(row);
    }
    int[] widths = new int[n];
    java.util.Arrays.fill(widths, 3);
    for (List<String> row : rows) {
      for (int i = 0; i < n; i++) {
        widths[i] = Math.max(widths[i], halfWidth(row.get(i)));
      }
    }
    StringBuilder sb = new StringBuilder();
    StringBuilder sep = new StringBuilder("+");
    for (int w : widths) {
      sep.append("-".repeat(w)).append('+');
    }
    sep.append('\n');
    sb.append(sep);
    for (int r = 0; r < rows.size(); r++) {
      sb.append('|');
      for (int i = 0; i < n; i++) {
        String cell = rows.get(r).get(i);
        String pad = " ".repeat(widths[i] - halfWidth(cell));
        sb.append(width > 0 ? pad + cell : cell + pad).append('|');
      }
      sb.append('\n');
      if (r == 0) {
        sb.append(sep);
      }
    }
    sb.append(sep);
    if (more) {
      sb.append("only showing top ").append(limit).append(limit == 1 ? " row\n" : " rows\n");
    }
    out.print(sb);
    return rows.size() - 1L;
  }

  /** RFC 4180 CSV with a header line, cells as {@link Csv#cells} writes Spark's values; returns the rows printed. */
  static long csv(ResultSet rs, PrintStream out) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    List<String> header = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      header.add(md.getColumnLabel(i));
    }
    out.println(Csv.line(header));
    long rows = 0;
    while (rs.next()) {
      List<String> cells = new ArrayList<>(n);
      for (int i = 1; i <= n; i++) {
        // java.sql.Timestamp's text ("... 10:53:23.0"), as String.valueOf prints the value a Spark Row holds
        Object v = md.getColumnType(i) == Types.TIMESTAMP ? rs.getTimestamp(i) : rs.getObject(i);
        cells.add(v == null ? "" : String.valueOf(v));
      }
      out.println(Csv.line(cells));
      rows++;
    }
    return rows;
  }

  /** JSON Lines as Spark's {@code toJSON} writes them, tidied by {@link JsonOutput#tidy}; returns the rows printed. */
  static long json(ResultSet rs, PrintStream out) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    long rows = 0;
    while (rs.next()) {
      ObjectNode o = JSON.createObjectNode();
      for (int i = 1; i <= n; i++) {
        String name = md.getColumnLabel(i);
        Object v = rs.getObject(i);
        if (v == null) {
          continue;
        }
        switch (md.getColumnType(i)) {
          case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.FLOAT, Types.DOUBLE, Types.DECIMAL,
              Types.NUMERIC -> o.put(name, new java.math.BigDecimal(v.toString()));
          case Types.BOOLEAN -> o.put(name, (Boolean) v);
          case Types.TIMESTAMP -> o.put(name, JSON_TIMESTAMP.format(LocalDateTime.parse(rs.getString(i), HIVE_TIMESTAMP)));
          case Types.ARRAY, Types.STRUCT, Types.JAVA_OBJECT, Types.OTHER -> o.set(name, parsed(rs.getString(i)));
          default -> o.put(name, rs.getString(i));
        }
      }
      out.println(JsonOutput.tidy(o.toString()));
      rows++;
    }
    return rows;
  }

  private static JsonNode parsed(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      return JSON.getNodeFactory().textNode(text);
    }
  }

  /** Spark's {@code SchemaUtils.escapeMetaCharacters}. */
  static String escape(String s) {
    return s.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t").replace("\f", "\\f")
        .replace("\b", "\\b").replace("\u000B", "\\v").replace("\u0007", "\\a");
  }

  private static String cut(String s, int width) {
    if (width <= 0 || s.length() <= width) {
      return s;
    }
    return width < 4 ? s.substring(0, width) : s.substring(0, width - 3) + "...";
  }

  private static int halfWidth(String s) {
    int extra = 0;
    var m = FULL_WIDTH.matcher(s);
    while (m.find()) {
      extra++;
    }
    return s.length() + extra;
  }
}

package io.genlake.generate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;

/**
 * The source apps' SQLite databases under {@code sqlite/}, created with the seeds' own DDL through
 * sqlite-jdbc: {@code metadata.db} (seed 002: sessions, images, analytics_cache and indexes),
 * {@code generation_history.db} (seed 004: generation_attempts) and {@code preferences.db} (seed 003:
 * user_preferences). One transaction per database, PreparedStatement batches; every value is bound, never
 * concatenated. Every column is written explicitly (no CURRENT_TIMESTAMP default), so files are reproducible.
 */
final class SqliteSink implements AutoCloseable {
  static final String METADATA_DB = "metadata.db";
  static final String HISTORY_DB = "generation_history.db";
  static final String PREFERENCES_DB = "preferences.db";
  private static final int BATCH = 2000;
  private static final long BAD_ID_BASE = 1_000_000_000L;

  private final Map<Kind, Table> tables = new EnumMap<>(Kind.class);
  private final Connection metadata;
  private final Connection history;
  private final Connection preferences;

  /** One table: its insert statement, its columns, and pending batch size. */
  private static final class Table {
    final PreparedStatement insert;
    final String[] columns;
    int pending;

    Table(Connection c, String table, String[] columns) throws SQLException {
      this.columns = columns;
      StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (");
      sql.append(String.join(", ", columns)).append(") VALUES (");
      for (int i = 0; i < columns.length; i++) {
        sql.append(i == 0 ? "?" : ", ?");
      }
      this.insert = c.prepareStatement(sql.append(')').toString());
    }
  }

  /** Creates the databases under {@code dir} (the landing's sqlite/, or a batch folder inside it). */
  SqliteSink(Path dir, Tally tally) throws SQLException {
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new SQLException("Cannot create " + dir + ": " + e.getMessage(), e);
    }
    metadata = open(dir.resolve(METADATA_DB), SqliteSchemas.METADATA_DDL);
    history = open(dir.resolve(HISTORY_DB), SqliteSchemas.HISTORY_DDL);
    preferences = open(dir.resolve(PREFERENCES_DB), SqliteSchemas.PREFERENCES_DDL);
    tables.put(Kind.SESSIONS, new Table(metadata, "sessions", SqliteSchemas.SESSIONS_COLUMNS));
    tables.put(Kind.IMAGE_RATINGS, new Table(metadata, "images", SqliteSchemas.IMAGES_COLUMNS));
    tables.put(Kind.FEEDBACK, new Table(history, "generation_attempts", SqliteSchemas.ATTEMPTS_COLUMNS));
    tables.put(Kind.PREFERENCE_EVENTS, new Table(preferences, "user_preferences", SqliteSchemas.PREFERENCES_COLUMNS));
    for (Kind kind : tables.keySet()) {
      tally.file(kind);
    }
  }

  /** Inserts a good row of {@code kind} (sessions, image ratings, preference events or feedback). */
  void write(Kind kind, Object[] row) throws SQLException {
    Table t = table(kind);
    bind(kind, t, row);
  }

  /** Inserts a bad row: re-keyed with a fresh id (so unique constraints hold) and corrupted by {@code rule}. */
  void writeBad(Kind kind, Object[] row, BadRule rule, long badNumber) throws SQLException {
    Object[] bad = row.clone();
    if (kind.uuidKey()) {
      bad[0] = kind.badKey(row[0], badNumber);
    } else {
      bad[0] = Long.toString(BAD_ID_BASE + badNumber);
    }
    if (kind == Kind.IMAGE_RATINGS) {
      int f = kind.index("filename");
      bad[f] = bad[f] + ".bad-" + badNumber;
    } else if (kind == Kind.SESSIONS) {
      int f = kind.index("folder_name");
      bad[f] = bad[f] + "-bad-" + badNumber;
    }
    rule.corrupt(kind, bad);
    bind(kind, table(kind), bad);
  }

  private void bind(Kind kind, Table t, Object[] row) throws SQLException {
    for (int c = 0; c < t.columns.length; c++) {
      t.insert.setObject(c + 1, sqlValue(column(kind, t.columns[c], row)));
    }
    t.insert.addBatch();
    if (++t.pending >= BATCH) {
      t.insert.executeBatch();
      t.pending = 0;
    }
  }

  /** The value of one seed column, from the row's landing fields. */
  private static Object column(Kind kind, String column, Object[] row) {
    switch (column) {
      case "id":
        Object id = row[0];
        return kind == Kind.FEEDBACK ? id : Long.valueOf((String) id);
      case "created_at_real":
        return row[kind.index("created_at")];
      case "updated_at":
        Object updated = row[kind.index("updated_at")];
        return updated != null ? updated : row[kind.index("created_at")];
      case "selected":
        return action(row, "selected");
      case "rejected":
        return action(row, "rejected");
      case "session_id":
        return kind == Kind.IMAGE_RATINGS ? Long.valueOf((String) row[kind.index("session_id")]) : null;
      default:
        return row[kind.index(column)];
    }
  }

  private static Object action(Object[] row, String which) {
    Object action = row[Kind.PREFERENCE_EVENTS.index("action")];
    return action == null ? null : which.equals(action);
  }

  private static Object sqlValue(Object v) {
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    if (v instanceof String[] list) {
      return Json.array(list);
    }
    if (v instanceof Json.Raw raw) {
      return raw.json();
    }
    return v;
  }

  private Table table(Kind kind) {
    Table t = tables.get(kind);
    if (t == null) {
      throw new IllegalArgumentException(kind.label + " has no SQLite table");
    }
    return t;
  }

  private static Connection open(Path file, String[] ddl) throws SQLException {
    try {
      // overwrite a same-named file as the other writers do: an empty file is a new SQLite database
      Files.write(file, new byte[0]);
    } catch (java.io.IOException e) {
      throw new SQLException("Cannot write " + file + ": " + e.getMessage(), e);
    }
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
    try (Statement s = c.createStatement()) {
      for (String statement : ddl) {
        s.execute(statement);
      }
    }
    c.setAutoCommit(false);
    return c;
  }

  @Override
  public void close() throws SQLException {
    for (Table t : tables.values()) {
      if (t.pending > 0) {
        t.insert.executeBatch();
      }
      t.insert.close();
    }
    for (Connection c : new Connection[] {metadata, history, preferences}) {
      c.commit();
      c.close();
    }
  }
}

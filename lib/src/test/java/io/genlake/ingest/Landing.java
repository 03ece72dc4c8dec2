package io.genlake.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Writes small landing fixtures for tests: JSON Lines, CSV and SQLite files with the seeds' schemas. */
final class Landing {
  static final String SESSIONS_DDL = "CREATE TABLE sessions (id INTEGER PRIMARY KEY AUTOINCREMENT, "
      + "folder_name TEXT UNIQUE NOT NULL, created_at DATETIME NOT NULL, is_test BOOLEAN DEFAULT 0, "
      + "is_failed BOOLEAN DEFAULT 0, is_archived BOOLEAN DEFAULT 0, metadata JSON, display_name TEXT, notes TEXT, "
      + "is_deleted BOOLEAN DEFAULT 0, created_at_real DATETIME DEFAULT CURRENT_TIMESTAMP, "
      + "updated_at DATETIME DEFAULT CURRENT_TIMESTAMP)";
  static final String IMAGES_DDL = "CREATE TABLE images (id INTEGER PRIMARY KEY AUTOINCREMENT, "
      + "session_id INTEGER NOT NULL, filename TEXT NOT NULL, status TEXT DEFAULT 'ok', technical_quality TEXT, "
      + "is_liked BOOLEAN DEFAULT 0, failure_category TEXT, failure_notes TEXT, metadata JSON, ml_predictions JSON, "
      + "notes TEXT, is_deleted BOOLEAN DEFAULT 0, created_at DATETIME DEFAULT CURRENT_TIMESTAMP, "
      + "updated_at DATETIME DEFAULT CURRENT_TIMESTAMP, UNIQUE(session_id, filename))";
  static final String ATTEMPTS_DDL = "CREATE TABLE generation_attempts (id TEXT PRIMARY KEY, timestamp TEXT NOT NULL, "
      + "material TEXT NOT NULL, category TEXT NOT NULL, model_name TEXT, gen_prompt_length INTEGER, "
      + "guidance_scale REAL, contamination_uniformity INTEGER, view_mode TEXT, patterns_used TEXT, "
      + "feedback_applied BOOLEAN, feedback_text TEXT, feedback_category TEXT, feedback_source TEXT, "
      + "val_prompt_length INTEGER, val_truncated BOOLEAN, realism_score INTEGER, passed BOOLEAN, "
      + "physics_issues TEXT, red_flags TEXT, failure_category TEXT, retry_count INTEGER, final_success BOOLEAN, "
      + "image_path TEXT, image_size_kb REAL, notes TEXT)";
  static final String PREFERENCES_DDL = "CREATE TABLE user_preferences (id INTEGER PRIMARY KEY AUTOINCREMENT, "
      + "user_id TEXT, prompt TEXT, negative_prompt TEXT, keywords TEXT, checkpoint TEXT, loras TEXT, "
      + "selected BOOLEAN, rejected BOOLEAN, model_family TEXT, task_type TEXT, generation_id TEXT, "
      + "created_at DATETIME DEFAULT CURRENT_TIMESTAMP)";

  private Landing() {}

  /** Writes {@code lines} (joined with \n, trailing newline) to {@code landing/rel}. */
  static Path lines(Path landing, String rel, String... lines) {
    return bytes(landing, rel, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  static Path bytes(Path landing, String rel, byte[] content) {
    try {
      Path file = landing.resolve(rel);
      Files.createDirectories(file.getParent());
      Files.write(file, content);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates {@code landing/rel} as a SQLite database with {@code ddl} and inserts {@code rows} (bound values). */
  static void sqlite(Path landing, String rel, String ddl, String insert, List<Object[]> rows) {
    try {
      Path file = landing.resolve(rel);
      Files.createDirectories(file.getParent());
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
        try (Statement s = c.createStatement()) {
          s.execute(ddl);
        }
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement(insert)) {
          for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
              ps.setObject(i + 1, row[i]);
            }
            ps.addBatch();
          }
          ps.executeBatch();
        }
        c.commit();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}

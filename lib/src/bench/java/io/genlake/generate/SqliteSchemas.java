package io.genlake.generate;

/** The seeds' SQLite DDL, verbatim in structure (seed 002 metadata.db, seed 004 generation_history.db, seed 003 user_preferences). */
public final class SqliteSchemas {
  private SqliteSchemas() {}

  /** Seed 002's metadata.db: sessions, images, analytics_cache and the nine indexes, as printed in the seed. */
  public static final String[] METADATA_DDL = {
      """
      CREATE TABLE sessions (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          folder_name TEXT UNIQUE NOT NULL,
          created_at DATETIME NOT NULL,
          is_test BOOLEAN DEFAULT 0,
          is_failed BOOLEAN DEFAULT 0,
          is_archived BOOLEAN DEFAULT 0,
          metadata JSON,
          display_name TEXT,
          notes TEXT,
          is_deleted BOOLEAN DEFAULT 0,
          created_at_real DATETIME DEFAULT CURRENT_TIMESTAMP,
          updated_at DATETIME DEFAULT CURRENT_TIMESTAMP
      )""",
      """
      CREATE TABLE images (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          session_id INTEGER NOT NULL,
          filename TEXT NOT NULL,
          status TEXT DEFAULT 'ok',
          technical_quality TEXT,
          is_liked BOOLEAN DEFAULT 0,
          failure_category TEXT,
          failure_notes TEXT,
          metadata JSON,
          ml_predictions JSON,
          notes TEXT,
          is_deleted BOOLEAN DEFAULT 0,
          created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
          updated_at DATETIME DEFAULT CURRENT_TIMESTAMP,
          FOREIGN KEY (session_id) REFERENCES sessions(id) ON DELETE CASCADE,
          UNIQUE(session_id, filename)
      )""",
      """
      CREATE TABLE analytics_cache (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          cache_key TEXT UNIQUE NOT NULL,
          cache_value JSON,
          computed_at DATETIME DEFAULT CURRENT_TIMESTAMP
      )""",
      "CREATE INDEX idx_sessions_test ON sessions(is_test)",
      "CREATE INDEX idx_sessions_failed ON sessions(is_failed)",
      "CREATE INDEX idx_sessions_archived ON sessions(is_archived)",
      "CREATE INDEX idx_sessions_deleted ON sessions(is_deleted)",
      "CREATE INDEX idx_images_status ON images(status)",
      "CREATE INDEX idx_images_liked ON images(is_liked)",
      "CREATE INDEX idx_images_technical ON images(technical_quality)",
      "CREATE INDEX idx_images_deleted ON images(is_deleted)",
      "CREATE INDEX idx_images_session ON images(session_id)"};

  static final String[] SESSIONS_COLUMNS = {"id", "folder_name", "created_at", "is_test", "is_failed",
      "is_archived", "metadata", "display_name", "notes", "is_deleted", "created_at_real", "updated_at"};
  static final String[] IMAGES_COLUMNS = {"id", "session_id", "filename", "status", "technical_quality",
      "is_liked", "failure_category", "failure_notes", "metadata", "ml_predictions", "notes", "is_deleted",
      "created_at", "updated_at"};

  static final String[] HISTORY_DDL = {
      """
      CREATE TABLE generation_attempts (
          id TEXT PRIMARY KEY,
          timestamp TEXT NOT NULL,
          material TEXT NOT NULL,
          category TEXT NOT NULL,
          gen_prompt_length INTEGER,
          guidance_scale REAL,
          contamination_uniformity INTEGER,
          view_mode TEXT,
          patterns_used TEXT,
          feedback_applied BOOLEAN,
          feedback_text TEXT,
          feedback_category TEXT,
          feedback_source TEXT,
          val_prompt_length INTEGER,
          val_truncated BOOLEAN,
          realism_score INTEGER,
          passed BOOLEAN,
          physics_issues TEXT,
          red_flags TEXT,
          failure_category TEXT,
          retry_count INTEGER,
          final_success BOOLEAN,
          image_path TEXT,
          image_size_kb REAL,
          notes TEXT
      )"""};

  /** Seed 004's columns (model_name is a landing field the seed's table does not have). */
  static final String[] ATTEMPTS_COLUMNS = {"id", "timestamp", "material", "category", "gen_prompt_length",
      "guidance_scale", "contamination_uniformity", "view_mode", "patterns_used", "feedback_applied",
      "feedback_text", "feedback_category", "feedback_source", "val_prompt_length", "val_truncated",
      "realism_score", "passed", "physics_issues", "red_flags", "failure_category", "retry_count",
      "final_success", "image_path", "image_size_kb", "notes"};

  static final String[] PREFERENCES_DDL = {
      """
      CREATE TABLE user_preferences (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          user_id TEXT,
          prompt TEXT,
          negative_prompt TEXT,
          keywords JSON,
          checkpoint TEXT,
          loras JSON,
          selected BOOLEAN,
          rejected BOOLEAN,
          model_family TEXT,
          task_type TEXT,
          generation_id TEXT,
          created_at DATETIME
      )"""};

  static final String[] PREFERENCES_COLUMNS = {"id", "user_id", "prompt", "negative_prompt", "keywords",
      "checkpoint", "loras", "selected", "rejected", "model_family", "task_type", "generation_id", "created_at"};
}

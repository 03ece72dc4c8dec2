package io.genlake.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;

/**
 * Writes seed 002's migration-size {@code sqlite/metadata.db} (sessions and images tables with the seed's schema,
 * JSON metadata, 0/1 booleans, DATETIME text) for {@code bench ingest --seed002}. Deterministic for a seed.
 */
final class Seed002Migration {
  private static final String SESSIONS = "CREATE TABLE sessions (id INTEGER PRIMARY KEY AUTOINCREMENT, "
      + "folder_name TEXT UNIQUE NOT NULL, created_at DATETIME NOT NULL, is_test BOOLEAN DEFAULT 0, "
      + "is_failed BOOLEAN DEFAULT 0, is_archived BOOLEAN DEFAULT 0, metadata JSON, display_name TEXT, notes TEXT, "
      + "is_deleted BOOLEAN DEFAULT 0, created_at_real DATETIME DEFAULT CURRENT_TIMESTAMP, "
      + "updated_at DATETIME DEFAULT CURRENT_TIMESTAMP)";
  private static final String IMAGES = "CREATE TABLE images (id INTEGER PRIMARY KEY AUTOINCREMENT, "
      + "session_id INTEGER NOT NULL, filename TEXT NOT NULL, status TEXT DEFAULT 'ok', technical_quality TEXT, "
      + "is_liked BOOLEAN DEFAULT 0, failure_category TEXT, failure_notes TEXT, metadata JSON, ml_predictions JSON, "
      + "notes TEXT, is_deleted BOOLEAN DEFAULT 0, created_at DATETIME DEFAULT CURRENT_TIMESTAMP, "
      + "updated_at DATETIME DEFAULT CURRENT_TIMESTAMP, UNIQUE(session_id, filename))";
  private static final String[] EXPRESSIONS = {"happy", "angry", "sad", "neutral", "surprised"};
  private static final String[] POSES = {"sitting", "standing", "profile", "walking"};
  private static final String[] QUALITY = {"perfect", "imperfect", null, null};
  private static final String[] FAILURES = {"malformed", "noise", "incomplete", "off_prompt"};

  private Seed002Migration() {}

  static void write(Path landing, int sessions, int images, long seed) throws IOException, SQLException {
    Path file = landing.resolve("sqlite").resolve("metadata.db");
    Files.createDirectories(file.getParent());
    Random rnd = new Random(seed);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      try (Statement s = c.createStatement()) {
        s.execute(SESSIONS);
        s.execute(IMAGES);
      }
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO sessions (folder_name, created_at, is_test, "
          + "is_failed, metadata) VALUES (?, ?, ?, ?, ?)")) {
        for (int i = 0; i < sessions; i++) {
          ps.setString(1, String.format("2026-%02d-%02d_%05d_portrait", 1 + i % 12, 1 + i % 28, i));
          ps.setString(2, String.format("2026-%02d-%02d %02d:%02d:00", 1 + i % 12, 1 + i % 28, i % 24, i % 60));
          ps.setInt(3, rnd.nextInt(10) == 0 ? 1 : 0);
          ps.setInt(4, rnd.nextInt(20) == 0 ? 1 : 0);
          ps.setString(5, "{\"model_name\":\"sd-v1.5\",\"template_name\":\"portrait.yaml\",\"generation_params\":"
              + "{\"cfg_scale\":7.5,\"steps\":30,\"sampler\":\"Euler a\",\"scheduler\":\"karras\"}}");
          ps.addBatch();
        }
        ps.executeBatch();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO images (session_id, filename, status, "
          + "technical_quality, is_liked, failure_category, metadata, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (int i = 0; i < images; i++) {
          boolean ko = rnd.nextInt(5) == 0;
          ps.setInt(1, 1 + i % sessions);
          ps.setString(2, String.format("img_%06d.png", i));
          ps.setString(3, ko ? "ko" : "ok");
          ps.setString(4, QUALITY[rnd.nextInt(QUALITY.length)]);
          ps.setInt(5, rnd.nextInt(8) == 0 ? 1 : 0);
          ps.setString(6, ko ? FAILURES[rnd.nextInt(FAILURES.length)] : null);
          ps.setString(7, "{\"seed\":" + rnd.nextInt(Integer.MAX_VALUE) + ",\"prompt\":\"portrait of a woman, soft "
              + "lighting, detailed face, 8k\",\"negative_prompt\":\"blurry, lowres\",\"variations\":{\"Expression\":\""
              + EXPRESSIONS[rnd.nextInt(EXPRESSIONS.length)] + "\",\"Pose\":\"" + POSES[rnd.nextInt(POSES.length)]
              + "\"},\"dimensions\":[512,768],\"file_size\":1024000}");
          ps.setString(8, String.format("2026-%02d-%02d %02d:%02d:%02d", 1 + i % 12, 1 + i % 28, i % 24, i % 60,
              i % 59));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      c.commit();
    }
  }
}

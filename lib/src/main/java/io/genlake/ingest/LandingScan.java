package io.genlake.ingest;

import io.genlake.ingest.Sources.Fingerprint;
import io.genlake.ingest.Sources.Format;
import io.genlake.ingest.Sources.LandingFile;
import io.genlake.ingest.Sources.SqliteTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds the landing sources of the requested kinds and checks that every one can be read (directory present,
 * CSV header readable, SQLite files really SQLite with readable tables) BEFORE anything is written: a source
 * that cannot be read stops the run with a message naming it. Driver-side; reads only headers and file ends.
 */
final class LandingScan {
  private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
  private static final int FINGERPRINT_SPAN = 64 * 1024;

  /** What was found: files, SQLite tables, their fingerprints, and notes about files left alone. */
  record Found(List<LandingFile> files, List<SqliteTable> tables, List<Fingerprint> fingerprints, List<String> notes) {}

  private LandingScan() {}

  static Found scan(Path landing, Set<Kind> kinds) {
    if (!Files.isDirectory(landing)) {
      throw new UnreadableSourceException("Cannot ingest: the landing directory " + landing
          + " does not exist or is not a directory. Pass --landing DIR or set paths.landing in the config.");
    }
    List<LandingFile> files = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<Fingerprint> prints = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    for (Kind kind : kinds) {
      Path dir = landing.resolve(kind.folder());
      if (!Files.isDirectory(dir)) {
        continue;
      }
      for (Path file : list(dir)) {
        String rel = relative(landing, file);
        Format format = formatOf(file);
        if (format == null) {
          notes.add("ignored " + rel + ": not .jsonl, .json, .ndjson or .csv");
          continue;
        }
        try {
          if (format == Format.CSV) {
            CsvHeader.read(file, rel);
          } else if (!Files.isReadable(file)) {
            throw new UnreadableSourceException("Cannot ingest " + rel + ": the file is not readable. Check its "
                + "permissions.");
          }
          long size = size(file, rel);
          String print = fingerprint(file, rel, size);
          files.add(new LandingFile(kind, format, file, rel, size, print));
          prints.add(new Fingerprint(rel, kind.stream(), print, size));
        } catch (UnreadableSourceException e) {
          unreadable.add(e.getMessage());
        }
      }
    }
    List<SqliteTable> tables = scanSqlite(landing, kinds, prints, notes, unreadable);
    if (unreadable.size() == 1) {
      throw new UnreadableSourceException(unreadable.get(0));
    }
    if (!unreadable.isEmpty()) {
      throw new UnreadableSourceException("Cannot ingest: " + unreadable.size() + " landing sources cannot be read, "
          + "so nothing was written. Fix or remove each of them:\n  - "
          + String.join("\n  - ", unreadable.stream().map(m -> m.replaceFirst("^Cannot ingest ", "")).toList()));
    }
    return new Found(files, tables, prints, notes);
  }

  private static List<SqliteTable> scanSqlite(Path landing, Set<Kind> kinds, List<Fingerprint> prints,
      List<String> notes, List<String> unreadable) {
    Path dir = landing.resolve("sqlite");
    List<SqliteTable> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    for (Path file : list(dir)) {
      String rel = relative(landing, file);
      String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
      if (!(name.endsWith(".db") || name.endsWith(".sqlite") || name.endsWith(".sqlite3"))) {
        notes.add("ignored " + rel + ": not .db, .sqlite or .sqlite3");
        continue;
      }
      try {
        scanSqliteFile(file, rel, kinds, prints, out);
      } catch (UnreadableSourceException e) {
        unreadable.add(e.getMessage());
      }
    }
    return out;
  }

  private static void scanSqliteFile(Path file, String rel, Set<Kind> kinds, List<Fingerprint> prints,
      List<SqliteTable> out) {
    checkMagic(file, rel);
    long size = size(file, rel);
    String print = fingerprint(file, rel, size);
    Set<Stream> streams = new HashSet<>();
    List<SqliteTable> found = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        PreparedStatement names = c.prepareStatement(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
        ResultSet rs = names.executeQuery()) {
      while (rs.next()) {
        String table = rs.getString(1);
        var kind = Kind.ofSqliteTable(table).filter(kinds::contains);
        if (kind.isPresent()) {
          found.add(new SqliteTable(kind.get(), file, table, columns(c, table),
              "sqlite:" + rel + "#" + table));
          streams.add(kind.get().stream());
        }
      }
    } catch (SQLException e) {
      throw new UnreadableSourceException("Cannot ingest " + rel + ": SQLite cannot open it (" + e.getMessage()
          + "). Replace it with a readable copy of the database.", e);
    }
    out.addAll(found);
    for (Stream s : streams) {
      prints.add(new Fingerprint(rel, s, print, size));
    }
  }

  private static List<String> columns(Connection c, String table) throws SQLException {
    List<String> cols = new ArrayList<>();
    // table_info as a table-valued function takes the table name as a bound parameter
    try (PreparedStatement ps = c.prepareStatement("SELECT name FROM pragma_table_info(?) ORDER BY cid")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          cols.add(rs.getString(1));
        }
      }
    }
    return cols;
  }

  private static void checkMagic(Path file, String rel) {
    byte[] head = new byte[SQLITE_MAGIC.length];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      throw new UnreadableSourceException("Cannot ingest " + rel + ": " + e.getMessage(), e);
    }
    if (n < head.length || !java.util.Arrays.equals(head, SQLITE_MAGIC)) {
      throw new UnreadableSourceException("Cannot ingest " + rel + ": it is not a SQLite database (its first bytes "
          + "are not the SQLite header). Files under sqlite/ must be SQLite 3 databases; move other files away.");
    }
  }

  private static List<Path> list(Path dir) {
    try (var walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> {
            String n = p.getFileName().toString();
            return !n.startsWith(".") && !n.startsWith("_");
          })
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UnreadableSourceException("Cannot ingest: cannot list " + dir + " (" + e.getMessage() + ")", e);
    }
  }

  private static Format formatOf(Path file) {
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (n.endsWith(".jsonl") || n.endsWith(".json") || n.endsWith(".ndjson")) {
      return Format.JSON_LINES;
    }
    return n.endsWith(".csv") ? Format.CSV : null;
  }

  private static String relative(Path landing, Path file) {
    return landing.relativize(file).toString().replace('\\', '/');
  }

  private static long size(Path file, String rel) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UnreadableSourceException("Cannot ingest " + rel + ": " + e.getMessage(), e);
    }
  }

  /** Size, modification time and SHA-256 of the first and last 64 KiB: cheap, and changes when content does. */
  private static String fingerprint(Path file, String rel, long size) {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[(int) Math.min(FINGERPRINT_SPAN, size)];
      raf.readFully(buf);
      sha.update(buf);
      if (size > FINGERPRINT_SPAN) {
        raf.seek(Math.max(FINGERPRINT_SPAN, size - FINGERPRINT_SPAN));
        byte[] tail = new byte[(int) (size - raf.getFilePointer())];
        raf.readFully(tail);
        sha.update(tail);
      }
      long mtime = Files.getLastModifiedTime(file).toMillis();
      return size + ":" + mtime + ":" + HexFormat.of().formatHex(sha.digest());
    } catch (IOException e) {
      throw new UnreadableSourceException("Cannot ingest " + rel + ": the file cannot be read (" + e.getMessage()
          + ").", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}

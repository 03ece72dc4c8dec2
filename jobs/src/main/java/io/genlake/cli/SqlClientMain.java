package io.genlake.cli;

import io.genlake.sqlendpoint.EndpointFile;
import io.genlake.sqlendpoint.EnvPasswordAuthenticator;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import picocli.CommandLine;

/**
 * {@code bin/genlake sql}'s first try when a SQL endpoint may be running: parses the same options as
 * {@link SqlCommand}, and when the warehouse's endpoint file names a live server, sends the query there over Hive JDBC
 * (saying so on stderr) and prints the result as {@code sql} does ({@link JdbcOutput}), without starting Spark. Exits
 * with {@link #NOT_HERE} when there is no endpoint, it does not answer, or the command is not one it forwards
 * ({@code --write}, {@code --help}, unparsable options): {@code bin/genlake} then runs {@code sql} as usual.
 */
public final class SqlClientMain {
  /** Exit status meaning "run the query in a process of your own" (EX_TEMPFAIL). */
  static final int NOT_HERE = 75;

  private SqlClientMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    SqlCommand cmd = new SqlCommand();
    CommandLine cl = new CommandLine(cmd).setCaseInsensitiveEnumValuesAllowed(true);
    try {
      cl.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      return notHere(err, "options: " + e.getMessage());
    }
    if (cl.isUsageHelpRequested() || cl.isVersionHelpRequested() || cmd.write) {
      return NOT_HERE;
    }
    Optional<EndpointFile> endpoint;
    try {
      endpoint = EndpointFile.live(cmd.warehouse.warehouseRoot());
    } catch (RuntimeException e) { // e.g. an invalid --config: the usual path reports it
      return notHere(err, e.toString());
    }
    if (endpoint.isEmpty()) {
      return notHere(err, "no live endpoint file");
    }
    String url = endpoint.get().jdbcUrl();
    Connection c;
    try {
      c = endpoint.get().auth()
          ? DriverManager.getConnection(url, System.getenv(EnvPasswordAuthenticator.USER_ENV),
              System.getenv(EnvPasswordAuthenticator.PASSWORD_ENV))
          : DriverManager.getConnection(url, System.getProperty("user.name"), "");
    } catch (SQLException e) {
      err.println("[genlake] sql: the SQL endpoint at " + url + " does not answer (" + e.getMessage()
          + "); running the query here");
      return NOT_HERE;
    }
    err.println("[genlake] sql: via the SQL endpoint at " + url);
    try (c; Statement s = c.createStatement()) {
      if (cmd.format == SqlCommand.Format.TABLE) {
        s.setMaxRows(cmd.limit + 1);
      }
      if (!s.execute(cmd.query)) {
        return 0;
      }
      try (ResultSet rs = s.getResultSet()) {
        switch (cmd.format) {
          case TABLE -> JdbcOutput.table(rs, cmd.limit, cmd.wide ? 0 : SqlCommand.CELL_WIDTH, out);
          case CSV -> JdbcOutput.csv(rs, out);
          case JSON -> JdbcOutput.json(rs, out);
        }
      }
      out.flush();
      return 0;
    } catch (SQLException e) {
      err.println("genlake sql: " + message(e));
      return 1;
    }
  }

  /** {@link #NOT_HERE}, saying why when GENLAKE_DEBUG=1. */
  private static int notHere(PrintStream err, String why) {
    if ("1".equals(System.getenv("GENLAKE_DEBUG"))) {
      err.println("[genlake] sql: not via the SQL endpoint: " + why);
    }
    return NOT_HERE;
  }

  /** The server's message without the Thrift server's "Error running query: java.lang.X: " prefix. */
  static String message(SQLException e) {
    StringBuilder kept = new StringBuilder();
    for (String line : String.valueOf(e.getMessage()).split("\n")) {
      if (line.startsWith("\tat ") || line.startsWith("Caused by: ")) {
        break;
      }
      kept.append(kept.length() > 0 ? "\n" : "").append(line);
    }
    return kept.toString().strip()
        .replaceFirst("^org\\.apache\\.hive\\.service\\.cli\\.HiveSQLException: ", "")
        .replaceFirst("^Error running query: ", "")
        .replaceFirst("^(\\[[A-Z_.]+] )?(java\\.lang\\.IllegalArgumentException|[\\w.]+AnalysisException"
            + "|[\\w.]+ParseException): \\s*", "");
  }
}

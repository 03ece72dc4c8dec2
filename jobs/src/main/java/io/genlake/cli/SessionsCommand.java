package io.genlake.cli;

import io.genlake.failure.FailureAnalytics;
import io.genlake.failure.Views;
import io.genlake.warehouse.Warehouse;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code genlake sessions stats}: seed 002's get_session_stats from gold.session_stats. */
@Command(name = "sessions", mixinStandardHelpOptions = true, description = "Seed 002's generation sessions.",
    subcommands = {SessionsCommand.Stats.class})
final class SessionsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Name a subcommand: stats.");
  }

  /** One session's statistics, or those of the sessions with most outcomes. */
  @Command(name = "stats", mixinStandardHelpOptions = true,
      description = "ok / ko, liked, perfect / imperfect and failure categories of a session (--session id or folder "
          + "name), or of the sessions with most outcomes.")
  static final class Stats implements Callable<Integer> {
    @Mixin WarehouseOptions warehouse;

    @Option(names = "--session", paramLabel = "S", description = "Session id or folder name.")
    Optional<String> session = Optional.empty();

    @Option(names = "--limit", defaultValue = "10", description = "Sessions printed without --session. Default: ${DEFAULT-VALUE}.")
    int limit;

    @Override
    public Integer call() {
      warehouse.quiet = true;
      Warehouse w = Session.openWarehouse("sessions stats", warehouse);
      List<Views.SessionStats> stats = FailureAnalytics.sessionStats(w, session, limit);
      for (Views.SessionStats s : stats) {
        System.out.printf(Locale.ROOT, "%s%s%s: %d outcomes, %d ok, %d ko (%.1f%%), %d liked, %d perfect, %d imperfect%s%n",
            s.sessionId(), s.folderName().map(f -> " " + f).orElse(""), s.model().map(m -> " [" + m + "]").orElse(""),
            s.outcomes(), s.ok(), s.ko(), s.failureRate() * 100, s.liked(), s.perfect(), s.imperfect(),
            s.failuresByCategory().isEmpty() ? "" : ", failures " + s.failuresByCategory());
      }
      System.err.println("[sessions] " + stats.size() + " session(s)" + (stats.isEmpty()
          ? session.map(x -> ": no session " + x + " with outcomes (test and deleted sessions are left out unless "
              + "failure.include_test_sessions)").orElse(" (run `genlake failures analyze` or nightly first)") : ""));
      return 0;
    }
  }
}

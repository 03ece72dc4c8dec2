package io.genlake.cli;

import io.genlake.failure.FailureAnalytics;
import io.genlake.failure.Views;
import io.genlake.warehouse.Warehouse;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code genlake attempts <recent|stats>}: seed 004's recent attempts and pass statistics per model or category. */
@Command(name = "attempts", mixinStandardHelpOptions = true, description = "Seed 004's generation attempts.",
    subcommands = {AttemptsCommand.Recent.class, AttemptsCommand.Stats.class})
final class AttemptsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Name a subcommand: recent or stats.");
  }

  /** Seed 004's get_recent_attempts. */
  @Command(name = "recent", mixinStandardHelpOptions = true, description = "The newest attempts, newest first.")
  static final class Recent implements Callable<Integer> {
    @Mixin WarehouseOptions warehouse;

    @Option(names = {"--n", "-n"}, defaultValue = "10", description = "Attempts printed. Default: ${DEFAULT-VALUE}.")
    int n;

    @Override
    public Integer call() {
      warehouse.quiet = true;
      Warehouse w = Session.openWarehouse("attempts recent", warehouse);
      List<Views.RecentAttempt> recent = FailureAnalytics.recentAttempts(w, n);
      for (Views.RecentAttempt a : recent) {
        System.out.println(a.attemptedAt().toInstant() + "  " + a.material() + " (" + a.category() + ")  "
            + a.realismScore().map(s -> s + "/100").orElse("?/100") + "  " + (a.passed() ? "passed" : "failed"
            + a.failureCategory().map(c -> " (" + c + ")").orElse("")) + "  retry " + a.retryCount()
            + (a.feedbackApplied() ? "  feedback " + a.feedbackCategory().orElse("unspecified") : "")
            + a.model().map(m -> "  " + m).orElse(""));
      }
      System.err.println("[attempts] " + recent.size() + " attempt(s)");
      return 0;
    }
  }

  /** Pass statistics per model or material category (gold.category_stats). */
  @Command(name = "stats", mixinStandardHelpOptions = true,
      description = "Attempts, pass rate with its 95% Wilson interval and average score per model or material category.")
  static final class Stats implements Callable<Integer> {
    enum By { MODEL, CATEGORY }

    @Mixin WarehouseOptions warehouse;

    @Option(names = "--by", defaultValue = "model", description = "model or category. Default: ${DEFAULT-VALUE}.")
    By by;

    @Override
    public Integer call() {
      warehouse.quiet = true;
      Warehouse w = Session.openWarehouse("attempts stats", warehouse);
      List<Views.GroupStats> stats = FailureAnalytics.groupStats(w, "attempt",
          by == By.MODEL ? "model" : "material_category");
      for (Views.GroupStats s : stats) {
        System.out.printf(Locale.ROOT, "%s: %d attempts, %.1f%% pass rate (95%% interval %.1f%% to %.1f%%), %s avg score%n",
            s.value(), s.attempts(), s.passRate() * 100, s.ciLow() * 100, s.ciHigh() * 100,
            s.averageScore().map(v -> String.format(Locale.ROOT, "%.1f", v)).orElse("n/a"));
      }
      System.err.println("[attempts] " + stats.size() + " " + (by == By.MODEL ? "model(s)" : "categor(ies)")
          + (stats.isEmpty() ? " (run `genlake failures analyze` or nightly first)" : ""));
      return 0;
    }
  }
}

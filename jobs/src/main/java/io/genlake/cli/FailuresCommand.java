package io.genlake.cli;

import io.genlake.config.FailureConfig;
import io.genlake.failure.FailureAnalytics;
import io.genlake.failure.FailureStep;
import io.genlake.failure.MinedPattern;
import io.genlake.pipeline.Progress;
import io.genlake.pipeline.RunContext;
import io.genlake.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code genlake failures <analyze|patterns>}: failure analytics and seed 002's failure pattern mining. */
@Command(name = "failures", mixinStandardHelpOptions = true,
    description = "Failure analytics: recompute the gold tables, or mine failure patterns on demand.",
    subcommands = {FailuresCommand.Analyze.class, FailuresCommand.Patterns.class, FailuresCommand.AlertsList.class})
final class FailuresCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Name a subcommand: analyze, patterns or alerts.");
  }

  /** {@code genlake failures analyze}: the nightly failure step on its own. */
  @Command(name = "analyze", mixinStandardHelpOptions = true,
      description = {"Update the failure gold tables from silver (what changed since the last run; --full: everything):",
          "outcomes and their additive counts, category_stats, issue_frequency, daily_trends, session_stats,",
          "failure_patterns, failure_mining, alerts, feedback_* tables, parameter_optimization, parameter_correlations,",
          "prediction_confusion. Exit status 4 when failure.alerts.exit_on is met."})
  static final class Analyze implements Callable<Integer> {
    @Mixin WarehouseOptions warehouse;
    @Mixin RunOptions run;

    @Option(names = "--include-test-sessions", description = "Also count sessions flagged test or deleted (seed 002).")
    boolean includeTestSessions;

    @Override
    public Integer call() {
      RunContext ctx = Session.openRunCreating("failure", warehouse, run);
      if (includeTestSessions) {
        ctx = ctx.withConfig(ctx.config().withFailure(ctx.config().failure().withIncludeTestSessions(true)));
      }
      int exit = Genlake.runStep(ctx, new FailureStep(), includeTestSessions ? "--include-test-sessions" : "");
      return exit != 0 ? exit : Alerting.exitStatus(ctx);
    }
  }

  /** {@code genlake failures patterns}: seed 002's analyze_failure_patterns as JSON on standard output. */
  @Command(name = "patterns", mixinStandardHelpOptions = true,
      description = "Mine failure patterns from silver and print them as JSON (seed 002's API shape plus statistics).")
  static final class Patterns implements Callable<Integer> {
    @Mixin WarehouseOptions warehouse;

    @Option(names = "--model", paramLabel = "NAME", description = "Only this model (default: every model).")
    Optional<String> model = Optional.empty();

    @Option(names = "--min-occurrences", paramLabel = "N", description = "Minimum support. Default: 10 (failure.min_occurrences in --config).")
    Optional<Integer> minOccurrences = Optional.empty();

    @Option(names = "--failure-threshold", paramLabel = "T",
        description = "Minimum failure rate, 0..1. Default: 0.7 (failure.failure_threshold in --config).")
    Optional<Double> failureThreshold = Optional.empty();

    @Option(names = "--max-items", paramLabel = "K", description = "Largest pattern size, 1..5. Default: 3 (failure.max_items in --config).")
    Optional<Integer> maxItems = Optional.empty();

    @Option(names = "--alpha", paramLabel = "Q", description = "False discovery rate. Default: 0.05 (failure.alpha in --config).")
    Optional<Double> alpha = Optional.empty();

    @Option(names = "--include-test-sessions", description = "Also count sessions flagged test or deleted.")
    boolean includeTestSessions;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      FailureConfig config = warehouse.config().failure();
      var query = new FailureAnalytics.PatternQuery(model, minOccurrences.orElse(config.minOccurrences()),
          failureThreshold.orElse(config.failureThreshold()), maxItems.orElse(config.maxItems()),
          alpha.orElse(config.alpha()), includeTestSessions || config.includeTestSessions());
      validate(query);
      warehouse.quiet = true;
      Warehouse w = Session.openWarehouse("failures patterns", warehouse);
      var answer = FailureAnalytics.patterns(w, query);
      Progress p = new Progress(System.err, warehouse.quiet);
      answer.counts().counts().forEach((k, v) -> p.step("failures", k + ": " + Progress.count(v)));
      answer.counts().notes().forEach(n -> p.step("failures", n));
      if (answer.patterns().isEmpty()) {
        explainNothing(query, answer);
      }
      System.out.println(JsonOutput.indented(json(answer.patterns())));
      return 0;
    }

    /** Says what was mined and lists the closest candidates with the thresholds each missed. */
    private static void explainNothing(FailureAnalytics.PatternQuery q, FailureAnalytics.PatternAnswer answer) {
      var c = answer.counts().counts();
      System.err.printf(java.util.Locale.ROOT, "[failures] no pattern passed the thresholds: %d outcomes%s, %d "
          + "combinations counted, %d tested (at least %d outcomes), %d with failure rate >= %s and q <= %s.%n",
          c.getOrDefault("patterns.outcomes", 0L), q.model().map(m -> " of " + m).orElse(""),
          c.getOrDefault("patterns.combinations_counted", 0L), c.getOrDefault("patterns.tested", 0L),
          q.minOccurrences(), c.getOrDefault("patterns.significant", 0L), q.failureThreshold(), q.alpha());
      if (answer.nearMisses().isEmpty()) {
        System.err.println("[failures] no combination failed at all" + q.model().map(m -> " for " + m).orElse("")
            + (c.getOrDefault("patterns.outcomes", 0L) == 0 ? " (no outcomes: check --model and that ingest ran)" : "")
            + ".");
        return;
      }
      System.err.println("[failures] closest candidates (highest 95% Wilson lower bound of the failure rate):");
      for (MinedPattern p : answer.nearMisses()) {
        System.err.printf(java.util.Locale.ROOT, "[failures]   %s: %s — %.1f%% failed (%d/%d, 95%% interval %.1f%% to "
            + "%.1f%%), q %s; missed %s%n", p.model(), p.key(), p.failureRate() * 100, p.failures(), p.sampleCount(),
            p.ciLow() * 100, p.ciHigh() * 100, Double.isNaN(p.qValue()) ? "not tested"
                : String.format(java.util.Locale.ROOT, "%.2g", p.qValue()), String.join(", ", p.missed()));
      }
    }

    private void validate(FailureAnalytics.PatternQuery q) {
      if (q.minOccurrences() < 1 || q.failureThreshold() < 0 || q.failureThreshold() > 1 || q.maxItems() < 1
          || q.maxItems() > 5 || q.alpha() <= 0 || q.alpha() > 1) {
        throw new CommandLine.ParameterException(spec.commandLine(), "Invalid pattern options: expected "
            + "--min-occurrences >= 1, --failure-threshold in 0..1, --max-items in 1..5 and --alpha in (0, 1].");
      }
    }
  }

  /** {@code genlake failures alerts}: the alerts of the last failure step, most severe first. */
  @Command(name = "alerts", mixinStandardHelpOptions = true,
      description = "List gold.alerts (raised by the last failure step), most severe first.")
  static final class AlertsList implements Callable<Integer> {
    @Mixin WarehouseOptions warehouse;

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
        description = "Exit with status 4 when an alert is at least this severe: info, warning or critical.")
    Optional<String> failOn = Optional.empty();

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      if (failOn.isPresent() && !List.of("info", "warning", "critical").contains(failOn.get())) {
        throw new CommandLine.ParameterException(spec.commandLine(), "Invalid --fail-on " + failOn.get()
            + ": expected info, warning or critical.");
      }
      warehouse.quiet = true;
      Warehouse w = Session.openWarehouse("failures alerts", warehouse);
      List<io.genlake.failure.Views.Alert> alerts = FailureAnalytics.alerts(w);
      for (io.genlake.failure.Views.Alert a : alerts) {
        System.out.println(a.severity().toUpperCase(java.util.Locale.ROOT) + "  " + a.rule() + "  " + a.subject());
        System.out.println("    " + a.message());
      }
      System.err.println("[failures] " + alerts.size() + " alert(s)");
      List<String> order = List.of("info", "warning", "critical");
      boolean fail = failOn.isPresent() && alerts.stream()
          .anyMatch(a -> order.indexOf(a.severity()) >= order.indexOf(failOn.get()));
      return fail ? FailureAnalytics.EXIT_ALERTS : 0;
    }
  }

  /** Seed 002's shape (pattern, failure_rate, sample_count, common_category) plus the statistics. */
  static List<Map<String, Object>> json(List<MinedPattern> patterns) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (MinedPattern p : patterns) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("pattern", p.pattern());
      m.put("failure_rate", p.failureRate());
      m.put("sample_count", p.sampleCount());
      m.put("common_category", p.commonCategory().orElse(null));
      m.put("model", p.model());
      m.put("failures", p.failures());
      m.put("baseline_rate", p.baselineRate());
      m.put("lift", Double.isInfinite(p.lift()) ? null : p.lift());
      m.put("ci_low", p.ciLow());
      m.put("ci_high", p.ciHigh());
      m.put("p_value", p.pValue());
      m.put("q_value", p.qValue());
      out.add(m);
    }
    return out;
  }
}

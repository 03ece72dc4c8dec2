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
    subcommands = {FailuresCommand.Analyze.class, FailuresCommand.Patterns.class})
final class FailuresCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Name a subcommand: analyze or patterns.");
  }

  /** {@code genlake failures analyze}: the nightly failure step on its own. */
  @Command(name = "analyze", mixinStandardHelpOptions = true,
      description = "Recompute gold.category_stats, issue_frequency, feedback_effectiveness, feedback_patterns, "
          + "feedback_examples, truncation_impact, daily_trends and failure_patterns from silver.")
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
      return Genlake.runStep(ctx, new FailureStep(), includeTestSessions ? "--include-test-sessions" : "");
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
      System.out.println(JsonOutput.indented(json(answer.patterns())));
      return 0;
    }

    private void validate(FailureAnalytics.PatternQuery q) {
      if (q.minOccurrences() < 1 || q.failureThreshold() < 0 || q.failureThreshold() > 1 || q.maxItems() < 1
          || q.maxItems() > 5 || q.alpha() <= 0 || q.alpha() > 1) {
        throw new CommandLine.ParameterException(spec.commandLine(), "Invalid pattern options: expected "
            + "--min-occurrences >= 1, --failure-threshold in 0..1, --max-items in 1..5 and --alpha in (0, 1].");
      }
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

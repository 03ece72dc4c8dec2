package io.genlake.failure.report;

import io.genlake.failure.Stats;
import io.genlake.report.Axis;
import io.genlake.report.CategoryPlot;
import io.genlake.report.Charts;
import io.genlake.report.Figure;
import io.genlake.report.TimeChart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The report's charts, by the section they illustrate: pass rate by category and without/with feedback (Wilson
 * intervals, the ones the tables print), top patterns against their model's baseline, and the daily failure
 * rate per source and model. A chart without data is absent, not empty.
 */
final class FailureCharts {
  static final int WIDTH = 720;
  /** Section title of the daily charts, which have no table of their own. */
  static final String DAILY = "Daily failure rate by model";
  static final String WILSON = "95% Wilson interval";

  private static final Axis PASS_RATE = new Axis("pass rate (%)", 0, 100);
  private static final Axis FAILURE_RATE = new Axis("failure rate (%)", 0, 100);

  private FailureCharts() {}

  /** Section title to its figures, in display order. */
  static Map<String, List<Figure>> render(ReportData d) {
    Map<String, List<Figure>> out = new LinkedHashMap<>();
    if (!d.byCategory().isEmpty()) {
      List<CategoryPlot.Category> categories = new ArrayList<>();
      for (ReportData.CategoryLine c : d.byCategory()) {
        categories.add(percent(CategoryPlot.Category.of(c.name(), c.attempts(), c.passRate() * 100), c.passInterval()));
      }
      add(out, Sections.BY_CATEGORY, CategoryPlot.builder("pass-rate-by-category", "Pass rate by material category")
          .categories("material category", "attempts").values(PASS_RATE).intervals(WILSON).of(categories).build());
    }
    List<CategoryPlot.Category> feedback = new ArrayList<>();
    ReportData.Effectiveness e = d.feedback();
    feedback.add(rate("without feedback", e.beforeAttempts(), e.before(), e.beforeInterval()));
    feedback.add(rate("with feedback", e.afterAttempts(), e.after(), e.afterInterval()));
    d.retryChains().filter(c -> c.chains() > 0).ifPresent(c -> {
      feedback.add(rate("retry chains, before", c.beforeAttempts(), c.before(), c.beforeInterval()));
      feedback.add(rate("retry chains, after", c.afterAttempts(), c.after(), c.afterInterval()));
    });
    if (feedback.stream().anyMatch(b -> b.value().isPresent())) {
      add(out, Sections.FEEDBACK, CategoryPlot.builder("pass-rate-feedback", "Pass rate without and with feedback")
          .categories("scope", "attempts").values(PASS_RATE).intervals(WILSON).of(feedback).build());
    }
    if (!d.patterns().isEmpty()) {
      List<CategoryPlot.Category> categories = new ArrayList<>();
      for (int i = 0; i < d.patterns().size(); i++) {
        ReportData.PatternLine p = d.patterns().get(i);
        categories.add(percent(CategoryPlot.Category.of("#" + (i + 1), p.sampleCount(), p.failureRate() * 100),
            new Stats.Interval(p.ciLow(), p.ciHigh())).withReference(p.baseline() * 100));
      }
      add(out, Sections.PATTERNS, CategoryPlot.builder("failure-patterns", "Top failure patterns: failure rate vs model baseline")
          .categories("pattern (# as in the table)", "outcomes").values(FAILURE_RATE).intervals(WILSON)
          .reference("the model's baseline failure rate").of(categories).build());
    }
    daily(d, "attempt", "validator attempts").ifPresent(t -> out.computeIfAbsent(DAILY, k -> new ArrayList<>())
        .add(Charts.time(t, WIDTH)));
    daily(d, "generation", "generations").ifPresent(t -> out.computeIfAbsent(DAILY, k -> new ArrayList<>())
        .add(Charts.time(t, WIDTH)));
    return out;
  }

  private static Optional<TimeChart> daily(ReportData d, String source, String name) {
    Map<String, List<TimeChart.Point>> byModel = new LinkedHashMap<>();
    for (ReportData.DayPoint p : d.days()) {
      if (p.source().equals(source)) {
        OptionalDouble v = p.failureRate().map(r -> OptionalDouble.of(r * 100)).orElse(OptionalDouble.empty());
        byModel.computeIfAbsent(p.model(), k -> new ArrayList<>()).add(new TimeChart.Point(p.day(), p.outcomes(), v));
      }
    }
    byModel.values().removeIf(points -> points.stream().allMatch(p -> p.value().isEmpty()));
    if (byModel.isEmpty()) {
      return Optional.empty();
    }
    List<TimeChart.Line> lines = new ArrayList<>();
    byModel.forEach((model, points) -> lines.add(new TimeChart.Line(model, points)));
    return Optional.of(TimeChart.of("daily-failure-rate-" + source, "Daily failure rate by model: " + name, FAILURE_RATE,
        "day", "outcomes", lines));
  }

  private static CategoryPlot.Category rate(String label, long n, Optional<Double> rate, Stats.Interval ci) {
    return rate.map(r -> percent(CategoryPlot.Category.of(label, n, r * 100), ci)).orElse(CategoryPlot.Category.empty(label, n));
  }

  private static CategoryPlot.Category percent(CategoryPlot.Category bar, Stats.Interval ci) {
    return bar.withInterval(ci.low() * 100, ci.high() * 100);
  }

  private static void add(Map<String, List<Figure>> out, String section, CategoryPlot chart) {
    out.computeIfAbsent(section, k -> new ArrayList<>()).add(Charts.category(chart, WIDTH));
  }
}

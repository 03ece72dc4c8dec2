package io.genlake.failure.report;

import io.genlake.failure.Stats;
import io.genlake.report.Axis;
import io.genlake.report.CategoryPlot;
import io.genlake.report.Charts;
import io.genlake.report.Figure;
import io.genlake.report.HeatMap;
import io.genlake.report.HeatMaps;
import io.genlake.report.TimeChart;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The report's charts, by the section they illustrate: pass rate by category and without/with feedback (Wilson
 * intervals, the ones the tables print), top patterns (or the closest candidates) against their model's baseline,
 * the correlation heat map, and per source the trend periods' failure rate with Wilson intervals (all outcomes) and
 * by model or category (lines; periods under the minimum count faded; left out when no period reaches it). A chart
 * without data is absent, not empty.
 */
final class FailureCharts {
  static final int WIDTH = 720;
  static final String WILSON = "95% Wilson interval";
  /** Series drawn per trend line chart (most outcomes first). */
  static final int TREND_LINES = 5;

  private static final Axis PASS_RATE = new Axis("pass rate (%)", 0, 100);
  private static final Axis FAILURE_RATE = new Axis("failure rate (%)", 0, 100);
  private static final DateTimeFormatter WEEK = DateTimeFormatter.ofPattern("MMM d", Locale.ROOT);

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
    correlations(d).ifPresent(h -> out.computeIfAbsent(Sections.CORRELATIONS, k -> new ArrayList<>())
        .add(HeatMaps.figure(h, WIDTH)));
    patterns(d.patterns(), "failure-patterns", "Top failure patterns: failure rate vs model baseline")
        .ifPresent(p -> add(out, Sections.PATTERNS, p));
    if (d.patterns().isEmpty()) {
      patterns(d.nearMisses(), "closest-candidates", "Closest candidates: failure rate vs model baseline")
          .ifPresent(p -> add(out, Sections.NEAR_MISSES, p));
    }
    trends(d, "generation", "generations", "model", out);
    trends(d, "attempt", "validator attempts", "material_category", out);
    return out;
  }

  private static Optional<CategoryPlot> patterns(List<ReportData.PatternLine> lines, String id, String title) {
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    List<CategoryPlot.Category> categories = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      ReportData.PatternLine p = lines.get(i);
      categories.add(percent(CategoryPlot.Category.of("#" + (i + 1), p.sampleCount(), p.failureRate() * 100),
          new Stats.Interval(p.ciLow(), p.ciHigh())).withReference(p.baseline() * 100));
    }
    return Optional.of(CategoryPlot.builder(id, title).categories("pattern (# as in the table)", "outcomes")
        .values(FAILURE_RATE).intervals(WILSON).reference("the model's baseline failure rate").of(categories).build());
  }

  /** Parameters × outcomes; rows "source: parameter" when both sources are present. */
  private static Optional<HeatMap> correlations(ReportData d) {
    if (d.correlations().stream().noneMatch(c -> c.r().isPresent())) {
      return Optional.empty();
    }
    boolean twoSources = d.correlations().stream().map(ReportData.CorrelationLine::source).distinct().count() > 1;
    List<String> rows = new ArrayList<>();
    List<String> columns = new ArrayList<>();
    List<HeatMap.Cell> cells = new ArrayList<>();
    for (ReportData.CorrelationLine c : d.correlations()) {
      String row = twoSources ? c.source() + ": " + c.parameter() : c.parameter();
      if (!rows.contains(row)) {
        rows.add(row);
      }
      if (!columns.contains(c.outcome())) {
        columns.add(c.outcome());
      }
      cells.add(new HeatMap.Cell(rows.indexOf(row), columns.indexOf(c.outcome()), c.n(), c.r(), c.significant()));
    }
    return Optional.of(new HeatMap("correlation-matrix", "Correlation of parameters with outcomes", "parameter",
        "outcome", "Pearson r", -1, 1, "Benjamini-Hochberg q <= alpha", rows, columns, cells));
  }

  /** The trend charts of one source: its whole series with intervals, and its largest series as lines. */
  private static void trends(ReportData d, String source, String name, String dimension, Map<String, List<Figure>> out) {
    List<ReportData.TrendPoint> all = d.trends().stream()
        .filter(t -> t.source().equals(source) && t.dimension().equals("all")).toList();
    if (all.stream().noneMatch(t -> t.failureRate().isPresent())) {
      return;
    }
    String period = all.get(0).period();
    List<CategoryPlot.Category> points = new ArrayList<>();
    for (ReportData.TrendPoint t : all) {
      String label = t.start().format(WEEK);
      points.add(t.failureRate().map(r -> CategoryPlot.Category.of(label, t.outcomes(), r * 100)
          .withInterval(t.ciLow().orElseThrow() * 100, t.ciHigh().orElseThrow() * 100))
          .orElse(CategoryPlot.Category.empty(label, t.outcomes())));
    }
    add(out, Sections.TRENDS, CategoryPlot.builder("trend-" + source, "Failure rate per " + period + ": all " + name)
        .categories(period + " starting (UTC, " + all.get(0).start().getYear() + ")", "outcomes").dots()
        .minN(d.minOutcomes()).values(FAILURE_RATE).intervals(WILSON).of(points).build());
    Map<String, List<TimeChart.Point>> bySeries = new LinkedHashMap<>();
    Map<String, Long> sizes = new LinkedHashMap<>();
    for (ReportData.TrendPoint t : d.trends()) {
      if (t.source().equals(source) && t.dimension().equals(dimension)) {
        OptionalDouble v = t.failureRate().map(r -> OptionalDouble.of(r * 100)).orElse(OptionalDouble.empty());
        bySeries.computeIfAbsent(t.value(), k -> new ArrayList<>()).add(new TimeChart.Point(t.start(), t.outcomes(), v));
        sizes.merge(t.value(), t.outcomes(), Long::sum);
      }
    }
    List<TimeChart.Line> lines = new ArrayList<>();
    sizes.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
        .thenComparing(Map.Entry.comparingByKey())).limit(TREND_LINES)
        .forEach(e -> lines.add(new TimeChart.Line(e.getKey(), bySeries.get(e.getKey()))));
    // lines only when some period of some series is reliable: a chart of faded points alone reads as nothing
    if (lines.stream().anyMatch(l -> l.points().stream().anyMatch(p -> p.value().isPresent() && p.n() >= d.minOutcomes()))) {
      out.computeIfAbsent(Sections.TRENDS, k -> new ArrayList<>()).add(Charts.time(new TimeChart("trend-" + source + "-by-"
          + dimension.replace('_', '-'), "Failure rate per " + period + " by " + dimension.replace('_', ' ') + ": " + name,
          FAILURE_RATE, period, "outcomes", d.minOutcomes(), lines), WIDTH));
    }
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

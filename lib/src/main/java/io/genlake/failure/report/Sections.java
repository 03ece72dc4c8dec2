package io.genlake.failure.report;

import static io.genlake.failure.report.TextReport.num;
import static io.genlake.failure.report.TextReport.pct;
import static io.genlake.failure.report.TextReport.signedPct;

import io.genlake.failure.Stats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The report as titled tables, shared by the Markdown and HTML renderings. */
final class Sections {
  /** One titled table; {@code note} is a sentence shown under the title. */
  record Section(String title, String note, List<String> header, List<List<String>> rows) {}

  static final String ALERTS = "Alerts";
  static final String BY_CATEGORY = "By category";
  static final String FEEDBACK = "Feedback effectiveness";
  static final String SUGGESTIONS = "Feedback suggestions";
  static final String PARAMETERS = "Parameter suggestions";
  static final String CORRELATIONS = "Correlation matrix";
  static final String PATTERNS = "Top failure patterns";
  static final String NEAR_MISSES = "Closest candidates";
  static final String TRENDS = "Trends";
  /** Trend periods listed per series in the trends table. */
  static final int TREND_ROWS = 2;

  private Sections() {}

  static List<Section> of(ReportData d) {
    List<Section> out = new ArrayList<>();
    out.add(new Section(ALERTS, "Raised by the rules of failure.alerts on the latest data; most severe first.",
        List.of("severity", "rule", "subject", "what happened"),
        d.alerts().stream().map(a -> List.of(a.severity(), a.rule(), a.subject(), a.message())).toList()));
    ReportData.Overall o = d.overall();
    out.add(new Section("Overall statistics", "Seed 004 attempts; pass is the validator's verdict.",
        List.of("attempts", "passed", "failed", "average score"),
        List.of(List.of(String.valueOf(o.attempts()), o.passed() + " (" + pct(TextReport.ratio(o.passed(), o.attempts())) + ")",
            o.failed() + " (" + pct(TextReport.ratio(o.failed(), o.attempts())) + ")",
            o.averageScore().map(v -> num(v) + "/100").orElse("n/a")))));
    out.add(new Section(BY_CATEGORY, "Pass rates with their 95% Wilson intervals.",
        List.of("category", "attempts", "pass rate", "95% interval", "avg score"), categoryRows(d.byCategory())));
    out.add(new Section("Attempts by model", "Seed 004 attempts per model, pass rates with their 95% Wilson intervals.",
        List.of("model", "attempts", "pass rate", "95% interval", "avg score"), categoryRows(d.attemptModels())));
    out.add(new Section("Top physics violations", "Share of attempts listing the issue.", List.of("issue", "attempts", "share"),
        shares(d.physicsIssues())));
    out.add(new Section("Top red flags", "", List.of("red flag", "attempts", "share"), shares(d.redFlags())));
    List<List<String>> eff = new ArrayList<>();
    eff.add(effectiveness("overall (without vs with feedback)", d.feedback()));
    d.retryChains().ifPresent(c -> eff.add(effectiveness("retry chains (" + c.chains() + ")", c)));
    out.add(new Section(FEEDBACK, "Pass rates with their 95% Wilson intervals; the improvement with Newcombe's 95% interval.",
        List.of("scope", "before", "after", "improvement", "95% interval"), eff));
    out.add(new Section("Feedback effectiveness by type", "", List.of("feedback category", "uses", "success", "avg score"),
        d.feedbackTypes().stream().map(t -> List.of(t.category(), String.valueOf(t.uses()), pct(t.successRate()),
            t.averageScore().map(TextReport::num).orElse("n/a"))).toList()));
    out.add(new Section("Top performing feedback", "One example per distinct text, the best of each feedback category.",
        List.of("material", "score", "category", "feedback"),
        d.bestFeedback().stream().map(x -> List.of(x.material(), x.score().map(String::valueOf).orElse("?"), x.category(),
            x.text())).toList()));
    out.add(new Section(SUGGESTIONS, "What to say next: per issue of a failed attempt or material category, the "
        + "feedback most often followed by a pass (near-duplicate texts merged; ranked by the 95% Wilson lower bound).",
        List.of("for", "feedback", "variants", "uses", "success", "95% interval", "score gain"),
        d.suggestions().stream().map(s -> List.of(s.scopeKind() + ": " + s.scope(), s.text(), String.valueOf(s.variants()),
            String.valueOf(s.uses()), pct(s.successRate()), interval(new Stats.Interval(s.ciLow(), s.ciHigh())),
            s.scoreGain().map(g -> String.format(Locale.ROOT, "%+.1f", g)).orElse("n/a"))).toList()));
    out.add(new Section(PARAMETERS, "What to set: per material category and model, the range of each parameter with the "
        + "highest 95% Wilson lower bound of its pass rate; the difference with the other attempts carries Newcombe's "
        + "95% interval (significant when it excludes 0).",
        List.of("category", "model", "parameter", "suggested", "attempts", "pass rate", "95% interval", "others",
            "difference 95% interval"),
        d.parameterSuggestions().stream().map(p -> List.of(p.category(), p.model(), p.parameter(), p.range(),
            String.valueOf(p.attempts()), pct(p.passRate()), interval(new Stats.Interval(p.ciLow(), p.ciHigh())),
            p.othersRate().map(TextReport::pct).orElse("n/a"),
            p.differenceLow().flatMap(lo -> p.differenceHigh().map(hi -> signedPct(lo) + " to " + signedPct(hi)))
                .orElse("n/a"))).toList()));
    out.add(new Section(CORRELATIONS, "Pearson's r of each parameter with each outcome (pass as 0/1, realism score), "
        + "95% interval by Fisher's z, Benjamini-Hochberg q over the matrix.",
        List.of("source", "parameter", "outcome", "n", "r", "95% interval", "q"),
        d.correlations().stream().map(c -> List.of(c.source(), c.parameter(), c.outcome(), String.valueOf(c.n()),
            c.r().map(r -> String.format(Locale.ROOT, "%+.3f", r)).orElse("n/a"),
            c.ciLow().flatMap(lo -> c.ciHigh().map(hi -> String.format(Locale.ROOT, "%+.3f to %+.3f", lo, hi)))
                .orElse("n/a"),
            c.qValue().map(q -> String.format(Locale.ROOT, "%.2g", q) + (c.significant() ? " *" : "")).orElse("n/a")))
            .toList()));
    out.add(new Section("Generations by model", "Rated images and unrated generations, test sessions excluded by default.",
        List.of("model", "outcomes", "failed"), d.generationModels().stream().map(m -> List.of(m.name(),
            String.valueOf(m.attempts()), pct(1 - m.passRate()))).toList()));
    out.add(new Section("Failure categories", "", List.of("category", "failures", "share of outcomes"),
        shares(d.failureCategories())));
    out.add(new Section(PATTERNS, patternNote(d), PATTERN_HEADER, patternRows(d.patterns(), false)));
    if (d.patterns().isEmpty()) {
      out.add(new Section(NEAR_MISSES, "No combination passed every threshold; these came closest (highest 95% Wilson "
          + "lower bound of the failure rate), with the thresholds each missed.",
          List.of("#", "model", "pattern", "failure rate", "95% interval", "failed/samples", "baseline", "q", "missed"),
          patternRows(d.nearMisses(), true)));
    }
    out.add(new Section(TRENDS, "Failure rates per " + trendPeriod(d) + " with their 95% Wilson intervals; periods with "
        + "fewer than " + d.minOutcomes() + " outcomes are unreliable and never compared. Change: against the period "
        + "before, up or down when Newcombe's 95% interval of the difference excludes 0.",
        List.of("source", "series", "period start", "outcomes", "failure rate", "95% interval", "change"), trendRows(d)));
    out.add(new Section("ML predictions against human labels", "Seed 002's ml_predictions per model version: share of "
        + "each human label predicted as each category.",
        List.of("model version", "human label", "predicted", "images", "share of label", "version accuracy"),
        d.predictions().stream().map(c -> List.of(c.modelVersion(), c.actual(), c.predicted(), String.valueOf(c.images()),
            pct(c.shareOfActual()), pct(c.versionAccuracy()) + " of " + c.versionImages())).toList()));
    return out;
  }

  static final List<String> PATTERN_HEADER = List.of("#", "model", "pattern", "failure rate", "95% interval",
      "failed/samples", "baseline", "lift", "q", "common category");

  private static String patternNote(ReportData d) {
    String base = "Failure rate at least the threshold, BH q at most alpha, no redundant supersets; failure rates with "
        + "their 95% Wilson intervals.";
    return d.mining().map(m -> base + String.format(Locale.ROOT, " Mined %d outcomes: %d combinations counted, %d tested "
        + "(at least %d outcomes), %d significant (failure rate >= %s, q <= %s), %d reported.", m.outcomes(), m.counted(),
        m.tested(), m.minOccurrences(), m.significant(), pct(m.failureThreshold()), String.valueOf(m.alpha()),
        m.reported())).orElse(base);
  }

  private static List<List<String>> patternRows(List<ReportData.PatternLine> lines, boolean nearMisses) {
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      ReportData.PatternLine p = lines.get(i);
      String q = p.qValue().map(v -> String.format(Locale.ROOT, "%.2g", v)).orElse("not tested");
      rows.add(nearMisses
          ? List.of("#" + (i + 1), p.model(), p.key(), pct(p.failureRate()),
              interval(new Stats.Interval(p.ciLow(), p.ciHigh())), p.failures() + "/" + p.sampleCount(),
              pct(p.baseline()), q, String.join(", ", p.missed()))
          : List.of("#" + (i + 1), p.model(), p.key(), pct(p.failureRate()),
              interval(new Stats.Interval(p.ciLow(), p.ciHigh())), p.failures() + "/" + p.sampleCount(),
              pct(p.baseline()), String.format(Locale.ROOT, "%.1f", p.lift()), q, p.commonCategory().orElse("")));
    }
    return rows;
  }

  private static String trendPeriod(ReportData d) {
    return d.trends().isEmpty() ? "period" : d.trends().get(0).period();
  }

  /** The last {@value #TREND_ROWS} reliable periods of each series. */
  private static List<List<String>> trendRows(ReportData d) {
    Map<String, List<ReportData.TrendPoint>> bySeries = new LinkedHashMap<>();
    for (ReportData.TrendPoint t : d.trends()) {
      if (t.reliable()) {
        bySeries.computeIfAbsent(t.source() + "\u0000" + t.dimension() + "=" + t.value(), k -> new ArrayList<>()).add(t);
      }
    }
    List<List<String>> rows = new ArrayList<>();
    bySeries.values().forEach(points -> {
      for (ReportData.TrendPoint t : points.subList(Math.max(0, points.size() - TREND_ROWS), points.size())) {
        rows.add(List.of(t.source(), t.dimension() + "=" + t.value(), t.start().toString(), String.valueOf(t.outcomes()),
            t.failureRate().map(TextReport::pct).orElse("n/a"),
            t.ciLow().flatMap(lo -> t.ciHigh().map(hi -> interval(new Stats.Interval(lo, hi)))).orElse("n/a"),
            t.change().orElse("n/a")));
      }
    });
    return rows;
  }

  private static List<List<String>> categoryRows(List<ReportData.CategoryLine> lines) {
    return lines.stream().map(c -> List.of(c.name(), String.valueOf(c.attempts()), pct(c.passRate()),
        interval(c.passInterval()), c.averageScore().map(TextReport::num).orElse("n/a"))).toList();
  }

  private static List<List<String>> shares(List<ReportData.ShareLine> lines) {
    return lines.stream().map(i -> List.of(i.name(), String.valueOf(i.count()), pct(i.share()))).toList();
  }

  private static List<String> effectiveness(String scope, ReportData.Effectiveness e) {
    return List.of(scope, rate(e.before(), e.beforeAttempts(), e.beforeInterval()),
        rate(e.after(), e.afterAttempts(), e.afterInterval()),
        e.difference().map(TextReport::signedPct).orElse("n/a"),
        e.ciLow().flatMap(lo -> e.ciHigh().map(hi -> signedPct(lo) + " to " + signedPct(hi))).orElse("n/a"));
  }

  private static String rate(Optional<Double> rate, long n, Stats.Interval ci) {
    return rate.map(r -> pct(r) + " of " + n + " (" + interval(ci) + ")").orElse("n/a of " + n);
  }

  /** An interval of shares as the tables print it: "20.7% to 100.0%". */
  static String interval(Stats.Interval ci) {
    return pct(ci.low()) + " to " + pct(ci.high());
  }
}

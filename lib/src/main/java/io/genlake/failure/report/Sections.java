package io.genlake.failure.report;

import static io.genlake.failure.report.TextReport.num;
import static io.genlake.failure.report.TextReport.pct;
import static io.genlake.failure.report.TextReport.signedPct;

import io.genlake.failure.Stats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The report as titled tables, shared by the Markdown and HTML renderings. */
final class Sections {
  /** One titled table; {@code note} is a sentence shown under the title. */
  record Section(String title, String note, List<String> header, List<List<String>> rows) {}

  static final String BY_CATEGORY = "By category";
  static final String FEEDBACK = "Feedback effectiveness";
  static final String PATTERNS = "Top failure patterns";

  private Sections() {}

  static List<Section> of(ReportData d) {
    List<Section> out = new ArrayList<>();
    ReportData.Overall o = d.overall();
    out.add(new Section("Overall statistics", "Seed 004 attempts; pass is the validator's verdict.",
        List.of("attempts", "passed", "failed", "average score"),
        List.of(List.of(String.valueOf(o.attempts()), o.passed() + " (" + pct(TextReport.ratio(o.passed(), o.attempts())) + ")",
            o.failed() + " (" + pct(TextReport.ratio(o.failed(), o.attempts())) + ")",
            o.averageScore().map(v -> num(v) + "/100").orElse("n/a")))));
    out.add(new Section(BY_CATEGORY, "Pass rates with their 95% Wilson intervals.",
        List.of("category", "attempts", "pass rate", "95% interval", "avg score"),
        d.byCategory().stream().map(c -> List.of(c.name(), String.valueOf(c.attempts()), pct(c.passRate()),
            interval(c.passInterval()), c.averageScore().map(TextReport::num).orElse("n/a"))).toList()));
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
    out.add(new Section("Top performing feedback", "", List.of("material", "score", "category", "feedback"),
        d.bestFeedback().stream().map(x -> List.of(x.material(), x.score().map(String::valueOf).orElse("?"), x.category(),
            x.text())).toList()));
    out.add(new Section("Generations by model", "Rated images and unrated generations, test sessions excluded by default.",
        List.of("model", "outcomes", "failed"), d.generationModels().stream().map(m -> List.of(m.name(),
            String.valueOf(m.attempts()), pct(1 - m.passRate()))).toList()));
    out.add(new Section("Failure categories", "", List.of("category", "failures", "share of outcomes"),
        shares(d.failureCategories())));
    List<List<String>> patterns = new ArrayList<>();
    for (int i = 0; i < d.patterns().size(); i++) {
      ReportData.PatternLine p = d.patterns().get(i);
      patterns.add(List.of("#" + (i + 1), p.model(), p.key(), pct(p.failureRate()),
          interval(new Stats.Interval(p.ciLow(), p.ciHigh())), p.failures() + "/" + p.sampleCount(),
          pct(p.baseline()), String.format(Locale.ROOT, "%.1f", p.lift()), String.format(Locale.ROOT, "%.2g", p.qValue()),
          p.commonCategory().orElse("")));
    }
    out.add(new Section(PATTERNS, "Failure rate at least the threshold, BH q at most alpha, no redundant supersets; "
        + "failure rates with their 95% Wilson intervals.",
        List.of("#", "model", "pattern", "failure rate", "95% interval", "failed/samples", "baseline", "lift", "q",
            "common category"),
        patterns));
    return out;
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

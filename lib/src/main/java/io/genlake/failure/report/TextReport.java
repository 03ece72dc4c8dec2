package io.genlake.failure.report;

import java.util.Locale;

/**
 * The terminal summary, in seed 004's print_analytics_report layout (overall, by category, top physics
 * violations, feedback effectiveness, by type, top feedback), followed by genlake's additions: the
 * alerts (first), the difference's interval, retry chains, feedback and parameter suggestions, generations by model,
 * failure categories and top failure patterns (with what was mined, and the closest candidates when none passed).
 */
final class TextReport {
  static final String RULE = "═".repeat(70);
  static final int QUOTE_CHARS = 50;

  private TextReport() {}

  static String render(ReportData d) {
    StringBuilder s = new StringBuilder();
    s.append("📊 IMAGE GENERATION ANALYTICS REPORT\n").append(RULE).append("\n\n");
    s.append("🔔 ALERTS:\n");
    none(s, d.alerts().isEmpty());
    d.alerts().forEach(a -> s.append("   • ").append(a.severity().toUpperCase(Locale.ROOT)).append(" ").append(a.rule())
        .append(": ").append(a.message()).append('\n'));
    s.append('\n');
    s.append("📈 OVERALL STATISTICS:\n");
    ReportData.Overall o = d.overall();
    s.append("   • Total attempts: ").append(o.attempts()).append('\n');
    s.append("   • Passed: ").append(o.passed()).append(" (").append(pct(ratio(o.passed(), o.attempts()))).append(")\n");
    s.append("   • Failed: ").append(o.failed()).append(" (").append(pct(ratio(o.failed(), o.attempts()))).append(")\n");
    s.append("   • Average score: ").append(o.averageScore().map(v -> num(v) + "/100").orElse("n/a")).append("\n\n");

    s.append("📊 BY CATEGORY:\n");
    none(s, d.byCategory().isEmpty());
    for (ReportData.CategoryLine c : d.byCategory()) {
      s.append("   • ").append(c.name()).append(": ").append(c.attempts()).append(" attempts, ")
          .append(pct(c.passRate())).append(" pass rate, ").append(c.averageScore().map(TextReport::num).orElse("n/a"))
          .append(" avg score\n");
    }
    s.append('\n');

    s.append("🚨 TOP PHYSICS VIOLATIONS:\n");
    none(s, d.physicsIssues().isEmpty());
    d.physicsIssues().forEach(i -> s.append("   • ").append(i.name()).append(": ").append(pct(i.share())).append('\n'));
    s.append('\n');

    ReportData.Effectiveness e = d.feedback();
    s.append("📈 FEEDBACK EFFECTIVENESS:\n");
    s.append("   Before: ").append(e.before().map(TextReport::pct).orElse("n/a")).append(" pass rate\n");
    s.append("   After:  ").append(e.after().map(TextReport::pct).orElse("n/a")).append(" pass rate\n");
    s.append("   Improvement: ").append(e.difference().map(TextReport::signedPct).orElse("n/a")).append('\n');
    if (e.difference().isPresent()) {
      s.append("   95% interval of the difference: ").append(signedPct(e.ciLow().orElseThrow())).append(" to ")
          .append(signedPct(e.ciHigh().orElseThrow())).append(" (Newcombe; ").append(e.beforeAttempts())
          .append(" attempts before, ").append(e.afterAttempts()).append(" after)\n");
    }
    d.retryChains().filter(c -> c.chains() > 0).ifPresent(c -> s.append("   Retry chains (").append(c.chains())
        .append(" with attempts before and after feedback): ").append(c.before().map(TextReport::pct).orElse("n/a"))
        .append(" -> ").append(c.after().map(TextReport::pct).orElse("n/a")).append(", ")
        .append(c.difference().map(TextReport::signedPct).orElse("n/a")).append('\n'));
    s.append('\n');

    s.append("💡 FEEDBACK EFFECTIVENESS BY TYPE:\n");
    none(s, d.feedbackTypes().isEmpty());
    for (ReportData.FeedbackTypeLine t : d.feedbackTypes()) {
      s.append("   • ").append(t.category()).append(": ").append(t.uses()).append(" uses, ").append(pct(t.successRate()))
          .append(" success, ").append(t.averageScore().map(TextReport::num).orElse("n/a")).append(" avg score\n");
    }
    s.append('\n');

    s.append("🌟 TOP PERFORMING FEEDBACK:\n");
    none(s, d.bestFeedback().isEmpty());
    for (ReportData.Example x : d.bestFeedback()) {
      s.append("   • ").append(x.material()).append(" (").append(x.score().map(String::valueOf).orElse("?"))
          .append("/100) - ").append(x.category()).append('\n');
      s.append("     \"").append(quote(x.text())).append("\"\n");
    }

    s.append('\n').append("🧭 FEEDBACK SUGGESTIONS:\n");
    none(s, d.suggestions().isEmpty());
    for (ReportData.SuggestionLine x : d.suggestions()) {
      s.append("   • for ").append(x.scopeKind()).append(' ').append(x.scope()).append(": \"").append(quote(x.text()))
          .append("\" — ").append(x.uses()).append(" uses, ").append(pct(x.successRate())).append(" followed by a pass")
          .append(x.scoreGain().map(g -> String.format(Locale.ROOT, ", score %+.1f", g)).orElse(""))
          .append(x.variants() > 1 ? " (" + x.variants() + " wordings merged)" : "").append('\n');
    }
    s.append('\n').append("🎛  PARAMETER SUGGESTIONS:\n");
    none(s, d.parameterSuggestions().isEmpty());
    for (ReportData.ParameterLine p : d.parameterSuggestions()) {
      s.append("   • ").append(p.category()).append(p.model().equals("all") ? "" : " / " + p.model()).append(": ")
          .append(p.parameter()).append(' ').append(p.range()).append(" — ").append(pct(p.passRate())).append(" pass (")
          .append(p.passed()).append('/').append(p.attempts()).append(", ")
          .append(Sections.interval(new io.genlake.failure.Stats.Interval(p.ciLow(), p.ciHigh()))).append(")")
          .append(p.othersRate().map(r -> " vs " + pct(r) + " otherwise").orElse("")).append('\n');
    }
    if (!d.generationModels().isEmpty() || !d.patterns().isEmpty()) {
      s.append('\n').append("🖼  GENERATIONS BY MODEL:\n");
      none(s, d.generationModels().isEmpty());
      for (ReportData.CategoryLine m : d.generationModels()) {
        s.append("   • ").append(m.name()).append(": ").append(m.attempts()).append(" outcomes, ")
            .append(pct(1 - m.passRate())).append(" failed\n");
      }
      if (!d.failureCategories().isEmpty()) {
        s.append('\n').append("🧯 FAILURE CATEGORIES:\n");
        d.failureCategories().forEach(i -> s.append("   • ").append(i.name()).append(": ").append(i.count())
            .append(" (").append(pct(i.share())).append(" of outcomes)\n"));
      }
      s.append('\n').append("🧩 TOP FAILURE PATTERNS:\n");
      d.mining().ifPresent(m -> s.append("   (").append(m.outcomes()).append(" outcomes mined: ").append(m.counted())
          .append(" combinations counted, ").append(m.tested()).append(" tested with at least ").append(m.minOccurrences())
          .append(" outcomes, ").append(m.significant()).append(" significant)\n"));
      none(s, d.patterns().isEmpty());
      for (ReportData.PatternLine p : d.patterns()) {
        s.append("   • ").append(p.model()).append(": ").append(p.key()).append(" — ").append(pct(p.failureRate()))
            .append(" failed (").append(p.failures()).append('/').append(p.sampleCount()).append("), baseline ")
            .append(pct(p.baseline())).append(", lift ").append(String.format(Locale.ROOT, "%.1f", p.lift()))
            .append(", q ").append(p.qValue().map(q -> String.format(Locale.ROOT, "%.2g", q)).orElse("n/a"))
            .append(p.commonCategory().map(c -> ", mostly " + c).orElse("")).append('\n');
      }
      if (d.patterns().isEmpty() && !d.nearMisses().isEmpty()) {
        s.append("   Closest candidates (thresholds missed):\n");
        for (ReportData.PatternLine p : d.nearMisses()) {
          s.append("   • ").append(p.model()).append(": ").append(p.key()).append(" — ").append(pct(p.failureRate()))
              .append(" failed (").append(p.failures()).append('/').append(p.sampleCount()).append(", ")
              .append(Sections.interval(new io.genlake.failure.Stats.Interval(p.ciLow(), p.ciHigh())))
              .append("), missed ").append(String.join(", ", p.missed())).append('\n');
        }
      }
    }
    s.append(RULE).append('\n');
    return s.toString();
  }

  /**
   * The first {@value #QUOTE_CHARS} characters cut back to a word boundary, trailing punctuation dropped, then
   * "...": "Focus on realistic contamination distribution...".
   */
  static String quote(String text) {
    if (text.length() <= QUOTE_CHARS) {
      return text;
    }
    String cut = text.substring(0, QUOTE_CHARS);
    int space = cut.lastIndexOf(' ');
    if (space > 0) {
      cut = cut.substring(0, space);
    }
    int end = cut.length();
    while (end > 0 && !Character.isLetterOrDigit(cut.charAt(end - 1))) {
      end--;
    }
    return cut.substring(0, end) + "...";
  }

  static String pct(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  static String signedPct(double share) {
    return String.format(Locale.ROOT, "%+.1f%%", share * 100);
  }

  static String num(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  static double ratio(long a, long b) {
    return b == 0 ? 0.0 : (double) a / b;
  }

  private static void none(StringBuilder s, boolean empty) {
    if (empty) {
      s.append("   • none\n");
    }
  }
}

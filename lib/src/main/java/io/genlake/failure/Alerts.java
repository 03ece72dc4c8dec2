package io.genlake.failure;

import io.genlake.config.FailureConfig;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The alert rules of failure.alerts, plain Java over counts already summed: each returns the alerts it raises, with
 * severity and evidence. Windows end at the latest day with outcomes of the rule's source (the anchor), so the
 * same data raise the same alerts whatever the run date.
 */
final class Alerts {
  static final String PASS_RATE_BELOW = "pass_rate_below";
  static final String NEW_PATTERN = "new_pattern";
  static final String FAILURE_RATE_INCREASE = "failure_rate_increase";
  static final String TREND_CHANGE = "trend_change";
  static final String PASS_RATE = "pass_rate";
  static final String FAILURE_RATE = "failure_rate";

  private Alerts() {}

  /** Alert severities, lowest first. */
  enum Severity {
    INFO, WARNING, CRITICAL;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The severity named {@code label} (info, warning, critical). */
    static Severity of(String label) {
      return valueOf(label.toUpperCase(Locale.ROOT));
    }
  }

  /** One raised alert ({@code gold.alerts}). */
  record Alert(String rule, Severity severity, String source, String subject, String message, String metric,
      double value, Optional<Double> reference, Optional<Stats.Interval> interval, long outcomes, LocalDate windowStart,
      LocalDate windowEnd, Map<String, String> evidence) {}

  /** Most severe first, then rule, then subject. */
  static List<Alert> sorted(List<Alert> alerts) {
    List<Alert> out = new ArrayList<>(alerts);
    out.sort(Comparator.comparing(Alert::severity).reversed().thenComparing(Alert::rule).thenComparing(Alert::subject));
    return out;
  }

  /** The latest day with outcomes among {@code days}, if any. */
  static Optional<LocalDate> anchor(List<Trends.Day> days) {
    return days.stream().filter(d -> d.outcomes() > 0).map(Trends.Day::day).max(Comparator.naturalOrder());
  }

  /**
   * Values of the rule's dimension whose pass rate over the last {@code days} days (n ≥ min_outcomes) is below the
   * threshold: critical when even the Wilson upper bound is below it, else warning.
   */
  static List<Alert> passRateBelow(FailureConfig.PassRateBelow rule, List<Trends.Day> days) {
    List<Alert> out = new ArrayList<>();
    Optional<LocalDate> anchor = rule.enabled() ? anchor(days) : Optional.empty();
    LocalDate end = anchor.orElse(LocalDate.EPOCH);
    LocalDate start = end.minusDays(rule.days() - 1L);
    for (Trends.Series s : anchor.isPresent() ? series(days) : List.<Trends.Series>of()) {
      long[] c = Trends.window(days, s, end, rule.days());
      if (c[0] < rule.minOutcomes()) {
        continue;
      }
      long passed = c[0] - c[1];
      double rate = (double) passed / c[0];
      if (rate >= rule.threshold()) {
        continue;
      }
      Stats.Interval ci = Stats.wilson(passed, c[0], Stats.Z95);
      Severity severity = ci.high() < rule.threshold() ? Severity.CRITICAL : Severity.WARNING;
      Map<String, String> evidence = new LinkedHashMap<>();
      evidence.put("passed", String.valueOf(passed));
      evidence.put("outcomes", String.valueOf(c[0]));
      evidence.put("days", String.valueOf(rule.days()));
      evidence.put("threshold", num(rule.threshold()));
      out.add(new Alert(PASS_RATE_BELOW, severity, s.source(), s.dimension() + "=" + s.value(),
          String.format(Locale.ROOT, "%s %s passed %s of %d outcomes (%s) in the %d days to %s, below %s "
              + "(95%% interval %s to %s)", s.dimension(), s.value(), pct(rate), c[0], passed + "/" + c[0],
              rule.days(), end, pct(rule.threshold()), pct(ci.low()), pct(ci.high())),
          PASS_RATE, rate, Optional.of(rule.threshold()), Optional.of(ci), c[0], start, end, evidence));
    }
    return out;
  }

  /**
   * Values whose failure rate over the last {@code days} days is at least {@code factor} times the rate of the
   * {@code days} days before, both windows with at least min_outcomes, and significantly higher (Newcombe's 95%
   * interval of the difference above 0): critical when that interval's lower bound reaches critical_increase.
   */
  static List<Alert> rateIncrease(FailureConfig.RateIncrease rule, List<Trends.Day> days) {
    List<Alert> out = new ArrayList<>();
    Optional<LocalDate> anchor = rule.enabled() ? anchor(days) : Optional.empty();
    LocalDate end = anchor.orElse(LocalDate.EPOCH);
    LocalDate start = end.minusDays(rule.days() - 1L);
    for (Trends.Series s : anchor.isPresent() ? series(days) : List.<Trends.Series>of()) {
      long[] now = Trends.window(days, s, end, rule.days());
      long[] before = Trends.window(days, s, start.minusDays(1), rule.days());
      if (now[0] < rule.minOutcomes() || before[0] < rule.minOutcomes()) {
        continue;
      }
      double rateNow = (double) now[1] / now[0];
      double rateBefore = (double) before[1] / before[0];
      Stats.Interval d = Stats.differenceInterval(before[1], before[0], now[1], now[0], Stats.Z95);
      if (rateNow < rule.factor() * rateBefore || d.low() <= 0) {
        continue;
      }
      Severity severity = d.low() >= rule.criticalIncrease() ? Severity.CRITICAL : Severity.WARNING;
      Map<String, String> evidence = new LinkedHashMap<>();
      evidence.put("failures", String.valueOf(now[1]));
      evidence.put("outcomes", String.valueOf(now[0]));
      evidence.put("previous_failures", String.valueOf(before[1]));
      evidence.put("previous_outcomes", String.valueOf(before[0]));
      evidence.put("days", String.valueOf(rule.days()));
      evidence.put("factor", num(rule.factor()));
      out.add(new Alert(FAILURE_RATE_INCREASE, severity, s.source(), s.dimension() + "=" + s.value(),
          String.format(Locale.ROOT, "%s %s failed %s (%d/%d) in the %d days to %s against %s (%d/%d) in the %d days "
              + "before: %s as often (difference 95%% interval %s to %s points)", s.dimension(), s.value(),
              pct(rateNow), now[1], now[0], rule.days(), end, pct(rateBefore), before[1], before[0], rule.days(),
              rateBefore == 0 ? "first failures" : String.format(Locale.ROOT, "%.1f times", rateNow / rateBefore),
              signed(d.low()), signed(d.high())),
          FAILURE_RATE, rateNow, Optional.of(rateBefore), Optional.of(d), now[0], start, end, evidence));
    }
    return out;
  }

  /**
   * Series whose latest reliable trend period, one of the last two periods before the anchor of its source, has a
   * failure rate that moved up beyond Newcombe's interval of the difference with the period before it (warning).
   */
  static List<Alert> trendChanges(boolean enabled, List<Trends.Row> rows, Map<String, LocalDate> anchors,
      int periodDays) {
    List<Alert> out = new ArrayList<>();
    if (!enabled || periodDays <= 1) {
      return out;
    }
    Map<Trends.Series, Trends.Row[]> latest = new LinkedHashMap<>(); // {latest reliable recent period, the one before}
    Map<Trends.Series, Trends.Row> last = new LinkedHashMap<>();
    for (Trends.Row r : rows) {
      if (r.period().equals(Trends.DAY)) {
        continue;
      }
      Trends.Row before = last.put(r.series(), r);
      LocalDate anchor = anchors.get(r.series().source());
      if (anchor != null && r.reliable()
          && !r.start().isBefore(Trends.periodStart(anchor, periodDays).minusDays(periodDays))) {
        latest.put(r.series(), new Trends.Row[] {r, before});
      }
    }
    latest.forEach((s, pair) -> {
      Trends.Row r = pair[0];
      Trends.Row prev = pair[1];
      if (!r.change().equals(Optional.of(Trends.UP)) || prev == null) {
        return;
      }
      Stats.Interval d = r.changeInterval().orElseThrow();
      double rate = r.failureRate().orElseThrow();
      double reference = prev.failureRate().orElseThrow();
      Map<String, String> evidence = new LinkedHashMap<>();
      evidence.put("failures", String.valueOf(r.failures()));
      evidence.put("outcomes", String.valueOf(r.outcomes()));
      evidence.put("previous_failures", String.valueOf(prev.failures()));
      evidence.put("previous_outcomes", String.valueOf(prev.outcomes()));
      LocalDate end = r.start().plusDays(periodDays - 1L);
      out.add(new Alert(TREND_CHANGE, Severity.WARNING, s.source(), s.dimension() + "=" + s.value(),
          String.format(Locale.ROOT, "%s %s: the %s starting %s failed %s (%d/%d), up from %s (%d/%d) the %s before "
              + "(difference 95%% interval %s to %s points)", s.dimension(), s.value(), Trends.label(periodDays),
              r.start(), pct(rate), r.failures(), r.outcomes(), pct(reference), prev.failures(), prev.outcomes(),
              Trends.label(periodDays), signed(d.low()), signed(d.high())),
          FAILURE_RATE, rate, Optional.of(reference), Optional.of(d), r.outcomes(), r.start(), end, evidence));
    });
    return out;
  }

  /**
   * Reported patterns that were no candidate on the data before the window (the last {@code days} days up to
   * {@code end}): before = now minus the window's outcomes ({@code window}: lookup key to {outcomes, failures} of the
   * pattern in the window; {@code windowTotals}: model to {outcomes, failures}). A pattern was a candidate before when
   * it had at least min_occurrences outcomes, a failure rate at least the threshold and a one-sided binomial p-value
   * against the model's baseline before at most alpha (not adjusted for multiplicity: a pattern nearly significant
   * before counts as known). Warning, with the numbers now and before. {@code attemptModels}: models of seed 004
   * attempts (their patterns' source is attempt).
   */
  static List<Alert> newPatterns(List<MinedPattern> now, Map<String, PatternSelection.Baseline> baselines,
      Map<String, long[]> window, Map<String, long[]> windowTotals, PatternMiner.Params params,
      java.util.Set<String> attemptModels, LocalDate end, int days) {
    List<Alert> out = new ArrayList<>();
    LocalDate start = end.minusDays(days - 1L);
    for (MinedPattern p : now) {
      if (p.status() != MinedPattern.Status.REPORTED) {
        continue;
      }
      long[] w = window.getOrDefault(PatternSelection.lookupKey(p.model(), p.key()), new long[2]);
      long[] wt = windowTotals.getOrDefault(p.model(), new long[2]);
      PatternSelection.Baseline all = baselines.get(p.model());
      long n = p.sampleCount() - w[0];
      long f = p.failures() - w[1];
      long baseN = all == null ? 0 : all.outcomes() - wt[0];
      double baseRate = baseN <= 0 ? 0.0 : (double) (all.failures() - wt[1]) / baseN;
      boolean known = n >= params.minOccurrences() && (double) f / n >= params.failureThreshold()
          && Stats.binomialUpperTail(f, n, baseRate) <= params.alpha();
      if (known) {
        continue;
      }
      Map<String, String> evidence = new LinkedHashMap<>();
      evidence.put("failures", String.valueOf(p.failures()));
      evidence.put("outcomes", String.valueOf(p.sampleCount()));
      evidence.put("failures_before", String.valueOf(f));
      evidence.put("outcomes_before", String.valueOf(n));
      evidence.put("baseline_rate", num(p.baselineRate()));
      evidence.put("q_value", String.format(Locale.ROOT, "%.3g", p.qValue()));
      evidence.put("days", String.valueOf(days));
      String source = attemptModels.contains(p.model()) ? Outcomes.ATTEMPT : Outcomes.GENERATION;
      out.add(new Alert(NEW_PATTERN, Severity.WARNING, source, p.model() + ": " + p.key(),
          String.format(Locale.ROOT, "new failure pattern on %s: %s fails %s (%d/%d, 95%% interval %s to %s) against a "
              + "baseline of %s; before %s it failed %d of %d", p.model(), p.key(), pct(p.failureRate()),
              p.failures(), p.sampleCount(), pct(p.ciLow()), pct(p.ciHigh()), pct(p.baselineRate()), start, f, n),
          FAILURE_RATE, p.failureRate(), Optional.of(p.baselineRate()),
          Optional.of(new Stats.Interval(p.ciLow(), p.ciHigh())), p.sampleCount(), start, end, evidence));
    }
    return out;
  }

  private static List<Trends.Series> series(List<Trends.Day> days) {
    TreeSet<Trends.Series> out = new TreeSet<>(Comparator.comparing(Trends.Series::source)
        .thenComparing(Trends.Series::dimension).thenComparing(Trends.Series::value));
    days.forEach(d -> out.add(d.series()));
    return List.copyOf(out);
  }

  static String pct(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  private static String signed(double share) {
    return String.format(Locale.ROOT, "%+.1f", share * 100);
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }
}

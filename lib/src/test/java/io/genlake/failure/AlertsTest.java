package io.genlake.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.genlake.config.FailureConfig;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlertsTest {
  static final LocalDate END = LocalDate.parse("2026-11-20");

  private static Trends.Day day(String source, String dimension, String value, LocalDate day, long n, long f) {
    return new Trends.Day(new Trends.Series(source, dimension, value), day, n, f);
  }

  @Test
  void passRateBelowIsWarningUnlessTheWholeIntervalIsBelow() {
    var rule = new FailureConfig.PassRateBelow(true, "attempt", "material_category", 0.4, 14, 10);
    List<Trends.Day> days = new ArrayList<>();
    days.add(day("attempt", "material_category", "wood_hardwood", END, 20, 16)); // 4/20 passed
    days.add(day("attempt", "material_category", "wood_hardwood", END.minusDays(14), 50, 0)); // outside the window
    days.add(day("attempt", "material_category", "metal_ferrous", END.minusDays(3), 40, 36)); // 4/40 passed
    days.add(day("attempt", "material_category", "stone", END.minusDays(1), 5, 5)); // too few to judge
    days.add(day("attempt", "material_category", "glass", END.minusDays(13), 10, 5)); // 50%: fine
    List<Alerts.Alert> alerts = Alerts.sorted(Alerts.passRateBelow(rule, days));
    assertEquals(List.of("material_category=metal_ferrous", "material_category=wood_hardwood"),
        alerts.stream().map(Alerts.Alert::subject).toList());
    assertEquals(Alerts.Severity.CRITICAL, alerts.get(0).severity(), "Wilson upper bound of 4/40 is 23.1% < 40%");
    Alerts.Alert wood = alerts.get(1);
    assertEquals(Alerts.Severity.WARNING, wood.severity(), "Wilson upper bound of 4/20 is 41.6% >= 40%");
    assertEquals("material_category wood_hardwood passed 20.0% of 20 outcomes (4/20) in the 14 days to 2026-11-20, "
        + "below 40.0% (95% interval 8.1% to 41.6%)", wood.message());
    assertEquals(0.2, wood.value(), 0.0);
    assertEquals(Optional.of(Stats.wilson(4, 20, Stats.Z95)), wood.interval());
    assertEquals(LocalDate.parse("2026-11-07"), wood.windowStart());
    assertEquals(Map.of("passed", "4", "outcomes", "20", "days", "14", "threshold", "0.4000"), wood.evidence());
  }

  @Test
  void failureRateIncreaseNeedsTheFactorAndSignificance() {
    var rule = new FailureConfig.RateIncrease(true, "generation", "provider", 2.0, 7, 20, 0.2);
    List<Trends.Day> days = List.of(
        day("generation", "provider", "comfyui", END, 30, 15),
        day("generation", "provider", "comfyui", END.minusDays(7), 30, 3),
        day("generation", "provider", "imagen", END.minusDays(2), 30, 4),
        day("generation", "provider", "imagen", END.minusDays(9), 30, 2), // doubled, not significant
        day("generation", "provider", "pixverse", END, 30, 15),
        day("generation", "provider", "pixverse", END.minusDays(10), 10, 0)); // too few before
    List<Alerts.Alert> alerts = Alerts.rateIncrease(rule, days);
    assertEquals(1, alerts.size());
    Alerts.Alert a = alerts.get(0);
    Stats.Interval d = Stats.differenceInterval(3, 30, 15, 30, Stats.Z95);
    assertEquals("provider=comfyui", a.subject());
    assertEquals(Optional.of(d), a.interval());
    assertEquals(d.low() >= 0.2 ? Alerts.Severity.CRITICAL : Alerts.Severity.WARNING, a.severity());
    assertEquals(0.5, a.value(), 0.0);
    assertEquals(Optional.of(0.1), a.reference());
    assertTrue(a.message().startsWith("provider comfyui failed 50.0% (15/30) in the 7 days to 2026-11-20 against 10.0% "
        + "(3/30) in the 7 days before: 5.0 times as often"), a.message());
    assertEquals(LocalDate.parse("2026-11-14"), a.windowStart());
  }

  @Test
  void trendChangeRaisesOnTheLatestReliablePeriodOnly() {
    Trends.Series sd = new Trends.Series("generation", "model", "sd-v1.5");
    List<Trends.Row> rows = Trends.of(List.of(new Trends.Day(sd, LocalDate.parse("2026-11-09"), 20, 2),
        new Trends.Day(sd, LocalDate.parse("2026-11-16"), 30, 12)), 7, 20);
    List<Alerts.Alert> alerts = Alerts.trendChanges(true, rows, Map.of("generation", LocalDate.parse("2026-11-18")), 7);
    assertEquals(1, alerts.size());
    assertEquals("model=sd-v1.5", alerts.get(0).subject());
    assertEquals(0.4, alerts.get(0).value(), 0.0);
    assertEquals(Optional.of(0.1), alerts.get(0).reference());
    // three weeks later the change is old news
    assertEquals(List.of(), Alerts.trendChanges(true, rows, Map.of("generation", LocalDate.parse("2026-12-07")), 7));
    assertEquals(List.of(), Alerts.trendChanges(false, rows, Map.of("generation", LocalDate.parse("2026-11-18")), 7));
  }

  @Test
  void newPatternsAreTheReportedOnesThatWereNoCandidateBefore() {
    MinedPattern known = pattern("Expression=angry & Pose=profile", MinedPattern.Status.REPORTED);
    MinedPattern fresh = pattern("Lighting=backlit & Pose=lying down", MinedPattern.Status.REPORTED);
    MinedPattern redundant = pattern("Expression=angry & Pose=profile & sampler=DDIM", MinedPattern.Status.REDUNDANT);
    var params = new PatternMiner.Params(10, 0.7, 3, 0.05);
    var baselines = Map.of("sd-v1.5", new PatternSelection.Baseline(200, 20));
    // in the window: 4 of the known pattern's 20 outcomes (before: 16, 14 failed), 15 of the fresh one's (before: 5)
    Map<String, long[]> window = Map.of(PatternSelection.lookupKey("sd-v1.5", known.key()), new long[] {4, 4},
        PatternSelection.lookupKey("sd-v1.5", fresh.key()), new long[] {15, 14});
    Map<String, long[]> totals = Map.of("sd-v1.5", new long[] {50, 18});
    List<Alerts.Alert> alerts = Alerts.newPatterns(List.of(known, fresh, redundant), baselines, window, totals, params,
        Set.of(), END, 14);
    assertEquals(1, alerts.size());
    Alerts.Alert a = alerts.get(0);
    assertEquals("sd-v1.5: Lighting=backlit & Pose=lying down", a.subject());
    assertEquals("generation", a.source());
    assertEquals(LocalDate.parse("2026-11-07"), a.windowStart());
    assertEquals("new failure pattern on sd-v1.5: Lighting=backlit & Pose=lying down fails 90.0% (18/20, 95% interval "
        + "70.0% to 97.0%) against a baseline of 10.0%; before 2026-11-07 it failed 4 of 5", a.message());
    assertEquals("attempt", Alerts.newPatterns(List.of(fresh), baselines, window, totals, params, Set.of("sd-v1.5"), END,
        14).get(0).source());
    // nothing in the window: every reported pattern was already there
    assertEquals(List.of(), Alerts.newPatterns(List.of(known, fresh), baselines, Map.of(), Map.of(), params, Set.of(), END,
        14));
  }

  private static MinedPattern pattern(String key, MinedPattern.Status status) {
    return new MinedPattern("sd-v1.5", Map.of(), key, 2, 20, 18, 0.9, 0.1, 9, 0.7, 0.97, 1e-9, 1e-7,
        Optional.of("malformed"), status, Optional.empty(), List.of());
  }
}

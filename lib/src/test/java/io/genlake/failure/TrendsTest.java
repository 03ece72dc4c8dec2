package io.genlake.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrendsTest {
  static final Trends.Series SD = new Trends.Series("generation", "model", "sd-v1.5");

  private static Trends.Day day(String date, long n, long f) {
    return new Trends.Day(SD, LocalDate.parse(date), n, f);
  }

  @Test
  void periodsStartOnMondaysAndAreLabelled() {
    assertEquals(LocalDate.parse("2026-11-16"), Trends.periodStart(LocalDate.parse("2026-11-18"), 7));
    assertEquals(LocalDate.parse("2026-11-16"), Trends.periodStart(LocalDate.parse("2026-11-16"), 7));
    assertEquals(LocalDate.parse("2026-11-09"), Trends.periodStart(LocalDate.parse("2026-11-15"), 7));
    // 14-day periods are aligned on Monday 1970-01-05 too: 2026-11-09 is 20,762 days after it, 1,483 periods
    assertEquals(LocalDate.parse("2026-11-09"), Trends.periodStart(LocalDate.parse("2026-11-22"), 14));
    assertEquals(LocalDate.parse("2026-11-18"), Trends.periodStart(LocalDate.parse("2026-11-18"), 1));
    assertEquals(List.of("day", "week", "14d"), List.of(Trends.label(1), Trends.label(7), Trends.label(14)));
  }

  @Test
  void weeksCarryWilsonIntervalsMinimumCountsAndChanges() {
    List<Trends.Row> rows = Trends.of(List.of(day("2026-11-02", 10, 1), day("2026-11-04", 15, 2),
        day("2026-11-10", 20, 2), day("2026-11-18", 30, 12)), 7, 20);
    List<Trends.Row> days = rows.stream().filter(r -> r.period().equals("day")).toList();
    List<Trends.Row> weeks = rows.stream().filter(r -> r.period().equals("week")).toList();
    assertEquals(17, days.size(), "every day from 2026-11-02 to 2026-11-18");
    assertEquals(13, days.stream().filter(r -> r.outcomes() == 0).count());
    assertEquals(Optional.empty(), days.get(1).failureRate(), "an empty day has no rate");
    assertTrue(days.stream().allMatch(r -> r.change().isEmpty()), "days are never compared");
    assertEquals(List.of(LocalDate.parse("2026-11-02"), LocalDate.parse("2026-11-09"), LocalDate.parse("2026-11-16")),
        weeks.stream().map(Trends.Row::start).toList());
    assertEquals(List.of(25L, 20L, 30L), weeks.stream().map(Trends.Row::outcomes).toList());
    assertEquals(List.of(3L, 2L, 12L), weeks.stream().map(Trends.Row::failures).toList());
    assertEquals(Optional.of(Stats.wilson(12, 30, Stats.Z95)), weeks.get(2).interval());
    assertTrue(weeks.stream().allMatch(Trends.Row::reliable));
    assertEquals(Optional.empty(), weeks.get(0).change(), "no period before the first");
    assertEquals(Optional.of("none"), weeks.get(1).change(), "3/25 then 2/20: within the interval");
    assertEquals(Optional.of("up"), weeks.get(2).change(), "2/20 then 12/30");
    assertEquals(Optional.of(Stats.differenceInterval(2, 20, 12, 30, Stats.Z95)), weeks.get(2).changeInterval());
    assertTrue(weeks.get(2).changeInterval().get().low() > 0);
  }

  @Test
  void unreliablePeriodsAreNeverCompared() {
    List<Trends.Row> weeks = Trends.of(List.of(day("2026-11-02", 19, 1), day("2026-11-10", 30, 20)), 7, 20).stream()
        .filter(r -> r.period().equals("week")).toList();
    assertFalse(weeks.get(0).reliable(), "19 outcomes, fewer than 20");
    assertEquals(Optional.empty(), weeks.get(1).change());
    long[] w = Trends.window(List.of(day("2026-11-02", 19, 1), day("2026-11-10", 30, 20)), SD,
        LocalDate.parse("2026-11-10"), 7);
    assertEquals(30L, w[0]);
    assertEquals(20L, w[1]);
  }
}

package io.genlake.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad-row rule is present, and the summary's counts match what a contract check finds in the files. */
class BadRowsTest {
  @TempDir static Path dir;
  static GenerationSummary summary;

  @BeforeAll
  static void generate() {
    summary = LandingGenerator.write(dir, 1500, 11, 0.08);
  }

  @Test
  void everyKindBreaksEveryRuleItsFormatsAllow() {
    for (Kind kind : Kind.values()) {
      for (BadRule rule : BadRule.values()) {
        boolean applies = false;
        for (Format format : Format.values()) {
          applies |= summary.rowsByFormat().containsKey(kind.label + "/" + format.label)
              && BadRule.applicable(kind, format).contains(rule);
        }
        long count = summary.badRowsByKindAndRule().getOrDefault(kind.label + "/" + rule.label, 0L);
        assertEquals(applies, count > 0, kind.label + "/" + rule.label + " = " + count);
      }
    }
  }

  @Test
  void zeroBadRateWritesNoBadRows(@TempDir Path other) {
    GenerationSummary clean = LandingGenerator.write(other, 60, 11, 0);
    assertEquals(0, clean.totalBadRows());
  }

  @Test
  void badRowsAreAboutTheBadRateOfAllRows() {
    double share = (double) summary.totalBadRows() / (summary.totalRows() + summary.totalBadRows());
    assertTrue(share > 0.07 && share < 0.09, "bad share " + share);
  }

  @Test
  void summaryCountsMatchTheFilesPerKindFormatAndRule() {
    Map<String, Long> byKindRule = new TreeMap<>();
    Map<String, Long> goodByFormat = new TreeMap<>();
    for (Kind kind : Kind.values()) {
      for (LandingFiles.Line line : LandingFiles.read(dir, kind)) {
        String rule = line.problem();
        if (rule == null) {
          rule = ContractCheck.brokenRule(kind, line.fields());
          // a row breaks the contract exactly when the generator made it bad (re-keyed)
          assertEquals(rule != null, ContractCheck.badKey(kind, line.fields()),
              kind.label + " " + line.format() + " rule " + rule + ": " + line.fields());
        }
        if (rule == null) {
          goodByFormat.merge(kind.label + "/" + line.format(), 1L, Long::sum);
        } else {
          byKindRule.merge(kind.label + "/" + rule, 1L, Long::sum);
        }
      }
    }
    assertEquals(new TreeMap<>(summary.badRowsByKindAndRule()), byKindRule);
    Map<String, Long> expectedGood = new TreeMap<>(summary.rowsByFormat());
    expectedGood.values().removeIf(v -> v == 0);
    assertEquals(expectedGood, goodByFormat);
  }
}

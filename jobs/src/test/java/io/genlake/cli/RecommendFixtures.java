package io.genlake.cli;

import io.genlake.preference.PairCounts;
import io.genlake.preference.ParameterStat;
import io.genlake.preference.ServingSnapshot;
import io.genlake.preference.SnapshotData;
import io.genlake.preference.ValueStats;
import io.genlake.table.GoldParameterStats;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A preference snapshot with every section (shared and per-user pairs, anchors, a keyword LoRA, parameters) written
 * where {@code recommend} reads it: "portrait" favours A in the shared pool (12/15 against 8/15) while alice chose B
 * 6 of 6 times, so alice is recommended B.
 */
final class RecommendFixtures {
  private RecommendFixtures() {}

  static void writeSnapshot(Path warehouse) throws IOException {
    Path file = warehouse.resolve(ServingSnapshot.RELATIVE_PATH);
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file)) {
      new SnapshotData(Instant.parse("2026-11-08T00:00:00Z"), 30, "data")
          .globalAnchor(Instant.parse("2026-11-07T18:00:00Z"))
          .putGlobal("portrait", "A", PairCounts.of(12, 15)).putGlobal("portrait", "B", PairCounts.of(8, 15))
          .putCheckpoint("A", PairCounts.of(12, 15)).putCheckpoint("B", PairCounts.of(8, 15))
          .putUser("alice", "portrait", "B", PairCounts.of(6, 6))
          .userAnchor("alice", Instant.parse("2026-11-01T00:00:00Z"))
          .putKeywordLora("portrait", "detail", PairCounts.of(8, 10))
          .putParameter(GoldParameterStats.KEYWORD, "portrait", new ParameterStat(GoldParameterStats.LORA_STRENGTH,
              "detail", new ValueStats(8, 0.6, 0.01, 2, 0.9, 0.0)))
          .putParameter(GoldParameterStats.KEYWORD, "portrait", new ParameterStat("steps", "",
              new ValueStats(10, 30, 4, 5, 20, 4)))
          .build().write(out);
    }
  }
}

package io.genlake.preference;

import io.genlake.config.PreferenceConfig;
import java.time.Instant;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The preference benchmark's entry into the nightly aggregation ({@code genlake bench prefs}). */
public final class PairCountsBenchmark {
  private PairCountsBenchmark() {}

  /**
   * Builds the pair counts of silver-shaped preference events (e.g. a Parquet file) as of {@code asOf}, the same
   * extraction and aggregation the nightly step runs. Returns the unscored counts.
   */
  public static Dataset<Row> pairCounts(Dataset<Row> preferenceEvents, Instant asOf, PreferenceConfig c) {
    PreferenceSettings s = PreferenceSettings.of(c, KeywordNormalizer.identity());
    Dataset<Row> events = PreferenceEvents.fromPreferenceEvents(preferenceEvents, c.sharePreferencesDefault());
    return PairStats.aggregate(PairStats.prepare(events, s.extractor(), asOf, c.decayDays()));
  }
}

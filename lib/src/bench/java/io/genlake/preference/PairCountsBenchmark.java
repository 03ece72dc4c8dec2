package io.genlake.preference;

import io.genlake.config.PreferenceConfig;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The preference benchmark's entry into the nightly aggregation ({@code genlake bench prefs}). */
public final class PairCountsBenchmark {
  private PairCountsBenchmark() {}

  /**
   * Builds the pair statistics of silver-shaped preference events (e.g. a Parquet file), the same extraction and
   * aggregation the nightly step runs: stored pair rows, decayed sums kept as of each pair's newest event.
   */
  public static Dataset<Row> pairCounts(Dataset<Row> preferenceEvents, PreferenceConfig c) {
    PreferenceSettings s = PreferenceSettings.of(c, KeywordNormalizer.identity());
    Dataset<Row> events = PreferenceEvents.fromPreferenceEvents(preferenceEvents, c.sharePreferencesDefault());
    return PairStats.aggregate(PairStats.prepare(events, s.extractor()), s.decay());
  }
}

package io.genlake.cli;

import io.genlake.failure.FailureAnalytics;
import io.genlake.failure.MinedPattern;
import io.genlake.failure.PlantedPatterns;
import io.genlake.pipeline.Progress;
import io.genlake.warehouse.Warehouse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code genlake bench failures --attempts 1000000}: generates outcomes with 6 variation dimensions and ten
 * planted failing combinations, mines them (time, recall, false-discovery share), then computes seed 004's
 * category statistics on the same data with seed 004's SQL in SQLite (sqlite-jdbc, in memory) and in Spark,
 * and prints the ratio. Timings are medians over --runs.
 */
@Command(name = "failures", mixinStandardHelpOptions = true,
    description = "Benchmark failure pattern mining (recall/FDR on planted patterns) and seed 004's category stats "
        + "in SQLite vs Spark.")
final class BenchFailuresCommand implements Callable<Integer> {
  /** Seed 004's generation_attempts table (its schema, verbatim in columns and types). */
  static final String SEED_TABLE = "CREATE TABLE generation_attempts (id TEXT PRIMARY KEY, timestamp TEXT NOT NULL, "
      + "material TEXT NOT NULL, category TEXT NOT NULL, gen_prompt_length INTEGER, guidance_scale REAL, "
      + "contamination_uniformity INTEGER, view_mode TEXT, patterns_used TEXT, feedback_applied BOOLEAN, "
      + "feedback_text TEXT, feedback_category TEXT, feedback_source TEXT, val_prompt_length INTEGER, "
      + "val_truncated BOOLEAN, realism_score INTEGER, passed BOOLEAN, physics_issues TEXT, red_flags TEXT, "
      + "failure_category TEXT, retry_count INTEGER, final_success BOOLEAN, image_path TEXT, image_size_kb REAL, notes TEXT)";
  static final List<String> SEED_INDEXES = List.of(
      "CREATE INDEX idx_category ON generation_attempts(category)",
      "CREATE INDEX idx_timestamp ON generation_attempts(timestamp)",
      "CREATE INDEX idx_passed ON generation_attempts(passed)");
  /** Seed 004's get_category_stats query; the same text runs in both engines. */
  static final String SEED_CATEGORY_STATS = "SELECT category, COUNT(*) AS total_attempts, "
      + "SUM(CASE WHEN passed = 1 THEN 1 ELSE 0 END) AS successful, AVG(realism_score) AS avg_score "
      + "FROM generation_attempts GROUP BY category ORDER BY category";

  @Mixin WarehouseOptions warehouse;

  @Option(names = "--attempts", defaultValue = "1000000", description = "Outcomes to generate. Default: ${DEFAULT-VALUE}.")
  long attempts;

  @Option(names = "--runs", defaultValue = "1", description = "Repetitions; medians are printed. Default: ${DEFAULT-VALUE}.")
  int runs;

  @Option(names = "--seed", defaultValue = "42", description = "Generator seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--min-occurrences", defaultValue = "30", description = "Support. Default: ${DEFAULT-VALUE}.")
  int minOccurrences;

  @Override
  public Integer call() throws SQLException {
    Warehouse w = Session.openForBench("bench failures", warehouse);
    SparkSession spark = w.spark();
    int partitions = spark.sparkContext().defaultParallelism();
    var config = warehouse.config().failure();
    var query = new FailureAnalytics.PatternQuery(Optional.empty(), minOccurrences, config.failureThreshold(),
        config.maxItems(), config.alpha(), false);
    say("generating " + Progress.count(attempts) + " outcomes (6 variation dimensions, checkpoint, sampler, cfg, "
        + "steps; 10 planted patterns) on " + partitions + " partitions");
    long t0 = System.nanoTime();
    Dataset<Row> outcomes = PlantedPatterns.generate(spark, attempts, seed, partitions).cache();
    outcomes.count();
    say("generated and cached in " + Progress.seconds(System.nanoTime() - t0));

    List<Long> mining = new ArrayList<>();
    List<MinedPattern> patterns = List.of();
    FailureAnalytics.PatternAnswer answer = null;
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      answer = FailureAnalytics.minePatterns(outcomes, query);
      mining.add(System.nanoTime() - t);
      patterns = answer.patterns();
    }
    PlantedPatterns.Evaluation e = PlantedPatterns.evaluate(patterns);
    say("mining: median " + Progress.seconds(median(mining)) + " over " + runs + " run(s), k=" + query.maxItems()
        + ", min_occurrences=" + minOccurrences + ", threshold=" + query.failureThreshold() + ", alpha=" + query.alpha()
        + "; tested " + Progress.count(answer.counts().count("patterns.tested")) + " combinations, "
        + answer.counts().count("patterns.significant") + " significant, " + e.reported() + " reported");
    say(String.format(Locale.ROOT, "planted patterns: recall %.3f (%d of %d), false-discovery share %.3f "
        + "(%d reported neither planted nor containing one; strict share %.3f counting %d supersets of planted)",
        e.recall(), e.found(), e.planted(), e.falseDiscoveryShare(), e.unexplained(), e.strictFalseDiscoveryShare(),
        e.explained()));
    say(String.format(Locale.ROOT, "mining throughput: %,.0f outcomes/s", attempts / (median(mining) / 1e9)));

    // seed 004's category stats: the same data in SQLite and in Spark, the same SQL text
    Dataset<Row> seedRows = PlantedPatterns.asSeedAttempts(outcomes).cache();
    seedRows.count();
    seedRows.createOrReplaceTempView("generation_attempts");
    try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite::memory:")) {
      long load = loadSqlite(sqlite, seedRows);
      say("sqlite: loaded " + Progress.count(attempts) + " rows in " + Progress.seconds(load) + " (not timed below)");
      List<Long> sqliteTimes = new ArrayList<>();
      List<Long> sparkTimes = new ArrayList<>();
      List<String> sqliteResult = List.of();
      List<String> sparkResult = List.of();
      for (int i = 0; i < Math.max(runs, 3); i++) {
        long t = System.nanoTime();
        sqliteResult = querySqlite(sqlite);
        sqliteTimes.add(System.nanoTime() - t);
        t = System.nanoTime();
        sparkResult = Arrays.stream((Row[]) spark.sql(SEED_CATEGORY_STATS).collect())
            .map(r -> line(r.getString(0), r.getLong(1), r.getLong(2), r.getDouble(3))).toList();
        sparkTimes.add(System.nanoTime() - t);
      }
      if (!sqliteResult.equals(sparkResult)) {
        throw new IllegalStateException("SQLite and Spark disagree on seed 004's category stats: " + sqliteResult
            + " vs " + sparkResult);
      }
      long sq = median(sqliteTimes);
      long sp = median(sparkTimes);
      say("category stats (" + sparkResult.size() + " categories, identical results): sqlite " + Progress.seconds(sq)
          + ", spark " + Progress.seconds(sp) + String.format(Locale.ROOT, ", sqlite/spark time ratio %.2f", (double) sq / sp));
    }
    return 0;
  }

  private static long loadSqlite(Connection c, Dataset<Row> rows) throws SQLException {
    long t = System.nanoTime();
    try (Statement s = c.createStatement()) {
      s.execute(SEED_TABLE);
    }
    c.setAutoCommit(false);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO generation_attempts "
        + "(id, timestamp, material, category, realism_score, passed) VALUES (?, ?, 'generated', ?, ?, ?)")) {
      Iterator<Row> it = rows.toLocalIterator();
      int n = 0;
      while (it.hasNext()) {
        Row r = it.next();
        ps.setString(1, r.getString(0));
        ps.setString(2, r.getString(1));
        ps.setString(3, r.getString(2));
        ps.setInt(4, r.getInt(3));
        ps.setInt(5, r.getInt(4));
        ps.addBatch();
        if (++n % 10_000 == 0) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
    }
    c.commit();
    try (Statement s = c.createStatement()) {
      for (String index : SEED_INDEXES) {
        s.execute(index);
      }
    }
    c.commit();
    return System.nanoTime() - t;
  }

  private static List<String> querySqlite(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SEED_CATEGORY_STATS)) {
      while (rs.next()) {
        out.add(line(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getDouble(4)));
      }
    }
    return out;
  }

  private static String line(String category, long total, long ok, double avg) {
    return String.format(Locale.ROOT, "%s:%d:%d:%.6f", category, total, ok, avg);
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get(sorted.size() / 2);
  }

  private static void say(String line) {
    System.out.println("[bench failures] " + line);
    System.out.flush();
  }
}

package io.genlake.cli;

import io.genlake.config.GenlakeConfig;
import io.genlake.pipeline.Progress;
import io.genlake.preference.PairCountsBenchmark;
import io.genlake.preference.SyntheticPreferenceEvents;
import io.genlake.spark.SparkSessions;
import io.genlake.text.Keywords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code genlake bench prefs --events N}: builds the preference pair statistics of N synthetic events with
 * Spark (the nightly code path: Java keyword extraction, one shuffle on the pair key) and, on the same Parquet
 * input, the same aggregation in DuckDB (SQL tokenizer equivalent on these plain-word prompts); prints both
 * times, rows per second, their ratio, and checks that both produced the same pairs and sums. With
 * {@code --generations N}: the nightly preference step full and incremental on a generated landing
 * ({@link BenchPrefsNightly}).
 */
@Command(name = "prefs", mixinStandardHelpOptions = true,
    description = "Benchmark the preference pair statistics: Spark vs DuckDB on the same synthetic Parquet events; "
        + "with --generations, the nightly preference step full and incremental.")
final class BenchPrefsCommand implements Callable<Integer> {
  private static final Instant AS_OF = Instant.parse("2026-11-21T00:00:00Z");
  private static final long EVENTS_PER_FILE = 250_000;
  /** Events per shuffle partition: about 50 MB of pair rows, which a reduce task sorts in memory. */
  private static final long EVENTS_PER_SHUFFLE_PARTITION = 40_000;

  @Mixin WarehouseOptions warehouse;

  @Option(names = "--events", defaultValue = "10000000", description = "Synthetic events. Default: ${DEFAULT-VALUE}.")
  long events;

  @Option(names = "--users", defaultValue = "5000", description = "Distinct users. Default: ${DEFAULT-VALUE}.")
  int users;

  @Option(names = "--dir", defaultValue = "bench-data/prefs", description = "Where inputs and outputs go. Default: ${DEFAULT-VALUE}.")
  Path dir;

  @Option(names = "--skip-duckdb", description = "Time Spark only.")
  boolean skipDuckdb;

  @Option(names = "--skip-spark", description = "Time DuckDB only (compares with the previous Spark output in --dir).")
  boolean skipSpark;

  @Option(names = "--duckdb-memory", defaultValue = "3GB",
      description = "DuckDB memory_limit; it spills to --dir beyond it. Default: ${DEFAULT-VALUE}.")
  String duckdbMemory;

  @Option(names = "--generations", paramLabel = "N", defaultValue = "0",
      description = "Instead: the nightly preference step on a generated landing of N generations, full, then with "
          + "--new-share new data (incremental), then --full again; prints the times, their ratio and the offline "
          + "evaluation. Default: off.")
  long generations;

  @Option(names = "--new-share", paramLabel = "R", defaultValue = "0.01",
      description = "With --generations: new data as a share of N. Default: ${DEFAULT-VALUE}.")
  double newShare;

  @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "With --generations: the run date (default today, UTC).")
  Optional<LocalDate> date = Optional.empty();

  @Override
  public Integer call() throws Exception {
    GenlakeConfig config = warehouse.config();
    Progress p = new Progress(System.err, false);
    if (generations > 0) {
      if (generations < 100 || !(newShare > 0 && newShare <= 1)) {
        throw new IllegalArgumentException("Cannot benchmark --generations " + generations + " with --new-share "
            + newShare + ": give at least 100 generations and a share in (0, 1].");
      }
      SparkSession spark = SparkSessions.create("genlake bench prefs", config.spark().withMaster(
          warehouse.master.orElse(config.spark().master())), dir);
      BenchPrefsNightly.run(spark, config, generations, newShare, date.orElse(LocalDate.now(ZoneOffset.UTC)), dir, p,
          System.out);
      return 0;
    }
    // ~50 pair rows per event: size the shuffle for the input (adaptive execution coalesces small partitions),
    // and read in splits of ~350,000 events, so one map task's pair rows fit its share of memory
    int partitions = (int) Math.max(config.spark().shufflePartitions(), events / EVENTS_PER_SHUFFLE_PARTITION);
    java.util.Map<String, String> conf = new java.util.HashMap<>(config.spark().conf());
    conf.putIfAbsent("spark.sql.files.maxPartitionBytes", "16m");
    SparkSession spark = SparkSessions.create("genlake bench prefs", config.spark().withMaster(
        warehouse.master.orElse(config.spark().master())).with(partitions, conf), dir);
    p.step("bench prefs", "spark.sql.shuffle.partitions = " + partitions + ", spark.sql.files.maxPartitionBytes = "
        + conf.get("spark.sql.files.maxPartitionBytes"));
    Path input = dir.resolve("events-" + events + ".parquet").toAbsolutePath();
    if (!Files.exists(input.resolve("_SUCCESS"))) {
      long t = System.nanoTime();
      // files of at most 250,000 events, so the Spark read has enough input splits on 2 cores at 10M events
      SyntheticPreferenceEvents.generate(spark, events, users, AS_OF).write().mode(SaveMode.Overwrite)
          .option("maxRecordsPerFile", EVENTS_PER_FILE).parquet(input.toString());
      p.step("bench prefs", "generated " + Progress.count(events) + " events to " + input + " in "
          + Progress.seconds(System.nanoTime() - t));
    } else {
      p.step("bench prefs", "reusing " + input);
    }
    Path sparkOut = dir.resolve("spark-pairs.parquet").toAbsolutePath();
    long sparkNanos = 0;
    if (!skipSpark) {
      long t0 = System.nanoTime();
      PairCountsBenchmark.pairCounts(spark.read().parquet(input.toString()), config.preference())
          .write().mode(SaveMode.Overwrite).parquet(sparkOut.toString());
      sparkNanos = System.nanoTime() - t0;
      p.step("bench prefs", "spark: " + Progress.seconds(sparkNanos) + ", " + rate(events, sparkNanos) + " events/s");
    }
    if (skipDuckdb) {
      return 0;
    }
    Path duckOut = dir.resolve("duckdb-pairs.parquet").toAbsolutePath();
    if (Files.exists(duckOut)) {
      try (var files = Files.list(duckOut)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
    }
    Files.createDirectories(duckOut);
    int threads = Runtime.getRuntime().availableProcessors();
    long duckNanos;
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      st.execute("SET threads = " + threads);
      // a bounded memory limit (spilling to disk beyond it): the JVM shares the machine with DuckDB
      st.execute("SET memory_limit = " + quote(duckdbMemory.replaceAll("[^0-9A-Za-z. ]", "")));
      st.execute("SET temp_directory = " + quote(dir.resolve("duckdb-tmp").toAbsolutePath().toString()));
      long t1 = System.nanoTime();
      st.execute(duckdbPairs(input, duckOut, config.preference().timeConstantDays(),
          config.preference().minKeywordLength()));
      duckNanos = System.nanoTime() - t1;
      p.step("bench prefs", "duckdb (" + threads + " threads): " + Progress.seconds(duckNanos) + ", "
          + rate(events, duckNanos) + " events/s");
      if (sparkNanos > 0) {
        p.step("bench prefs", String.format(Locale.ROOT, "ratio spark/duckdb: %.2fx", sparkNanos / (double) duckNanos));
      }
      p.step("bench prefs", "spark  result: " + summary(st, sparkOut));
      p.step("bench prefs", "duckdb result: " + summary(st, duckOut));
    }
    return 0;
  }

  private static String rate(long n, long nanos) {
    return Progress.count(Math.round(n / (nanos / 1e9)));
  }

  /** Pairs, and sums of every count column: equal for both engines when they agree. */
  private static String summary(Statement st, Path parquet) throws SQLException {
    try (ResultSet r = st.executeQuery("SELECT count(*), sum(selected), sum(rejected), round(sum(decayed_selected), 3), "
        + "round(sum(decayed_rejected), 3) FROM read_parquet(" + quote(parquet + "/*.parquet") + ")")) {
      r.next();
      return String.format(Locale.ROOT, "%,d pairs, selected %,d, rejected %,d, decayed %.3f / %.3f",
          r.getLong(1), r.getLong(2), r.getLong(3), r.getDouble(4), r.getDouble(5));
    }
  }

  /**
   * The DuckDB statement: tokenize (lower case, split on non-alphanumerics, stop words and short words out,
   * distinct), weight exp(-age_days / decay_days) at the benchmark's as_of, explode scopes and the five pair kinds,
   * group by the pair; the decayed sums are then carried to each pair's newest event (the stored form), multiplied
   * by exp((as_of - newest) / decay_days).
   * The tokenized events are materialized once (DuckDB 1.1 inlines a CTE into every branch that reads it, which
   * tokenized each event four times) and lists are expanded by unnest in the select list (lateral unnest joins and
   * nested list lambdas were 2 to 5 times slower on this query); the result is the same. Only constants and the
   * benchmark's own paths (quoted) go into the text.
   */
  static String duckdbPairs(Path input, Path output, double decayDays, int minLength) {
    StringBuilder stop = new StringBuilder("[");
    for (String w : new TreeSet<>(Keywords.DEFAULT_STOP_WORDS)) {
      stop.append(stop.length() > 1 ? "," : "").append('\'').append(w).append('\'');
    }
    stop.append(']');
    String tokens = "list_distinct(list_filter(regexp_split_to_array(lower(coalesce(%s, '')), '[^a-z0-9]+'), "
        + "x -> length(x) >= " + minLength + " AND NOT list_contains(" + stop + ", x)))";
    String asOf = "TIMESTAMP '" + AS_OF.toString().replace("T", " ").replace("Z", "") + "'";
    return "COPY (WITH ev AS MATERIALIZED (SELECT user_id, coalesce(share_preferences, true) AS share, checkpoint, "
        + "action = 'selected' AS sel, "
        + "exp(-(epoch(" + asOf + ") - epoch(created_at)) / 86400.0 / " + decayDays + ") AS w, created_at AS t, "
        + String.format(tokens, "prompt") + " AS kws, " + String.format(tokens, "negative_prompt") + " AS negs, "
        + "list_distinct(list_transform(loras, l -> l.name)) AS los, "
        + "list_filter([user_id, CASE WHEN coalesce(share_preferences, true) THEN '*' END], x -> x IS NOT NULL) AS scopes "
        + "FROM read_parquet(" + quote(input + "/*.parquet") + ")), "
        + "es AS (SELECT unnest(scopes) AS scope, checkpoint, sel, w, t, kws, negs, los FROM ev), "
        + "ek AS (SELECT scope, checkpoint, sel, w, t, unnest(kws) AS a, negs, los FROM es), "
        + "pairs AS ("
        + "SELECT scope, 'keyword_checkpoint' AS kind, a, checkpoint AS b, sel, w, t FROM ek "
        + "UNION ALL SELECT scope, 'keyword_lora', a, unnest(los), sel, w, t FROM ek "
        + "UNION ALL SELECT scope, 'keyword_negative', a, unnest(negs), sel, w, t FROM ek "
        + "UNION ALL SELECT scope, 'checkpoint_lora', checkpoint, unnest(los), sel, w, t FROM es "
        + "UNION ALL SELECT scope, 'checkpoint', checkpoint, '', sel, w, t FROM es) "
        + "SELECT scope AS user_id, kind, a AS item_a, b AS item_b, "
        + "sum(CASE WHEN sel THEN 1 ELSE 0 END)::BIGINT AS selected, sum(CASE WHEN sel THEN 0 ELSE 1 END)::BIGINT AS rejected, "
        + "sum(CASE WHEN sel THEN w ELSE 0 END) * exp((epoch(" + asOf + ") - epoch(max(t))) / 86400.0 / " + decayDays
        + ") AS decayed_selected, "
        + "sum(CASE WHEN sel THEN 0 ELSE w END) * exp((epoch(" + asOf + ") - epoch(max(t))) / 86400.0 / " + decayDays
        + ") AS decayed_rejected, max(t) AS last_event_at "
        + "FROM pairs GROUP BY ALL) TO " + quote(output + "/part-0.parquet") + " (FORMAT PARQUET)";
  }

  /** A file path as an SQL string literal. */
  private static String quote(String path) {
    return "'" + path.replace("'", "''") + "'";
  }
}

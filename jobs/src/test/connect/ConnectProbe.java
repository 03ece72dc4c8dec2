import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark Connect client for SqlEndpointIT and the SQL endpoint's benchmark: runs in a JVM of its own on the Scala
 * client's jar (whose SparkSession is the client's, not Spark's), launched as a source file
 * ({@code java -cp CLIENT_CP ConnectProbe.java URL ...}).
 *
 * <ul>
 *   <li>{@code URL SQL...}: runs each statement, prints {@code ## SQL}, then one line per row ({@code a|b|c}), or
 *       {@code !! refused: MESSAGE} when the server refuses it.</li>
 *   <li>{@code URL --table NAME}: reads the table through the DataFrame API (no SQL) and prints its rows sorted by
 *       every column.</li>
 *   <li>{@code URL --artifact FILE}: tries to upload a file to the server; prints {@code !! refused: ...} or
 *       {@code uploaded}.</li>
 *   <li>{@code URL --latency N SQL...}: runs the statements round-robin N times after 20 untimed ones, prints
 *       {@code latency_ns} and every time, then {@code latency_ms p50 p99 max}.</li>
 * </ul>
 */
public final class ConnectProbe {
  public static void main(String[] args) throws Exception {
    SparkSession spark = SparkSession.builder().remote(args[0]).getOrCreate();
    try {
      if (args.length > 2 && args[1].equals("--table")) {
        var t = spark.table(args[2]);
        print(t.sort(Arrays.stream(t.columns()).map(t::col).toArray(org.apache.spark.sql.Column[]::new))
            .collectAsList());
      } else if (args.length > 2 && args[1].equals("--artifact")) {
        try {
          spark.addArtifact(args[2]);
          System.out.println("uploaded");
        } catch (Exception e) {
          System.out.println("!! refused: " + oneLine(e));
        }
      } else if (args.length > 3 && args[1].equals("--latency")) {
        latency(spark, Integer.parseInt(args[2]), Arrays.copyOfRange(args, 3, args.length));
      } else {
        for (int i = 1; i < args.length; i++) {
          System.out.println("## " + args[i]);
          try {
            print(spark.sql(args[i]).collectAsList());
          } catch (Exception e) {
            System.out.println("!! refused: " + oneLine(e));
          }
        }
      }
    } finally {
      spark.close();
    }
  }

  private static void latency(SparkSession spark, int n, String[] queries) {
    List<Long> nanos = new ArrayList<>();
    for (int i = -20; i < n; i++) { // 20 untimed queries first, as the Hive JDBC figure of bench sql-endpoint
      long t0 = System.nanoTime();
      spark.sql(queries[Math.floorMod(i, queries.length)]).collectAsList();
      if (i >= 0) {
        nanos.add(System.nanoTime() - t0);
      }
    }
    StringBuilder all = new StringBuilder("latency_ns");
    nanos.forEach(v -> all.append(' ').append(v));
    System.out.println(all);
    nanos.sort(null);
    System.out.printf(java.util.Locale.ROOT, "latency_ms %.1f %.1f %.1f%n", nanos.get((n - 1) / 2) / 1e6,
        nanos.get((int) Math.ceil(0.99 * n) - 1) / 1e6, nanos.get(n - 1) / 1e6);
  }

  private static void print(List<Row> rows) {
    for (Row r : rows) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < r.size(); i++) {
        b.append(i > 0 ? "|" : "").append(r.get(i));
      }
      System.out.println(b);
    }
  }

  private static String oneLine(Throwable e) {
    StringBuilder m = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      m.append(" / ").append(c.getMessage());
    }
    return m.toString().replace('\n', ' ');
  }
}

package io.genlake.cli;

/**
 * The entry point of {@code genlake serve-sql} that {@code bin/genlake} starts on the Thrift server's class path
 * ({@code jobs/target/serve-sql-classpath.txt}: classpath.txt plus Spark's Thrift server and the Hive jars under it,
 * which no other command loads): the same {@link ServeSqlCommand}, options and messages as under the {@link Genlake}
 * root.
 */
public final class ServeSqlMain {
  private ServeSqlMain() {}

  public static void main(String[] args) {
    System.exit(ServeMain.alone("serve-sql", new ServeSqlCommand(), args));
  }
}

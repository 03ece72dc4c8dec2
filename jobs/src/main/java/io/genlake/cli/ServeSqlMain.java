package io.genlake.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The entry point of {@code genlake serve-sql} that {@code bin/genlake} starts on the Thrift server's class path
 * ({@code jobs/target/serve-sql-classpath.txt}: classpath.txt plus Spark's Thrift server and the Hive jars under it,
 * which no other command loads): the same {@link ServeSqlCommand}, options and messages as under the {@link Genlake}
 * root.
 */
public final class ServeSqlMain {
  private ServeSqlMain() {}

  public static void main(String[] args) {
    CommandLine root = new CommandLine(CommandSpec.create().name("genlake"))
        .addSubcommand("serve-sql", new ServeSqlCommand())
        .setExecutionExceptionHandler(new Genlake.Failures());
    String[] all = new String[args.length + 1];
    all[0] = "serve-sql";
    System.arraycopy(args, 0, all, 1, args.length);
    System.exit(root.execute(all));
  }
}

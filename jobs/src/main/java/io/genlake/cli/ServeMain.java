package io.genlake.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The entry point of {@code genlake serve} that {@code bin/genlake} starts on a class path without Spark
 * ({@code jobs/target/serve-classpath.txt}): the same {@link ServeCommand}, options and messages as under the
 * {@link Genlake} root, with only Jetty, Jackson, SnakeYAML and picocli loaded.
 */
public final class ServeMain {
  private ServeMain() {}

  public static void main(String[] args) {
    int status = alone("serve", new ServeCommand(), args);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Runs {@code genlake <name> args} with only {@code command} under the root, with the root's failure messages: the
   * entry points of commands that run on a class path of their own ({@link ServeMain}, {@link ServeSqlMain}).
   */
  static int alone(String name, Object command, String[] args) {
    CommandLine root = new CommandLine(CommandSpec.create().name("genlake"))
        .addSubcommand(name, command)
        .setExecutionExceptionHandler(new Genlake.Failures());
    String[] all = new String[args.length + 1];
    all[0] = name;
    System.arraycopy(args, 0, all, 1, args.length);
    return root.execute(all);
  }
}

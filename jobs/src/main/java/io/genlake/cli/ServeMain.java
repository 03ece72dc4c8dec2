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
    CommandLine root = new CommandLine(CommandSpec.create().name("genlake"))
        .addSubcommand("serve", new ServeCommand())
        .setExecutionExceptionHandler(new Genlake.Failures());
    String[] all = new String[args.length + 1];
    all[0] = "serve";
    System.arraycopy(args, 0, all, 1, args.length);
    int status = root.execute(all);
    if (status != 0) {
      System.exit(status);
    }
  }
}

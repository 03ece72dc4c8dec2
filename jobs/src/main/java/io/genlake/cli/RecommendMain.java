package io.genlake.cli;

import io.genlake.pipeline.Errors;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The fast entry point of {@code genlake recommend}, which {@code bin/genlake} starts on a class path without
 * Spark ({@code jobs/target/recommend-classpath.txt}): the same {@link RecommendCommand}, options, output and exit
 * codes as under the {@link Genlake} root, without the root's scan of every subcommand. Plain
 * {@code --option value} lines are parsed here, because picocli's classes (Java 5 bytecode) cannot be kept in a
 * class-data-sharing archive and loading them costs more than the whole answer; anything else (help, version,
 * {@code --option=value}, an unknown or repeated option, a value starting with '-') goes to picocli, so its messages
 * stay exactly the usual ones.
 */
public final class RecommendMain {
  private static final Set<String> VALUED = Set.of("--prompt", "--checkpoints", "--user", "--family", "--tier",
      "--warehouse", "--config", "--master");
  private static final Set<String> FLAGS = Set.of("-q", "--quiet");

  private RecommendMain() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs {@code genlake recommend <args>} and returns its exit status (tests call this instead of main). */
  public static int run(String... args) {
    Optional<RecommendCommand> parsed = parse(args);
    if (parsed.isEmpty()) {
      return withPicocli(args);
    }
    try {
      return parsed.get().call();
    } catch (Exception e) {
      // what Genlake.Failures prints under the picocli root
      PrintStream err = System.err;
      err.println("genlake recommend: " + Errors.describe(e));
      if ("1".equals(System.getenv("GENLAKE_DEBUG"))) {
        e.printStackTrace(err);
      }
      err.flush();
      return 1;
    }
  }

  /** The command with its options set, or empty when the arguments are not plain {@code --option value} pairs. */
  static Optional<RecommendCommand> parse(String... args) {
    RecommendCommand cmd = new RecommendCommand();
    cmd.warehouse = new WarehouseOptions();
    cmd.tier = "standard";
    Set<String> seen = new HashSet<>();
    List<String> checkpoints = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (FLAGS.contains(name)) {
        cmd.warehouse.quiet = true;
        continue;
      }
      boolean repeated = !seen.add(name) && !name.equals("--checkpoints");
      if (!VALUED.contains(name) || repeated || i + 1 == args.length || args[i + 1].startsWith("-")) {
        return Optional.empty();
      }
      String value = args[++i];
      switch (name) {
        case "--prompt" -> cmd.prompt = value;
        case "--checkpoints" -> {
          if (value.isEmpty() || value.contains("\"") || value.startsWith(",") || value.endsWith(",")
              || value.contains(",,")) {
            return Optional.empty(); // quoting and empty elements: picocli's own split rules
          }
          checkpoints.addAll(Arrays.asList(value.split(",")));
        }
        case "--user" -> cmd.user = Optional.of(value);
        case "--family" -> cmd.family = Optional.of(value);
        case "--tier" -> cmd.tier = value;
        case "--warehouse" -> cmd.warehouse.warehouse = Optional.of(value);
        case "--config" -> cmd.warehouse.config = Optional.of(Path.of(value));
        default -> cmd.warehouse.master = Optional.of(value);
      }
    }
    if (cmd.prompt == null) {
      return Optional.empty(); // picocli reports the missing required option
    }
    cmd.checkpoints = checkpoints;
    return Optional.of(cmd);
  }

  private static int withPicocli(String... args) {
    CommandLine root = new CommandLine(CommandSpec.create().name("genlake"))
        .addSubcommand("recommend", new RecommendCommand())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(new Genlake.Failures());
    String[] all = new String[args.length + 1];
    all[0] = "recommend";
    System.arraycopy(args, 0, all, 1, args.length);
    return root.execute(all);
  }
}

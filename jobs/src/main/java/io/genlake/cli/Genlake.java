package io.genlake.cli;

import io.genlake.ops.PipelineRuns.Status;
import io.genlake.pipeline.Errors;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.Step;
import io.genlake.scheduler.Scheduler;
import java.util.ServiceLoader;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The genlake command line: {@code bin/genlake <command>} locally, or
 * {@code spark-submit --class io.genlake.cli.Genlake genlake-jobs-*-spark.jar <command>} on a cluster.
 * The product's commands are listed here; {@code generate} and {@code bench} join them from the bench jar
 * ({@link CommandExtension}), which {@code bin/genlake} puts on the class path and the spark-submit jar does not hold.
 */
@Command(
    name = "genlake",
    mixinStandardHelpOptions = true,
    versionProvider = Genlake.Version.class,
    description = "Nightly Spark + Delta Lake analytics for generative-media feedback.",
    subcommands = {
      NightlyCommand.class,
      IngestCommand.class,
      EnrichCommand.class,
      SqlCommand.class,
      FitCommand.class,
      ReportCommand.class,
      ExportCommand.class,
      MaintainCommand.class,
      NotebookCommand.class,
      FailuresCommand.class,
      FeedbackCommand.class,
      AttemptsCommand.class,
      SessionsCommand.class,
      RestoreCommand.class,
      PreferenceCommand.class,
      RecommendCommand.class,
      PrefsCommand.class,
      ServeCommand.class,
      ServeSqlCommand.class
    })
public final class Genlake implements Runnable {
  /** Exit status when a step finished but left work undone. */
  public static final int EXIT_PARTIAL = 3;

  /** Commands that the bench jar adds; named here only to say where they are when it is missing. */
  private static final Set<String> BENCH_JAR_COMMANDS = Set.of("bench", "generate");

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    io.genlake.ops.StartupTimings.mark("main");
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit status (tests call this instead of main). */
  public static int run(String... args) {
    return execute(commandLine(ServiceLoader.load(CommandExtension.class, Genlake.class.getClassLoader())), args);
  }

  /** Runs {@code cl}; a bench-jar command it lacks gets a message that says where the command is. */
  static int execute(CommandLine cl, String... args) {
    if (args.length > 0 && BENCH_JAR_COMMANDS.contains(args[0]) && !cl.getSubcommands().containsKey(args[0])) {
      cl.getErr().println("genlake " + args[0] + ": this command is in the bench jars (genlake-jobs-<version>-bench.jar "
          + "and genlake-lib-<version>-bench.jar), which are not on this class path; the spark-submit jar holds only "
          + "the product. Run it through bin/genlake, which adds them.");
      cl.getErr().flush();
      return 2;
    }
    return cl.execute(args);
  }

  /**
   * The command tree: the product's commands, then those of every extension, then {@code help}. Settings are
   * applied after the tree is complete, so extension commands get them too.
   */
  static CommandLine commandLine(Iterable<CommandExtension> extensions) {
    CommandLine cl = new CommandLine(new Genlake());
    for (CommandExtension extension : extensions) {
      extension.commands().forEach(cl::addSubcommand);
    }
    cl.addSubcommand(new CommandLine.HelpCommand());
    // a date a person mistyped reads as a user message, not as a Java type conversion
    cl.registerConverter(java.time.LocalDate.class, Genlake::date);
    return cl.setCaseInsensitiveEnumValuesAllowed(true).setExecutionExceptionHandler(new Failures());
  }

  /** {@code text} as a date, or a message saying what a date looks like. */
  static java.time.LocalDate date(String text) {
    try {
      return java.time.LocalDate.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      throw new CommandLine.TypeConversionException(text + " is not a date: expected YYYY-MM-DD, e.g. 2026-11-20");
    }
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** The exit status of a run that ended {@code status}: 0 succeeded, {@link #EXIT_PARTIAL} partial, 1 failed. */
  static int exitCode(Status status) {
    return switch (status) {
      case SUCCEEDED, SKIPPED -> 0;
      case PARTIAL -> EXIT_PARTIAL;
      case FAILED, INTERRUPTED -> 1;
    };
  }

  /** Runs {@code step} alone through the scheduler (recorded in the ops tables) and returns the exit status. */
  static int runStep(RunContext ctx, Step step, String arguments) {
    return exitCode(Scheduler.runOne(ctx, step, arguments).status());
  }

  /** Prints a failure as one clear line (the stack trace only with GENLAKE_DEBUG=1) and exits 1. */
  static final class Failures implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
      if (e instanceof QuickJit.Relaunch) {
        return QuickJit.EXIT_RELAUNCH; // bin/genlake starts the command again: nothing to say
      }
      cmd.getErr().println("genlake " + cmd.getCommandName() + ": " + Errors.describe(e));
      if ("1".equals(System.getenv("GENLAKE_DEBUG"))) {
        e.printStackTrace(cmd.getErr());
      }
      cmd.getErr().flush();
      return 1;
    }
  }

  /** The version the build wrote into {@code genlake-version.properties} ({@code ${project.version}}). */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws java.io.IOException {
      java.util.Properties p = new java.util.Properties();
      try (var in = Genlake.class.getResourceAsStream("/genlake-version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {"genlake " + p.getProperty("version", "(version unknown: built without Maven)")};
    }
  }
}

package io.genlake.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The genlake command line: {@code bin/genlake <command>} locally, or
 * {@code spark-submit --class io.genlake.cli.Genlake genlake-jobs-*-spark.jar <command>} on a cluster.
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
      GenerateCommand.class,
      BenchCommand.class,
      ReportCommand.class,
      ExportCommand.class,
      MaintainCommand.class,
      NotebookCommand.class,
      FailuresCommand.class,
      FeedbackCommand.class,
      PreferenceCommand.class,
      RecommendCommand.class,
      PrefsCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Genlake implements Runnable {
  /** Exit status when a step finished but left work undone. */
  public static final int EXIT_PARTIAL = 3;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit status (tests call this instead of main). */
  public static int run(String... args) {
    return new CommandLine(new Genlake())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(new Failures())
        .execute(args);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** Prints a failure as one clear line (the stack trace only with GENLAKE_DEBUG=1) and exits 1. */
  static final class Failures implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
      cmd.getErr().println("genlake " + cmd.getCommandName() + ": " + Errors.describe(e));
      if ("1".equals(System.getenv("GENLAKE_DEBUG"))) {
        e.printStackTrace(cmd.getErr());
      }
      cmd.getErr().flush();
      return 1;
    }
  }

  /** The version from the jar manifest, or "development". */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Genlake.class.getPackage().getImplementationVersion();
      return new String[] {"genlake " + (v == null ? "development" : v)};
    }
  }
}

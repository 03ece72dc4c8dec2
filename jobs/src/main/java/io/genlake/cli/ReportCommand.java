package io.genlake.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code genlake report <kind>}: writes a self-contained HTML (and Markdown) report under reports/. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write reports (self-contained HTML and Markdown) under the reports directory.",
    subcommands = {ReportFailuresCommand.class, ReportFitCommand.class})
final class ReportCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Name a report: see `genlake report --help`.");
  }
}

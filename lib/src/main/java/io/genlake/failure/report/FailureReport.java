package io.genlake.failure.report;

import io.genlake.config.FailureConfig;
import io.genlake.pipeline.StepResult;
import io.genlake.report.Figure;
import io.genlake.warehouse.Warehouse;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The failure and feedback report: reads the failure gold tables (run the failure step first) and writes
 * {@code <reports>/failures/index.html} (self-contained: inline CSS, XChart PNGs as data URIs, no external
 * resource) and
 * {@code report.md}, and prints seed 004's terminal summary. Cost: a handful of small reads of gold tables.
 */
public final class FailureReport {
  /** The directory under the reports root. */
  public static final String DIRECTORY = "failures";

  private FailureReport() {}

  /**
   * Writes the report files under {@code reportsRoot} and prints the terminal summary to {@code terminal};
   * {@code config} gives the trend periods' minimum count (failure.trends.min_outcomes) the charts fade below.
   */
  public static StepResult write(Warehouse warehouse, FailureConfig config, Path reportsRoot, PrintStream terminal) {
    ReportData data = ReportReader.read(warehouse, config.trends().minOutcomes());
    String generated = "Generated " + Instant.now() + " from the gold tables of " + warehouse.root() + ".";
    Map<String, List<Figure>> charts = FailureCharts.render(data);
    Path dir = reportsRoot.resolve(DIRECTORY);
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("index.html"), Renderings.html(data, charts, generated), StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("report.md"), Renderings.markdown(data, generated), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the failure report under " + dir + ": " + e.getMessage()
          + ". Check that the reports directory (paths.reports) is writable.", e);
    }
    terminal.print(TextReport.render(data));
    terminal.flush();
    return new StepResult()
        .count("report.charts", charts.values().stream().mapToInt(List::size).sum())
        .count("report.patterns", data.patterns().size())
        .count("report.alerts", data.alerts().size())
        .note("wrote " + dir.resolve("index.html") + " and " + dir.resolve("report.md"));
  }

  /** The terminal summary only (seed 004's print_analytics_report), from the gold tables. */
  public static String summary(Warehouse warehouse) {
    return TextReport.render(ReportReader.read(warehouse, 0));
  }
}

package io.genlake.cli;

import io.genlake.fit.inspector.FitReportStep;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code genlake report fit [--block-id B]}: the fit inspector page under reports/fit/. */
@Command(name = "fit", mixinStandardHelpOptions = true,
    description = "Write the block-image fit inspector (self-contained HTML) to <reports>/fit/index.html, "
        + "or block-<id>.html with --block-id. Run `genlake fit run` (or nightly) first.")
final class ReportFitCommand implements Callable<Integer> {
  @Mixin WarehouseOptions warehouse;
  @Mixin RunOptions run;

  @Option(names = "--block-id", paramLabel = "ID", description = "Show only this block.")
  Optional<String> blockId = Optional.empty();

  @Override
  public Integer call() {
    return Genlake.runStep(Session.openRun("report_fit", warehouse, run), new FitReportStep(blockId),
        blockId.map(b -> "--block-id " + b).orElse(""));
  }
}

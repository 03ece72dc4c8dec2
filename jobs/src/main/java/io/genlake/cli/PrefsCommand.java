package io.genlake.cli;

import io.genlake.preference.PreferenceImportStep;
import io.genlake.preference.PreferenceLearning;
import io.genlake.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code genlake prefs export|import}: seed 003's portable preference statistics (JSON). */
@Command(name = "prefs", mixinStandardHelpOptions = true,
    description = "Export or import the preference statistics as portable JSON.",
    subcommands = {PrefsCommand.Export.class, PrefsCommand.Import.class})
final class PrefsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Name an action: export or import.");
  }

  /** {@code prefs export --out FILE.json}. */
  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Write the current preference pair statistics (base and increments folded) to a JSON file.")
  static final class Export implements Callable<Integer> {
    @Mixin WarehouseOptions warehouse;

    @Option(names = "--out", required = true, paramLabel = "FILE.json", description = "The file to write.")
    Path out;

    @Override
    public Integer call() {
      Warehouse w = Session.openWarehouse("prefs export", warehouse);
      long n = PreferenceLearning.exportTo(w, out);
      System.err.println("[prefs] exported " + n + " pairs to " + out);
      return 0;
    }
  }

  /** {@code prefs import FILE.json}: merges the file's counts into the warehouse's statistics. */
  @Command(name = "import", mixinStandardHelpOptions = true,
      description = "Merge a JSON export into the preference pair statistics (counts add up; both decayed to the later "
          + "date), written as a new gold.preference_pair_stats.")
  static final class Import implements Callable<Integer> {
    @Mixin WarehouseOptions warehouse;
    @Mixin RunOptions run;

    @Parameters(index = "0", paramLabel = "FILE.json", description = "A file written by `genlake prefs export`.")
    Path file;

    @Override
    public Integer call() {
      return Genlake.runStep(Session.openRunCreating("prefs-import", warehouse, run), new PreferenceImportStep(file),
          file.toString());
    }
  }
}

package io.genlake.cli;

import io.genlake.ingest.IngestStep;
import io.genlake.ingest.Stream;
import io.genlake.pipeline.RunContext;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code genlake ingest <generations|ratings|feedback|reference|all>}: landing exports into bronze, silver, quarantine. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Ingest landing exports (JSON Lines, CSV, SQLite) into bronze.<stream>, silver.* and "
        + "quarantine.<stream>; prints read = accepted + duplicates + quarantined per table.")
final class IngestCommand implements Callable<Integer> {
  /** What to ingest. */
  enum Target { GENERATIONS, RATINGS, FEEDBACK, REFERENCE, ALL }

  @Mixin WarehouseOptions warehouse;
  @Mixin RunOptions run;

  @Parameters(index = "0", paramLabel = "STREAM", description = "generations, ratings, feedback, reference or all.")
  Target target;

  @Override
  public Integer call() {
    Set<Stream> streams = target == Target.ALL ? EnumSet.allOf(Stream.class) : EnumSet.of(Stream.valueOf(target.name()));
    RunContext ctx = Session.openRunCreating("ingest", warehouse, run);
    String args = target.name().toLowerCase(Locale.ROOT);
    return Genlake.runStep(ctx, new IngestStep(streams), args);
  }
}

package io.genlake.ingest;

import io.genlake.pipeline.PinnedInputs;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StateKey;
import io.genlake.pipeline.DeclaredStep;
import io.genlake.pipeline.StepReport;
import io.genlake.table.BronzeTables;
import io.genlake.warehouse.TableId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code ingest} step ({@link Ingestion}): the landing into bronze, silver and quarantine for the chosen streams.
 * It reads no tables (its input is the landing, whose unchanged files it skips by fingerprint), so it always runs.
 */
public final class IngestStep extends DeclaredStep {
  private final Set<Stream> streams;

  /** Ingests {@code streams}. */
  public IngestStep(Set<Stream> streams) {
    super("ingest", List.of(), outputs(streams), List.of(StateKey.config("ingest"), StateKey.landing()));
    this.streams = Set.copyOf(streams);
  }

  /** Ingests every stream (the nightly's step). */
  public static IngestStep all() {
    return new IngestStep(EnumSet.allOf(Stream.class));
  }

  /** The bronze, quarantine and silver tables of {@code streams}, and the record of ingested sources. */
  private static List<TableId> outputs(Set<Stream> streams) {
    List<TableId> out = new ArrayList<>();
    for (Stream s : Stream.values()) {
      if (streams.contains(s)) {
        out.add(s.bronze());
        out.add(s.quarantine());
      }
    }
    for (Kind k : Kind.values()) {
      if (streams.contains(k.stream()) && !out.contains(k.silver().id())) {
        out.add(k.silver().id());
      }
    }
    out.add(BronzeTables.SOURCE_FILES);
    return out;
  }

  @Override
  public StepReport run(RunContext ctx, PinnedInputs inputs) {
    return Ingestion.run(ctx, streams).report();
  }
}

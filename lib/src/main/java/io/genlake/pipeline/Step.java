package io.genlake.pipeline;

import io.genlake.warehouse.TableId;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A pipeline step, declared next to its area's code: its name (in {@code ops.pipeline_runs} and
 * {@code ops.step_state}), the tables it reads and writes, what else its result depends on ({@link StateKey}s:
 * configuration sections, the run date, the ontology), and how it runs given the pinned versions of its inputs.
 * The {@link Scheduler} derives the order of a run's steps from their tables, decides which are up to date, pins
 * and records input versions and writes the ops rows; a step only does its work.
 *
 * <p>Adding a step: implement this interface in the area's package (usually by extending {@link DeclaredStep}) and
 * add one line to the nightly's list ({@code io.genlake.nightly.NightlySteps}).
 */
public interface Step {
  /** The step's name: lower-case, unique in a pipeline, e.g. {@code fit}. */
  String name();

  /**
   * The tables the step reads: it runs after every step of the run that writes one of them, is up to date only while
   * none changed, and reads them at their pinned versions. Empty: the step always runs (ingest reads the landing).
   */
  List<TableId> inputs();

  /** The tables the step writes: steps that read them run after it; steps writing the same table never overlap. */
  List<TableId> outputs();

  /** What the result depends on besides the input tables; part of the up-to-date decision. Default: nothing. */
  default List<StateKey> state() {
    return List.of();
  }

  /** A file the step writes outside the warehouse: while it is missing the step is not up to date. Default: none. */
  default Optional<Path> outputFile(RunContext ctx) {
    return Optional.empty();
  }

  /**
   * Does the step's work on {@code inputs} (the pinned versions, and the baseline of an incremental run) and says what
   * it did. Throwing fails the step; the scheduler records the failure.
   */
  StepReport run(RunContext ctx, PinnedInputs inputs);
}

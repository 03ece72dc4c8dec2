package io.genlake.pipeline;

import io.genlake.warehouse.TableId;
import java.util.List;

/**
 * A {@link Step} whose name, tables and state are fixed when it is built: a subclass passes them to the constructor
 * and implements {@link #run} (and {@link #outputFile} when it writes a file outside the warehouse).
 */
public abstract class DeclaredStep implements Step {
  private final String name;
  private final List<TableId> inputs;
  private final List<TableId> outputs;
  private final List<StateKey> state;

  /**
   * @param name the step's name
   * @param inputs the tables it reads
   * @param outputs the tables it writes
   * @param state what else its result depends on
   */
  protected DeclaredStep(String name, List<TableId> inputs, List<TableId> outputs, List<StateKey> state) {
    this.name = name;
    this.inputs = List.copyOf(inputs);
    this.outputs = List.copyOf(outputs);
    this.state = List.copyOf(state);
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final List<TableId> inputs() {
    return inputs;
  }

  @Override
  public final List<TableId> outputs() {
    return outputs;
  }

  @Override
  public final List<StateKey> state() {
    return state;
  }

  @Override
  public String toString() {
    return name;
  }
}

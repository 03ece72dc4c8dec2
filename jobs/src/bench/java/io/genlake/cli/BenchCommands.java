package io.genlake.cli;

import java.util.List;

/** Adds {@code genlake generate} and {@code genlake bench} to the command line when the bench jar is present. */
public final class BenchCommands implements CommandExtension {
  /** Creates the extension (called by {@link java.util.ServiceLoader}). */
  public BenchCommands() {}

  @Override
  public List<Object> commands() {
    return List.of(new GenerateCommand(), new BenchCommand());
  }
}

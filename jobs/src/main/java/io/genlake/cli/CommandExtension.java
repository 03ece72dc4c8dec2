package io.genlake.cli;

import java.util.List;

/**
 * Commands kept outside the product jar that join {@code genlake} when their jar is on the class path: the
 * benchmarks and the synthetic-data generator live in {@code genlake-jobs-<version>-bench.jar}, which
 * {@code bin/genlake} adds, so {@code genlake bench …} and {@code genlake generate …} work locally while the
 * product jars hold only the product. Implementations are found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.genlake.cli.CommandExtension}) and need a public no-argument constructor.
 */
public interface CommandExtension {
  /** The picocli command objects to add to {@code genlake}, in the order {@code genlake --help} lists them. */
  List<Object> commands();
}

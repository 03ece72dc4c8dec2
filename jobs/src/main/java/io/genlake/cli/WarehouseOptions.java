package io.genlake.cli;

import io.genlake.config.ConfigLoader;
import io.genlake.config.GenlakeConfig;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options every command that opens the warehouse shares. */
public final class WarehouseOptions {
  @Option(names = "--warehouse", paramLabel = "DIR",
      description = "Warehouse root. Default: $GENLAKE_WAREHOUSE, else ./warehouse (paths.warehouse in --config).")
  Optional<String> warehouse = Optional.empty();

  @Option(names = "--config", paramLabel = "FILE",
      description = "YAML file merged over the built-in defaults (see genlake-defaults.yaml).")
  Optional<Path> config = Optional.empty();

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master when not run by spark-submit. Default: local[*] (spark.master in --config).")
  Optional<String> master = Optional.empty();

  @Option(names = {"-q", "--quiet"}, description = "Print no progress lines, only results and errors.")
  boolean quiet;

  private GenlakeConfig loaded;

  /** The merged, validated configuration (loaded once). */
  public GenlakeConfig config() {
    if (loaded == null) {
      loaded = ConfigLoader.load(config);
    }
    return loaded;
  }

  /** --warehouse, else GENLAKE_WAREHOUSE, else the configured path. */
  public String warehouseRoot() {
    return warehouse
        .or(() -> Optional.ofNullable(System.getenv("GENLAKE_WAREHOUSE")).filter(s -> !s.isBlank()))
        .orElse(config().paths().warehouse());
  }
}

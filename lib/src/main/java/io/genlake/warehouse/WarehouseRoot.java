package io.genlake.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Whether a path holds a genlake warehouse, decided on the file system alone (no Spark, nothing created): a
 * warehouse is a directory with at least one Delta table under a layer directory ({@code <root>/<layer>/<table>/
 * _delta_log}). Read commands refuse a path that holds none, so a mistyped {@code --warehouse} creates nothing and
 * overwrites nothing; only the commands that write tables create one, and say so. Remote roots (URIs) are taken as they are. Cost: a directory listing per layer.
 */
public final class WarehouseRoot {
  private WarehouseRoot() {}

  /** True when {@code root} is a URI, or a local directory with a Delta table in one of its layers. */
  public static boolean holdsWarehouse(String root) {
    if (root.contains("://")) {
      return true;
    }
    Path dir = Path.of(root);
    if (!Files.isDirectory(dir)) {
      return false;
    }
    for (Layer layer : Layer.values()) {
      Path layerDir = dir.resolve(layer.dirName());
      if (!Files.isDirectory(layerDir)) {
        continue;
      }
      try (Stream<Path> tables = Files.list(layerDir)) {
        if (tables.anyMatch(t -> Files.isDirectory(t.resolve("_delta_log")))) {
          return true;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list " + layerDir + ": " + e.getMessage(), e);
      }
    }
    return false;
  }

  /** Throws {@link NoWarehouseException} unless {@code root} {@link #holdsWarehouse holds a warehouse}. */
  public static void requireWarehouse(String root) {
    if (!holdsWarehouse(root)) {
      throw new NoWarehouseException(Path.of(root).toAbsolutePath().normalize().toString());
    }
  }

  /** The path given as a warehouse holds none. */
  public static final class NoWarehouseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NoWarehouseException(String root) {
      super("no genlake warehouse at " + root + ": run `bin/genlake nightly` first or pass --warehouse "
          + "(or set GENLAKE_WAREHOUSE) to the warehouse you meant");
    }
  }
}

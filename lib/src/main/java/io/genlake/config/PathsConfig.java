package io.genlake.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Default locations; command-line options override them. Outputs belong to their warehouse: a relative
 * {@code reports} or {@code exports} path is resolved against the warehouse root ({@code <warehouse>/reports}),
 * never the working directory, so two warehouses never share or overwrite each other's reports and exports. A
 * relative {@code landing} is resolved against the genlake installation ({@code $GENLAKE_HOME}, which
 * {@code bin/genlake} sets: the bundled {@code data/sample}), else the working directory; a relative
 * {@code warehouse} against the working directory.
 */
public record PathsConfig(String landing, String warehouse, String reports, String exports) {
  /** The environment variable naming the genlake installation; {@code bin/genlake} exports it. */
  public static final String HOME_ENV = "GENLAKE_HOME";

  static PathsConfig from(ConfigNode node) {
    node.onlyKeys("landing", "warehouse", "reports", "exports");
    return new PathsConfig(
        node.string("landing"), node.string("warehouse"), node.string("reports"), node.string("exports"));
  }

  /** The landing directory, absolute: a relative path from the installation ({@code home}), if known. */
  public Path landingDir(Optional<String> home) {
    Path p = Path.of(landing);
    if (p.isAbsolute() || home.isEmpty()) {
      return p.toAbsolutePath().normalize();
    }
    return Path.of(home.get()).resolve(p).toAbsolutePath().normalize();
  }

  /** The reports directory of the warehouse at {@code warehouseRoot} (a local path), absolute. */
  public Path reportsDir(String warehouseRoot) {
    return underWarehouse(warehouseRoot, reports);
  }

  /** The exports directory of the warehouse at {@code warehouseRoot} (a local path), absolute. */
  public Path exportsDir(String warehouseRoot) {
    return underWarehouse(warehouseRoot, exports);
  }

  /** The installation directory from the environment ({@link #HOME_ENV}), if set. */
  public static Optional<String> home() {
    return Optional.ofNullable(System.getenv(HOME_ENV)).filter(s -> !s.isBlank());
  }

  private static Path underWarehouse(String warehouseRoot, String path) {
    Path p = Path.of(path);
    if (p.isAbsolute()) {
      return p.normalize();
    }
    // a warehouse on a remote file system (a URI) has no local directory: its outputs go where the path says
    Path base = warehouseRoot.contains("://") ? Path.of("") : Path.of(warehouseRoot);
    return base.resolve(p).toAbsolutePath().normalize();
  }
}

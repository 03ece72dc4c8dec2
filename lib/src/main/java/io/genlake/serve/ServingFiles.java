package io.genlake.serve;

import java.net.URI;
import java.nio.file.Path;

/**
 * Where the serving snapshots live under a warehouse root, and the format names and versions they carry. The nightly
 * writes them ({@link SnapshotWriter}); {@code genlake serve} and {@code genlake fit rate} read them without Spark.
 */
public final class ServingFiles {
  /** The fit inspector's snapshot: blocks and assets with their tags, ratings, candidates, calibration, ontology. */
  public static final String FIT_INSPECTOR = "serving/fit-inspector.json.gz";
  /** The generation dev panel's snapshot: recent generations, provider health, reproducibility, violations. */
  public static final String GENERATIONS = "serving/generations.json.gz";
  /** Format name and version of the fit inspector snapshot (its {@code format} and {@code version} members). */
  public static final String FIT_FORMAT = "genlake-fit-inspector";
  public static final String GENERATIONS_FORMAT = "genlake-generations";
  public static final int VERSION = 1;

  private ServingFiles() {}

  /** The local file of {@code relative} under a warehouse root given as a directory or a {@code file:} URI. */
  public static Path local(String warehouseRoot, String relative) {
    Path root = warehouseRoot.startsWith("file:") ? Path.of(URI.create(warehouseRoot)) : Path.of(warehouseRoot);
    return root.resolve(relative);
  }
}

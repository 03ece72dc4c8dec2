package io.genlake.spark;

import io.genlake.config.SparkSettings;
import io.genlake.config.SparkSettings.Codegen;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether Spark compiles the session's queries to Java or evaluates them interpreted ({@code spark.codegen}).
 *
 * <p>Compiled (Spark's default): each distinct plan becomes whole-stage generated Java that Janino compiles and the
 * JIT then compiles again. That pays off per row, so it wins on large inputs; on a small warehouse it is fixed cost,
 * paid for hundreds of small plans a night (a fifth of the bundled sample's nightly). Interpreted: Spark's
 * interpreted operators and expressions ({@code spark.sql.codegen.factoryMode = NO_CODEGEN}, which also turns off
 * whole-stage code generation); the same results.
 *
 * <p>{@code auto} chooses interpreted when the data the run can read, the warehouse's {@code silver} layer and the
 * landing directory, is under {@code spark.interpreted_below_mb}, and compiled otherwise, on a cluster master, for a
 * warehouse that is not a local path, and whenever {@code spark.conf} sets either code generation key itself.
 * Long-lived sessions ({@code serve-sql}, notebooks) ask for compiled queries. Known gap of Spark 3.5's interpreted
 * mode: it cannot decode {@code org.apache.spark.sql.catalog.Table} ({@code spark.catalog().listTables()}); genlake
 * lists tables from the warehouse's directories.
 */
public record ExecutionMode(boolean interpreted, String reason) {
  /** Spark's setting that, at {@code NO_CODEGEN}, interprets expressions and skips whole-stage code generation. */
  public static final String FACTORY_MODE = "spark.sql.codegen.factoryMode";
  static final String WHOLE_STAGE = "spark.sql.codegen.wholeStage";
  /** The session setting holding the chosen mode's reason, for the run's progress output. */
  public static final String REASON_KEY = "spark.genlake.execution";

  /**
   * The Spark setting the mode puts on the session, either way: a session that already exists (one JVM running
   * several commands, a notebook) takes it over whatever an earlier command chose.
   */
  public Map<String, String> conf() {
    return Map.of(FACTORY_MODE, interpreted ? "NO_CODEGEN" : "FALLBACK");
  }

  /**
   * The mode for a session of {@code settings} on {@code master} whose runs read {@code dataDirs} (missing ones count
   * as empty). Sizes are summed file by file and the walk stops once the limit is passed, so a large warehouse costs
   * a bounded listing.
   */
  public static ExecutionMode choose(SparkSettings settings, String master, List<Path> dataDirs, boolean localPaths) {
    if (settings.conf().containsKey(FACTORY_MODE) || settings.conf().containsKey(WHOLE_STAGE)) {
      return new ExecutionMode(false, "code generation as spark.conf sets it");
    }
    if (settings.codegen() != Codegen.AUTO) {
      boolean interpreted = settings.codegen() == Codegen.INTERPRETED;
      return new ExecutionMode(interpreted, (interpreted ? "interpreted" : "compiled") + " (spark.codegen)");
    }
    if (!master.startsWith("local")) {
      return new ExecutionMode(false, "compiled: cluster master " + master + " (spark.codegen auto)");
    }
    if (!localPaths) {
      return new ExecutionMode(false, "compiled: the warehouse is not a local path (spark.codegen auto)");
    }
    long limit = settings.interpretedBelowMb() * 1024L * 1024L;
    long size = 0;
    for (Path dir : dataDirs) {
      size += sizeUpTo(dir, limit - size);
      if (size >= limit) {
        return new ExecutionMode(false, "compiled: silver and landing data of at least "
            + settings.interpretedBelowMb() + " MB (spark.interpreted_below_mb)");
      }
    }
    return new ExecutionMode(true, String.format(Locale.ROOT, "interpreted: %.1f MB of silver and landing data, "
        + "under spark.interpreted_below_mb = %d", size / 1048576.0, settings.interpretedBelowMb()));
  }

  /**
   * The bytes of the regular files under {@code dir}, counted until they reach {@code limit}; 0 if it is missing.
   * Symbolic links are followed (a landing directory is often a link to the export share); a link cycle is skipped.
   */
  static long sizeUpTo(Path dir, long limit) {
    if (limit <= 0 || !Files.exists(dir)) {
      return 0;
    }
    long[] total = {0};
    SimpleFileVisitor<Path> counter = new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (attrs.isRegularFile()) {
          total[0] += attrs.size();
        }
        return total[0] >= limit ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        return FileVisitResult.CONTINUE; // an unreadable entry (or a link cycle) is not data the run can read
      }
    };
    try {
      Files.walkFileTree(dir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, counter);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot measure " + dir + ": " + e.getMessage(), e);
    }
    return total[0];
  }
}

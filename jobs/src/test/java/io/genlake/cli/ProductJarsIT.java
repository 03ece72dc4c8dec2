package io.genlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The production jars (genlake-lib, genlake-jobs and the shaded spark-submit jar) hold only the product: no class of
 * the bench jars, and no class named like a benchmark or synthetic-data class. Runs after {@code package}
 * (failsafe, {@code mvn verify}); the jar paths come from jobs/pom.xml.
 */
class ProductJarsIT {
  /**
   * Benchmark and synthetic-data class names, for classes put back in src/main (and so no longer in a bench jar):
   * the generator package, Bench*, Synthetic*, Planted*, *Benchmark, and the generate command with its helpers.
   */
  static final Pattern BENCH_NAME = Pattern.compile("io/genlake/(generate/.*|(.*/)?(Bench|Synthetic|Planted)[^/]*"
      + "|(.*/)?[^/]*Benchmark(\\$[^/]*)?\\.class|cli/(GenerateCommand|EndToEnd|Seed002Migration)(\\$[^/]*)?\\.class)");

  @Test
  void productJarsHoldNoBenchmarkOrSyntheticDataClass() {
    Set<String> bench = new TreeSet<>();
    for (Path jar : jars("genlake.benchJars")) {
      Set<String> classes = classes(jar);
      assertTrue(classes.size() > 5, jar + " holds " + classes.size() + " classes: not the bench jar this test expects");
      bench.addAll(classes);
    }
    assertTrue(bench.contains("io/genlake/generate/LandingGenerator.class") && bench.contains("io/genlake/cli/BenchCommand.class"),
        "the bench jars lack the generator or the bench command: " + bench);
    for (Path jar : jars("genlake.productJars")) {
      Set<String> classes = classes(jar);
      assertTrue(classes.contains("io/genlake/warehouse/Warehouse.class") || classes.contains("io/genlake/cli/Genlake.class"),
          jar + " holds no genlake product class: not the product jar this test expects");
      List<String> misplaced = misplaced(classes, bench);
      assertEquals(List.of(), misplaced, jar.getFileName() + " holds benchmark or synthetic-data classes " + misplaced
          + "; they belong in src/bench/java (the bench jars), not src/main/java.");
    }
  }

  @Test
  void flagsBenchClassesByNameAndByBenchJarEntry() {
    Set<String> bench = Set.of("io/genlake/cli/Tuning.class");
    assertEquals(List.of("io/genlake/cli/BenchFitCommand$CpuTime.class", "io/genlake/cli/GenerateCommand.class",
            "io/genlake/cli/Tuning.class", "io/genlake/enrich/SyntheticGenerations.class",
            "io/genlake/fit/FitBenchmark.class", "io/genlake/generate/Rng.class",
            "io/genlake/preference/PairCountsBenchmark.class"),
        misplaced(Set.of("io/genlake/cli/BenchFitCommand$CpuTime.class", "io/genlake/cli/GenerateCommand.class",
            "io/genlake/cli/Tuning.class", "io/genlake/enrich/SyntheticGenerations.class",
            "io/genlake/fit/FitBenchmark.class", "io/genlake/generate/Rng.class",
            "io/genlake/preference/PairCountsBenchmark.class", "io/genlake/fit/FitJob.class",
            "io/genlake/cli/Genlake.class", "io/genlake/ingest/Ingestion.class"), bench));
  }

  /** The entries of {@code classes} that are bench classes, sorted. */
  static List<String> misplaced(Set<String> classes, Set<String> bench) {
    return classes.stream().filter(c -> bench.contains(c) || BENCH_NAME.matcher(c).matches()).sorted().toList();
  }

  private static List<Path> jars(String property) {
    String value = System.getProperty(property);
    assertTrue(value != null && !value.isBlank(), "system property " + property + " is not set (see jobs/pom.xml)");
    List<Path> jars = new ArrayList<>();
    for (String path : value.split(",")) {
      Path jar = Path.of(path.strip());
      assertTrue(Files.isRegularFile(jar), jar + " does not exist: run `mvn verify`, which packages it first");
      jars.add(jar);
    }
    return jars;
  }

  /** The .class entries of {@code jar}. */
  private static Set<String> classes(Path jar) {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      Set<String> out = new TreeSet<>();
      zip.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".class")).forEach(out::add);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + jar + ": " + e.getMessage(), e);
    }
  }
}

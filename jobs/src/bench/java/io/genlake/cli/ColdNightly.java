package io.genlake.cli;

import io.genlake.ops.StartupTimings;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Cold sample nightlies for {@code bench sql-endpoint}: {@code bin/genlake nightly -q} on the bundled sample, each in
 * a fresh process on a new warehouse in a temporary directory (removed afterwards), with its phase marks collected.
 */
final class ColdNightly {
  private ColdNightly() {}

  /** Runs {@code runs} cold nightlies and returns their breakdown. */
  static ColdBreakdown run(Path launcher, int runs) throws Exception {
    ColdBreakdown phases = new ColdBreakdown();
    for (int i = 0; i < runs; i++) {
      Path dir = Files.createTempDirectory("genlake-cold-nightly-");
      try {
        Path timings = ColdBreakdown.newFile();
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "nightly", "-q", "--warehouse",
            dir.resolve("warehouse").toString()).directory(dir.toFile())
            .redirectErrorStream(true).redirectOutput(dir.resolve("nightly.log").toFile());
        pb.environment().put(StartupTimings.ENV, timings.toString());
        long spawned = System.currentTimeMillis();
        Process proc = pb.start();
        int exit = proc.waitFor();
        long ended = System.currentTimeMillis();
        if (exit != 0) {
          throw new IllegalStateException("cold `bin/genlake nightly` failed (exit " + exit + "):\n"
              + Files.readString(dir.resolve("nightly.log")));
        }
        phases.add(timings, spawned, ended);
      } finally {
        ScratchDir.delete(dir);
      }
    }
    return phases;
  }
}

package io.genlake.failure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium for report tests: dumps the DOM after load and collects console errors from its log.
 * Skips (assumption) only when chromium is absent and CI is not "true"; in CI a missing browser fails.
 */
final class Browser {
  record Rendered(String dom, List<String> consoleErrors) {}

  private Browser() {}

  static Rendered render(Path html) throws IOException, InterruptedException {
    Path chromium = Path.of("/usr/bin/chromium");
    boolean ci = "true".equals(System.getenv("CI"));
    if (!Files.isExecutable(chromium)) {
      Assumptions.assumeTrue(ci, "chromium not installed (and CI is not true): browser test skipped");
      throw new IllegalStateException("CI=true but /usr/bin/chromium is missing: install Debian's chromium package.");
    }
    Path profile = Files.createTempDirectory("genlake-chromium");
    Path log = Files.createTempFile("genlake-chromium", ".log");
    Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000",
        "--dump-dom", html.toUri().toString())
        .redirectError(log.toFile())
        .start();
    String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("chromium did not finish within 120 s");
    }
    List<String> errors = new ArrayList<>();
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      if (line.contains("CONSOLE") && (line.contains("Uncaught") || line.contains("Error") || line.contains("ERROR"))) {
        errors.add(line);
      }
    }
    return new Rendered(dom, errors);
  }
}
